/** People, organisations and places named in an event's text, found by shape and a small gazetteer. */
export interface Entities {
  readonly people: string[];
  readonly organisations: string[];
  readonly places: string[];
}

const COUNTRIES = [
  'Afghanistan', 'Albania', 'Algeria', 'Andorra', 'Angola', 'Argentina', 'Armenia', 'Australia', 'Austria',
  'Azerbaijan', 'Bahrain', 'Bangladesh', 'Belarus', 'Belgium', 'Bolivia', 'Bosnia', 'Brazil', 'Bulgaria',
  'Burkina Faso', 'Cambodia', 'Cameroon', 'Canada', 'Chad', 'Chile', 'China', 'Colombia', 'Comoros', 'Croatia',
  'Cuba', 'Cyprus', 'Czech Republic', 'Denmark', 'Dominican Republic', 'Ecuador', 'Egypt', 'Eritrea', 'Estonia',
  'Ethiopia', 'Fiji', 'Finland', 'France', 'Georgia', 'Germany', 'Ghana', 'Greece', 'Grenada', 'Hungary',
  'Iceland', 'India', 'Indonesia', 'Iran', 'Iraq', 'Ireland', 'Israel', 'Italy', 'Japan', 'Jordan',
  'Kazakhstan', 'Kenya', 'Kosovo', 'Kuwait', 'Kyrgyzstan', 'Latvia', 'Lebanon', 'Libya', 'Lithuania',
  'Luxembourg', 'Malawi', 'Malaysia', 'Marshall Islands', 'Mexico', 'Moldova', 'Mongolia', 'Montenegro',
  'Morocco', 'Netherlands', 'New Zealand', 'Nicaragua', 'Nigeria', 'North Korea', 'Norway', 'Oman',
  'Pakistan', 'Palestine', 'Paraguay', 'Peru', 'Philippines', 'Poland', 'Portugal', 'Qatar', 'Romania',
  'Russia', 'Rwanda', 'Saint Lucia', 'Saudi Arabia', 'Serbia', 'Singapore', 'Slovakia', 'Slovenia',
  'South Africa', 'South Korea', 'Spain', 'Sudan', 'Swaziland', 'Sweden', 'Switzerland', 'Syria', 'Tajikistan',
  'Thailand', 'Togo', 'Trinidad and Tobago', 'Tunisia', 'Turkey', 'Türkiye', 'Turkmenistan', 'Tuvalu',
  'Uganda', 'Ukraine', 'United Arab Emirates', 'UAE', 'United Kingdom', 'UK', 'United States', 'US', 'USA',
  'Uruguay', 'Uzbekistan', 'Vatican City', 'Venezuela', 'Vietnam', 'Yemen', 'Zimbabwe',
];
const REGIONS_AND_CITIES = [
  'Europe', 'Asia', 'Africa', 'Caucasus', 'South Caucasus', 'Central Asia', 'Middle East', 'Caspian Sea',
  'Baku', 'Moscow', 'Tehran', 'Yerevan', 'Tbilisi', 'Ankara', 'Istanbul', 'Brussels', 'Strasbourg', 'Geneva',
  'Washington', 'London', 'Paris', 'Berlin', 'Davos', 'Kyiv', 'Kiev', 'Astana', 'Tashkent', 'Islamabad',
  'Abu Dhabi', 'Dubai', 'Riyadh', 'Beijing', 'Tokyo', 'Vienna', 'Rome', 'Madrid', 'Warsaw', 'Prague',
  'Budapest', 'Bucharest', 'Sofia', 'Belgrade', 'Minsk', 'Riga', 'Vilnius', 'Tallinn', 'Helsinki', 'Oslo',
  'Stockholm', 'Copenhagen', 'Amsterdam', 'The Hague', 'New York', 'Ottawa', 'Havana', 'St. Petersburg',
  'Crimea',
];
const PLACES = new Set([...COUNTRIES, ...REGIONS_AND_CITIES]);

