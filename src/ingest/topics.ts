/**
 * Topics are assigned from a lexicon of general news vocabulary. A term is a word or phrase matched
 * as whole words; one ending in `*` also starts longer words (`arrest*`: arrests, arrested). A word
 * that means other things besides the topic is listed in the phrases that fix its sense (`charged
 * with`, not `charge*`: "the Chargé d'Affaires"; `central bank`, not `bank`: "bank accounts"). A
 * term with capitals (an acronym, an institution's name) matches only as written (`PACE`, not "the
 * pace of reforms"; `Defence*` in "Ministry of Defence", not "the defence lawyer"); the rest in any
 * case.
 */
const TOPIC_TERMS: Readonly<Record<string, readonly string[]>> = {
  diplomacy: [
    'diplomat*', 'ambassador*', 'embass*', 'consulate*', "chargé d'affaires", "charge d'affaires", 'envoy*', 'foreign minist*',
    'foreign affairs', 'bilateral', 'summoned', 'consultations', 'talks', 'official visit', 'state visit', 'working visit',
    'on a visit', 'visited', 'delegation*', 'intergovernmental', 'treaty', 'relations*',
  ],
  'courts and arrests': [
    'court', 'courts', 'courtroom', 'sentenced', 'sentence', 'sentences', 'arrest*', 'detain*', 'detention', 'trial', 'trials',
    'charges', 'charged with', 'charged under', 'charge against', 'prison*', 'imprison*', 'verdict*', 'judge', 'judges',
    'judgement', 'judgment', 'judicial', 'criminal*', 'prosecut*', 'convict*', 'acquit*', 'jail*', 'custody',
  ],
  'human rights': [
    'human rights', 'repression*', 'political prisoner*', 'freedom*', 'peaceful assembl*', 'activist*', 'watchdog*',
    'torture*', 'civil society', 'NGO', 'NGOs', 'persecut*', 'crackdown*', 'dissent*', 'dissident*',
  ],
  media: [
    'journalist*', 'media', 'press freedom', 'broadcast*', 'newspaper*', 'editor*', 'reporter*', 'publication*',
    'news agenc*', 'television', 'tv channel*', 'website*',
  ],
  aviation: [
    'aircraft', 'airplane*', 'plane', 'planes', 'airline*', 'flight', 'flights', 'airspace', 'pilot', 'pilots', 'aviation',
    'black box*', 'air crash*',
  ],
  'military and security': [
    'military', 'army', 'armies', 'armed forces', 'Defence*', 'Defense*', 'defence minist*', 'defense minist*',
    'ministry of defen*', 'air defen*', 'missile defen*', 'defence industr*', 'defense industr*', 'defence forces',
    'defense forces', 'soldier*', 'missile*', 'shelling', 'shelled', 'border guard*', 'security service*', 'weapon*', 'NATO',
    'troops', 'war', 'wars', 'ceasefire', 'cease-fire', 'cease fire', 'terror*', 'espionage', 'spy', 'spies',
  ],
  'economy and energy': [
    'economic*', 'economy', 'gas', 'oil', 'pipeline*', 'energy', 'trade', 'investment*', 'salary', 'salaries', 'budget*',
    'funding', 'grant', 'grants', 'financ*', 'central bank', 'national bank', 'world bank', 'development bank', 'Bank of',
    'Bank for', 'banks', 'banking', 'tax', 'taxes', 'price', 'prices',
  ],
  'elections and politics': [
    'election*', 'party', 'opposition*', 'parliament*', 'vote', 'votes', 'voted', 'voting', 'voter*', 'ballot*',
    'referendum*', 'decree*', 'law', 'laws',
  ],
  'peace process': [
    'peace', 'peaceful settlement', 'resolve the conflict', 'resolution of the conflict', 'settlement of the conflict',
    'conflict resolution', 'delimitation', 'demarcation', 'normaliz*', 'normalis*', 'reconciliation',
  ],
  'international organisations': [
    'united nations', 'UN', 'U.N.', 'council of europe', 'PACE', 'european union', 'OSCE', 'USAID', 'red cross', 'ICRC',
    'UNESCO', 'UNICEF', 'UNDP', 'UNHCR',
  ],
};

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termPattern = (term: string): string => (term.endsWith('*') ? escapeRegex(term.slice(0, -1)) : `${escapeRegex(term)}(?![A-Za-z0-9])`);

/**
 * One alternation, longest terms first, so that a phrase wins over a word it starts with. Word
 * edges are ASCII (`\b`): the terms are English, and a Unicode-aware edge made the parser a third slower.
 * The terms are grouped by their first letter (`a(?:ircraft|rmy|…)`), keeping that order within a
 * group: the same term matches, and a word is tried against its letter's terms only.
 */
function termsRegex(terms: readonly string[], flags: string): RegExp {
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const byFirstLetter = new Map<string, string[]>();
  for (const term of sorted) {
    const rest = termPattern(term.slice(1));
    const group = byFirstLetter.get(term.charAt(0));
    if (group) group.push(rest);
    else byFirstLetter.set(term.charAt(0), [rest]);
  }
  const groups = [...byFirstLetter].map(([letter, rests]) => `${escapeRegex(letter)}(?:${rests.join('|')})`);
  return new RegExp(`\\b(?:${groups.join('|')})`, `g${flags}`);
}

const ALL_TERMS = Object.entries(TOPIC_TERMS).flatMap(([topic, terms]) => terms.map((term) => ({ topic, term })));
const hasCapitals = (term: string): boolean => term !== term.toLowerCase();
const ANY_CASE_TERMS = termsRegex(ALL_TERMS.filter(({ term }) => !hasCapitals(term)).map(({ term }) => term), '');
const EXACT_CASE_TERMS = termsRegex(ALL_TERMS.filter(({ term }) => hasCapitals(term)).map(({ term }) => term), '');
const TOPIC_OF_TERM = new Map(ALL_TERMS.map(({ topic, term }) => [term.replace(/\*$/, ''), topic]));

export const TOPICS: readonly string[] = Object.keys(TOPIC_TERMS);

function collectTopics(regex: RegExp, text: string, into: Set<string>): void {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const topic = TOPIC_OF_TERM.get(match[0]);
    if (topic) into.add(topic);
  }
}

/** The topics whose terms occur in the text, in the lexicon's order. */
export function assignTopics(text: string): string[] {
  const found = new Set<string>();
  // Runs of spacing and line breaks become a space, ’ an apostrophe (two plain replacements: a replacer function costs more).
  const normalised = text.replace(/\s{2,}|[\t\n\r\f\v\u00a0]/g, ' ').replace(/’/g, "'");
  collectTopics(ANY_CASE_TERMS, normalised.toLowerCase(), found);
  collectTopics(EXACT_CASE_TERMS, normalised, found);
  return TOPICS.filter((topic) => found.has(topic));
}