const ORGANISATION_WORD_LIST = [
  'Ministry', 'Court', 'Committee', 'Commission', 'Council', 'Agency', 'Service', 'Party', 'Office', 'Foundation', 'Center',
  'Centre', 'Organisation', 'Organization', 'Union', 'Bank', 'Forum', 'Assembly', 'Parliament', 'Government', 'Department',
  'Institute', 'University', 'Association', 'Airline', 'Airlines', 'News', 'Press', 'TV', 'Media', 'Watch', 'International',
  'Programme', 'Program', 'Fund', 'Movement', 'Federation', 'Group', 'Campaign', 'Society', 'Front', 'Platform',
  'Corporation', 'Company', 'Embassy', 'Majlis', 'Army', 'Forces', 'Guard', 'Police', 'Prosecutor', 'Chamber',
  'Secretariat', 'Alliance', 'Partnership', 'Initiative', 'Network', 'Monitoring', 'Coalition', 'Bureau', 'Board',
  'Academy', 'School', 'Radio', 'Channel', 'Nations', 'Red Cross', 'Red Crescent',
];
const ORGANISATION_WORDS = new RegExp(`\\b(?:${ORGANISATION_WORD_LIST.join('|')})\\b`);
/** The same words, to test one word at a time. */
const ORGANISATION_WORD = new Set(ORGANISATION_WORD_LIST);
/** Words that name a law, a treaty or a report when they end a name or come before `on`/`of`. */
const DOCUMENT_WORDS = new Set([
  'Code', 'Law', 'Constitution', 'Convention', 'Covenant', 'Charter', 'Treaty', 'Declaration', 'Report', 'Act', 'Decree',
  'Resolution', 'Protocol', 'Agreement', 'Plan', 'Pact', 'Memorandum', 'Statute',
]);
const TITLES = new Set([
  'President', 'Prime', 'Minister', 'Deputy', 'Chief', 'General', 'Head', 'Director', 'Ambassador', 'Secretary',
  'Foreign', 'Defense', 'Defence', 'Colonel', 'Commander', 'Judge', 'Speaker', 'Chairman', 'Chair', 'Co-Chair',
  'Congressman', 'Senator', 'King', 'Queen', 'Sheikh', 'Mr', 'Mrs', 'Ms', 'Dr', 'Professor', 'Chancellor',
  'Acting', 'Assistant', 'Former', 'Vice', 'Special', 'Representative', 'Executive', 'Commissioner', 'Lieutenant',
  'Major', 'Captain', 'Pope', 'Patriarch', 'Governor', 'Mayor', 'Spokesperson', 'Spokesman',
]);
/** Title words that qualify the word after them, which is part of the title too (`Foreign Affairs`, `Special Rapporteur`). */
const TITLE_MODIFIERS = new Set(['Prime', 'Foreign', 'Defense', 'Defence', 'Acting', 'Assistant', 'Vice', 'Special', 'Executive']);
const NOT_NAME_WORDS = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'By', 'For', 'From', 'To', 'Of', 'And', 'But', 'Or', 'As', 'It', 'This',
  'That', 'These', 'Those', 'He', 'She', 'They', 'We', 'I', 'His', 'Her', 'Their', 'Our', 'After', 'Before',
  'During', 'Since', 'Until', 'While', 'When', 'Where', 'However', 'Meanwhile', 'According', 'Also', 'Among',
  'Between', 'Despite', 'Following', 'Other', 'Some', 'All', 'Both', 'Each', 'Many', 'Most', 'Two', 'Three',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Article', 'Today',
  'Previously', 'Later', 'Earlier', 'Then', 'Now', 'Here', 'There', 'If', 'Because', 'Although', 'Under', 'With',
  'Without', 'About', 'Against', 'Over', 'Within', 'Through', 'Such', 'Several', 'No', 'Not', 'Only', 'Even',
  'What', 'Who', 'Which', 'Why', 'How', 'Its', 'My', 'Your', 'One', 'Another', 'Every', 'Further', 'Last', 'Next',
  'New', 'See', 'Additionally', 'Moreover',
]);
const CONNECTORS = new Set(['of', 'the', 'for', 'and', 'de', 'al', 'bin', 'von', 'van', 'on']);
const ACRONYM = /^[A-Z][A-Z&]{1,6}$/;
/** Acronyms of things, not of a particular organisation (`local TV channels`, `his ID card`). */
const GENERIC_ACRONYMS = new Set([
  'TV', 'ID', 'GDP', 'NGO', 'CEO', 'MP', 'PM', 'AM', 'FM', 'IT', 'AI', 'GPS', 'GPRS', 'SMS', 'VAT', 'UAV', 'CCTV',
  'IDP', 'HIV', 'AIDS', 'LGBT', 'VIP', 'PR', 'HQ', 'DNA', 'USB', 'PDF',
]);

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

// Capital letters and letters spelled out as ranges (Latin with its extensions, Greek, Cyrillic):
// a Unicode-property regex (\p{Lu}) over every event's text cost three times as much.
const CAPITAL = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0100\\u0104\\u0106\\u010C\\u010E\\u0112\\u0118\\u011A\\u011E\\u0120\\u0126\\u012A\\u0130\\u0141\\u0143\\u0147\\u0150\\u0152\\u0158\\u015A\\u015E\\u0160\\u0162\\u0164\\u016A\\u016E\\u0170\\u0179\\u017B\\u017D\\u018F\\u0391-\\u03A9\\u0400-\\u042F';
const LETTER = "A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0259\\u0300-\\u036F\\u0386-\\u03CE\\u0400-\\u04FF'’-";
// A full stop stays inside a name only after an initial or a short title (`J. Smith`, `St. Petersburg`):
// after any other word it ends the sentence (`... in Syria. Additionally, ...`).
const WORD = `(?:(?:[${CAPITAL}]|St|Mr|Mrs|Ms|Dr|Jr|Sr|Gen|Col|Lt|Prof|Rev)\\.(?=\\s[${CAPITAL}])|[${CAPITAL}][${LETTER}]*)`;
// `to` joins a name only after the words that begin an advocacy group's name (`Committee to Protect Journalists`).
const CAPITALISED_RUN = new RegExp(`${WORD}(?:\\s+(?:(?:of|the|for|and|de|al|bin|von|van|on)\\s+|to(?<=(?:Campaign|Committee|Coalition)\\s+to)\\s+)*${WORD})*`, 'g');

const POSSESSIVE = /['’]s\b/g;
/** A closing quote kept by the letters a name may hold (`O'Neill`, `Workers’ Platform`). */
const TRAILING_QUOTES = /(?<!['’])['’]+$/; // starting at the first of them: linear on a long run of quotes
const SPACES = /\s+/;

interface CapitalisedRun {
  readonly words: string[];
  /** Wholly inside quotation marks (`a "National Data" system`): the name of a thing, a title or a brand, not a person. */
  readonly quoted: boolean;
  /** Inside the quoted title of a report, a book or a film (`a report entitled "A Decade of ..."`). */
  readonly inWorkTitle: boolean;
  /** Followed by `party` or `bloc` (`the Georgian Dream party`): a party's name. */
  readonly namesParty: boolean;
}

// Quotation marks by character code (" ' “ ‘ «, and their closing marks): these checks run for every
// capitalised run of every event.
function isOpeningQuote(code: number): boolean {
  return code === 0x22 || code === 0x27 || code === 0x201C || code === 0x2018 || code === 0xAB;
}
function isClosingQuote(code: number): boolean {
  return code === 0x22 || code === 0x27 || code === 0x201D || code === 0x2019 || code === 0xBB;
}
const CLOSING_QUOTE = new Map([['"', '"'], ["'", "'"], ['“', '”'], ['‘', '’'], ['«', '»']]);

/** Called for a run after an opening quote: whether its closing quote follows the run. */
function isClosedAfter(text: string, end: number): boolean {
  return isClosingQuote(text.charCodeAt(end - 1)) || isClosingQuote(text.charCodeAt('.,;:!?'.includes(text.charAt(end)) ? end + 1 : end));
}

const WORK_TITLE_INTRODUCTION = /titled\s+$/;

/** Called for a run after an opening quote: where the quoted title ends if `entitled` or `titled` introduces it; else -1. */
function workTitleEnd(text: string, start: number): number {
  if (!WORK_TITLE_INTRODUCTION.test(text.slice(Math.max(0, start - 12), start - 1))) return -1;
  const end = text.indexOf(CLOSING_QUOTE.get(text.charAt(start - 1)) ?? '"', start);
  return end === -1 ? text.length : end;
}

const PARTY_AFTER = /["”»]?\s+(?:party|bloc)\b/y;

function isFollowedByParty(text: string, end: number): boolean {
  // The next word's first letter rules out nearly every run before the expression has to run.
  const next = text.charCodeAt(isClosingQuote(text.charCodeAt(end)) ? end + 2 : end + 1);
  if (next !== 0x70 && next !== 0x62 && next !== 0x20) return false;
  PARTY_AFTER.lastIndex = end;
  return PARTY_AFTER.test(text);
}

/** Sequences of capitalised words (joined by `of`, `the`, ...), as words, without the words that merely open a sentence. */
function capitalisedRuns(text: string): CapitalisedRun[] {
  const runs: CapitalisedRun[] = [];
  let titleEnd = -1;
  CAPITALISED_RUN.lastIndex = 0;
  for (let match = CAPITALISED_RUN.exec(text); match !== null; match = CAPITALISED_RUN.exec(text)) {
    let run = match[0];
    if (run.includes("'") || run.includes('’')) run = run.replace(POSSESSIVE, '').replace(TRAILING_QUOTES, '');
    const words = SPACES.test(run) ? run.split(SPACES) : [run];
    let start = 0;
    while (start < words.length && NOT_NAME_WORDS.has(words[start] ?? '')) start++;
    while (start < words.length && CONNECTORS.has(words[start] ?? '')) start++;
    if (start === words.length) continue;
    const end = CAPITALISED_RUN.lastIndex;
    const afterQuote = isOpeningQuote(text.charCodeAt(match.index - 1));
    if (afterQuote && match.index > titleEnd) titleEnd = workTitleEnd(text, match.index);
    runs.push({
      words: start === 0 ? words : words.slice(start),
      quoted: afterQuote && isClosedAfter(text, end),
      inWorkTitle: match.index < titleEnd,
      namesParty: isFollowedByParty(text, end),
    });
  }
  return runs;
}

/** For each word that starts a place's name, the numbers of words in such names, longest first. */
const PLACE_LENGTHS_BY_FIRST_WORD = new Map<string, number[]>();
for (const place of PLACES) {
  const words = place.split(' ');
  const lengths = PLACE_LENGTHS_BY_FIRST_WORD.get(words[0] ?? '') ?? [];
  lengths.push(words.length);
  lengths.sort((a, b) => b - a);
  PLACE_LENGTHS_BY_FIRST_WORD.set(words[0] ?? '', lengths);
}

/** Places named inside a run (`the Ambassador of Norway in Vienna`), longest names first. */
function placesWithin(words: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const lengths = PLACE_LENGTHS_BY_FIRST_WORD.get(words[i] ?? '');
    if (!lengths) continue;
    for (const length of lengths) {
      if (i + length > words.length) continue;
      const candidate = length === 1 ? (words[i] ?? '') : words.slice(i, i + length).join(' ');
      if (PLACES.has(candidate)) {
        found.push(candidate);
        i += length - 1;
        break;
      }
    }
  }
  return found;
}

/** A law, treaty or report (`Criminal Code`, `Law on Mass Media`, `Convention on ...`): neither a person nor an organisation. */
function isDocumentName(words: readonly string[]): boolean {
  if (DOCUMENT_WORDS.has(words[words.length - 1] ?? '')) return true;
  for (let index = 1; index < words.length - 1; index++) {
    const word = words[index];
    if ((word === 'on' || word === 'of') && DOCUMENT_WORDS.has(words[index - 1] ?? '')) return true;
  }
  return false;
}

function isTitle(word: string): boolean {
  return TITLES.has(word) || (word.includes('-') && word.split('-').every((part) => TITLES.has(part) || part === 'in'));
}

/**
 * The person a run names after a title, the title dropped (`Chief of General Staff of the Army
 * Anna Berg`, `Deputy Prime Minister of Kazakhstan Anna Berg`): the two or three words after the
 * title's last word, a title, an institution or a place. Words after `of` are the title's
 * portfolio (`Minister of Internal Affairs`), not a person.
 */
function personAfterTitle(words: readonly string[]): string | undefined {
  let nameStart = 0;
  let titleNameFollows = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const titlePart = isTitle(word) || TITLE_MODIFIERS.has(words[index - 1] ?? '');
    if (titlePart || PLACES.has(word) || ORGANISATION_WORD.has(word)) {
      nameStart = index + 1;
      titleNameFollows = true;
    } else if (CONNECTORS.has(word) || NOT_NAME_WORDS.has(word) || ACRONYM.test(word)) {
      nameStart = index + 1;
      titleNameFollows = false;
    }
  }
  const length = words.length - nameStart;
  if (!titleNameFollows || length < 2 || length > 3) return undefined;
  return words.slice(nameStart).join(' ');
}

export function extractEntities(text: string): Entities {
  const entities: Entities = { people: [], organisations: [], places: [] };
  for (const { words, quoted, inWorkTitle, namesParty } of capitalisedRuns(text)) {
    const run = words.length === 1 ? (words[0] ?? '') : words.join(' ');
    for (const place of placesWithin(words)) addUnique(entities.places, place);
    if (PLACES.has(run)) { addUnique(entities.places, run); continue; }
    if (inWorkTitle || isDocumentName(words)) continue;
    if (namesParty) { addUnique(entities.organisations, run); continue; }
    if (words.length === 1 && GENERIC_ACRONYMS.has(run)) continue;
    let hasTitle = false;
    for (let index = 0; index < words.length && words.length > 1 && !hasTitle; index++) hasTitle = isTitle(words[index] ?? '');
    const titled = hasTitle && words.length > 2 ? personAfterTitle(words) : undefined;
    if (titled) { addUnique(entities.people, titled); continue; }
    if (ORGANISATION_WORDS.test(run) || (words.length === 1 && ACRONYM.test(run))) {
      addUnique(entities.organisations, run);
      continue;
    }
    if (!quoted && !hasTitle && words.length >= 2 && words.length <= 3 && words.every((word) => !CONNECTORS.has(word) && !NOT_NAME_WORDS.has(word) && !PLACES.has(word) && !ACRONYM.test(word))) {
      addUnique(entities.people, run);
    }
  }
  return entities;
}
