import {
  type PartialDate, dayNumber, formatPartialDate, isValidDate, monthFromName, resolveYear,
} from './partial-date.js';
import { countsFromDocumentDate } from './relative-day.js';

/** A date written in a piece of text, resolved to a calendar date. */
export interface DateMention {
  readonly index: number;
  readonly length: number;
  readonly date: PartialDate;
  /** The last year/month/day of a range (`1918–1921`, `between 2023 and 2025`). */
  readonly end?: PartialDate;
  /** The word right before the mention, lower-cased (`on`, `in`), or '' at the start. */
  readonly wordBefore: string;
  /**
   * Introduced by `since` (`a member since 1992`, `since the autumn of 2023`): the date a state
   * began that still held when the text was written, not a happening of that date only.
   */
  readonly since?: true;
}

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const YEAR_PREPOSITIONS = 'in|since|from|during|until|till|by|before|after|between|through|throughout';
const MONTH_PREPOSITIONS = 'in|since|from|during|until|till|by|of|through|throughout|before|after';
/** A date inside a citation (`Retrieved 20 February 2015`) is about the citation, not an event. */
const CITATION_CONTEXT = /\b(retrieved|archived|accessed|updated)\b[^.;]{0,40}$/i;

const DIGIT = /\d/;
/** A text without a digit may still hold a date in words. Apart, the two searches took half the time of one alternation. */
const MONTH_OR_RELATIVE_DAY = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\b(?:today|yesterday)\b/i;
const MIN_YEAR = 1000;
const MAX_YEAR = 2100;

type Candidate = Omit<DateMention, 'wordBefore'> & { readonly blocker?: boolean };

const SINCE_BEFORE = /\bsince\s+(?:the\s+)?$/i;
const SINCE_OPENING = /^since\s/i;
const SUPERLATIVES = [
  'lowest', 'highest', 'largest', 'biggest', 'smallest', 'greatest', 'strongest', 'weakest', 'deadliest', 'worst', 'best', 'fastest',
  'slowest', 'sharpest', 'steepest', 'longest', 'shortest', 'heaviest', 'hottest', 'coldest', 'warmest', 'driest', 'wettest', 'busiest',
  'most', 'least', 'first time',
];
/**
 * A date after `since` that a happening is measured against (`its lowest level since 2018`, `for
 * the first time since 2011`, `higher than at any time since 1991`) says when something was last
 * so: nothing the text tells of began or happened then.
 */
const COMPARISON_BEFORE_SINCE = new RegExp(`(?:\\b(?:the|its|their|his|her|our)\\s+(?:${SUPERLATIVES.join('|')})\\b[^,;:.!?]{0,40}`
  + `|(?:\\b(?:the|its|their|his|her|our|a|an)|['’]s)\\s+first\\b[^,;:.!?]{0,40}|\\brecord\\b[^,;:.!?]{0,30}|\\bany time[^,;:.!?]{0,20}|\\bnot\\s*)$`, 'i');
/** `had been president since 1992`: a state that had ended by the time told of; dated by its start, but not ongoing. */
const PAST_PERFECT_BEFORE_SINCE = /(?<!\b(?:has|have)\s+)\bhad\b[^,;:.!?]{0,40}$/i;

/** The text before the `since` that introduces a date (`since 1992`, `since 16 May`, `since the fall of 2023`), or undefined without one. */
function textBeforeSince(text: string, index: number, matched: string): string | undefined {
  const before = text.slice(Math.max(0, index - 100), index);
  if (SINCE_OPENING.test(matched)) return before;
  const since = SINCE_BEFORE.exec(before);
  return since ? before.slice(0, since.index) : undefined;
}
type Builder = (groups: (string | undefined)[], anchor: PartialDate | undefined) => Omit<Candidate, 'index' | 'length'> | undefined;

interface Pattern {
  readonly regex: RegExp;
  readonly build: Builder;
  /** A match that names no real day (`31 February 2025`) still hides the shorter dates inside it. */
  readonly blocksWhenInvalid?: boolean;
  /** Whether the match is a date where it stands (`today` in quoted speech is not). */
  readonly counts?: (text: string, index: number, length: number) => boolean;
}

const toYear = (text: string | undefined): number | undefined => {
  const year = Number(text);
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
};

/**
 * Units and currencies a number can count: after one, `from 1500`, `by 2000` is an amount. Words
 * that may also open a clause after a year (`In 2014 people marched`, `in 2020 cases rose`) are not
 * among them.
 */
const UNITS = [
  'dollars?', 'euros?', 'pounds?', 'roubles?', 'rubles?', 'manats?', 'soms?', 'sums?', 'soums?', 'tenge', 'somoni', 'lari', 'drams?',
  'hryvnias?', 'hryvni', 'lei', 'leu', 'leva?', 'yuan', 'renminbi', 'yen', 'liras?', 'rupees?', 'tugriks?', 'rials?', 'riyals?', 'dinars?',
  'dirhams?', 'francs?', 'cents?', 'kopecks?', 'tiyins?',
  'tons?', 'tonnes?', 'kilograms?', 'kilos?', 'kg', 'grams?', 'metres?', 'meters?', 'kilometres?', 'kilometers?', 'km', 'miles?',
  'hectares?', 'acres?', 'litres?', 'liters?', 'barrels?', 'bcm', 'cubic', 'square', 'megawatts?', 'gigawatts?', 'mw', 'gw',
  'kwh', 'mwh', 'gwh', 'twh', 'degrees?', 'units?', 'percent', 'per cent', 'thousand', 'million', 'billion', 'trillion', 'mln', 'bn',
  '%', '[$€£₽₼₸₴¥]',
];
const UNIT_CODES = ['USD', 'EUR', 'GBP', 'CHF', 'CNY', 'RUB', 'AZN', 'KZT', 'KGS', 'UZS', 'TJS', 'TMT', 'GEL', 'AMD', 'UAH', 'BYN', 'MDL', 'MNT',
  'MW', 'GW', 'kWh', 'MWh', 'GWh', 'TWh'];
/**
 * An amount's unit right after the number, or after a second number it runs to (`from 1500 to 2000
 * manat`). Units in lower case, codes in capitals: `In 1959 Miles Davis`, `In 2010 Lei Jun` name people.
 */
const UNIT_AFTER = new RegExp(`^(?:\\s*(?:to|and|[–—-])\\s*\\d[\\d.,]*)?\\s*(?:${UNITS.join('|')}|${UNIT_CODES.join('|')})(?![\\p{L}])`, 'u');
const NUMBER_RUN_TO = /^\s*(?:to|and|[–—-])\s*(\d[\d.,]*\d)/;

/**
 * Whether a four-digit number is an amount, from what follows it: a unit or currency (`by 2000
 * tons`, `from 1500 to 2000 manat`), or a run to a number that is no year (`from 1850 to 2150`,
 * `from 1200 to 1,450`). A run to a year (`from 1992 to 1995`) leaves it a year.
 */
function isAmount(following: string): boolean {
  if (UNIT_AFTER.test(following)) return true;
  const runsTo = NUMBER_RUN_TO.exec(following)?.[1];
  return runsTo !== undefined && runsTo.length >= 4 && toYear(runsTo) === undefined;
}
const notAnAmount = (text: string, index: number, length: number): boolean => !isAmount(text.slice(index + length));
/** Amounts follow `from`, `by`, `between`: after `in 1941` or `since 1993`, a unit word opens the clause (`In 1941 units of the army`). */
const AMOUNT_PREPOSITION = /^(?:from|by|between)\s/i;
const notAnAmountAfterPreposition = (text: string, index: number, length: number): boolean =>
  !AMOUNT_PREPOSITION.test(text.slice(index, index + length)) || notAnAmount(text, index, length);

function dayDate(year: number | undefined, monthText: string | undefined, dayText: string | undefined): PartialDate | undefined {
  const month = monthText === undefined ? undefined : monthFromName(monthText);
  const day = Number(dayText);
  if (year === undefined || month === undefined || !isValidDate(year, month, day)) return undefined;
  return { year, month, day };
}

function yearlessDay(monthText: string | undefined, dayText: string | undefined, anchor: PartialDate | undefined): PartialDate | undefined {
  const month = monthText === undefined ? undefined : monthFromName(monthText);
  const day = Number(dayText);
  if (anchor === undefined || month === undefined || !isValidDate(2000, month, day)) return undefined;
  const year = resolveYear(anchor, month, day);
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

function rangeEnd(startYear: number, endText: string | undefined): PartialDate | undefined {
  if (endText === undefined) return undefined;
  let end = Number(endText);
  if (endText.length < 4) {
    const base = startYear - (startYear % 10 ** endText.length);
    end = base + end;
    // `1918–20` is a range; `No. 2020-45` is a number.
    if (end - startYear > 10) return undefined;
  }
  return end > startYear && end <= MAX_YEAR ? { year: end } : undefined;
}

/**
 * The first and last day of a day range within one month (`3–4 March`), or undefined when it is not
 * one. Joined by `and`, only next days make a range (`3 and 10 March` names two days, not a week).
 */
function dayRange(year: number | undefined, monthText: string | undefined, firstText: string | undefined, join: string | undefined, lastText: string | undefined): Omit<Candidate, 'index' | 'length'> | undefined {
  const date = dayDate(year, monthText, firstText);
  const end = dayDate(year, monthText, lastText);
  if (!date || !end || (end.day ?? 0) <= (date.day ?? 0)) return undefined;
  return join === 'and' && (end.day ?? 0) !== (date.day ?? 0) + 1 ? undefined : { date, end };
}
const DAY_RANGE_JOIN = '\\s*([–—-]|and|to)\\s*';
/** What ends a range after `from` (`from 1992 to 1995`, `from March until June 2023`). */
const RANGE_TO = '(?:to|until|till|through)';
/**
 * Not right after a verb of change: `rose from 1200 to 1500` (or `went from`) is an amount, and
 * `moved from 2024 to 2025`, `postponed from June to September` name two dates, not a span.
 */
const NOT_AFTER_A_CHANGE = `(?<!\\b(?:${[
  'rose', 'risen', 'rise', 'rises', 'fell', 'fallen', 'fall', 'falls', 'increased', 'decreased', 'grew', 'grown', 'dropped', 'climbed',
  'jumped', 'declined', 'raised', 'cut', 'reduced', 'changed', 'moved', 'postponed', 'delayed', 'adjourned', 'extended', 'shifted',
  'pushed back', 'rescheduled', 'brought forward', 'upgraded', 'downgraded',
].join('|')})\\b[^.;:!?]{0,30})(?<!\\bwent\\s+)`;
const SPAN_JOIN = '\\s*(?:[–—-]|to|until|till)\\s*';

/** A span across months or years (`30 April – 2 May 2024`): the first day, ending on the last; the start's year, when not written, is the end's (or the year before). */
function daySpan(startDay: string | undefined, startMonth: string | undefined, startYear: string | undefined, endDay: string | undefined, endMonth: string | undefined, endYear: string | undefined): Omit<Candidate, 'index' | 'length'> | undefined {
  const end = dayDate(toYear(endYear), endMonth, endDay);
  if (!end) return undefined;
  const startMonthNumber = startMonth === undefined ? undefined : monthFromName(startMonth);
  const year = toYear(startYear) ?? (startMonthNumber !== undefined && startMonthNumber > (end.month ?? 0) ? end.year - 1 : end.year);
  const date = dayDate(year, startMonth, startDay);
  if (!date || formatPartialDate(date) >= formatPartialDate(end)) return undefined;
  // Without its own year, a start in the year before makes a span over New Year (`30 November – 2 January 2024`),
  // but not one of most of a year, which is a reversed pair of dates (`2 May – 30 April 2024`).
  const days = (Date.UTC(end.year, (end.month ?? 1) - 1, end.day) - Date.UTC(date.year, (date.month ?? 1) - 1, date.day)) / 86_400_000;
  if (startYear === undefined && date.year !== end.year && days > 183) return undefined;
  return { date, end };
}

/** A span of months (`from March to June 2023`): the start's year, when not written, is the end's (or the year before). */
function monthSpan(startMonth: string | undefined, startYear: string | undefined, endMonth: string | undefined, endYear: string | undefined): Omit<Candidate, 'index' | 'length'> | undefined {
  const year = toYear(endYear);
  const first = startMonth === undefined ? undefined : monthFromName(startMonth);
  const last = endMonth === undefined ? undefined : monthFromName(endMonth);
  if (year === undefined || first === undefined || last === undefined) return undefined;
  const date = { year: toYear(startYear) ?? (first > last ? year - 1 : year), month: first };
  const end = { year, month: last };
  return formatPartialDate(date) < formatPartialDate(end) ? { date, end } : undefined;
}

const PATTERNS: readonly Pattern[] = [
  // 30 April – 2 May 2024, 30 December 2023 to 2 January 2024
  { regex: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?(?:\\s+${YEAR})?${SPAN_JOIN}${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'),
    build: ([d1, m1, y1, d2, m2, y2]) => daySpan(d1, m1, y1, d2, m2, y2) },
  // April 30 – May 2, 2024; December 30, 2023 – January 2, 2024
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?,?${SPAN_JOIN}${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'g'),
    build: ([m1, d1, y1, m2, d2, y2]) => daySpan(d1, m1, y1, d2, m2, y2) },
  // 3–4 March 2025, 15 to 16 March 2025, 2 and 3 January 2025 (a range of days: the first, ending on the last)
  { regex: new RegExp(`\\b${DAY}${DAY_RANGE_JOIN}${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'),
    build: ([d1, join, d2, m, y]) => dayRange(toYear(y), m, d1, join, d2) },
  // March 3–4, 2025; March 6 and 7, 2024
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY}${DAY_RANGE_JOIN}${DAY},?\\s+${YEAR}\\b`, 'g'),
    build: ([m, d1, join, d2, y]) => dayRange(toYear(y), m, d1, join, d2) },
  // 3–4 March, 3 and 4 March (year from the anchor)
  { regex: new RegExp(`\\b${DAY}${DAY_RANGE_JOIN}${DAY}\\s+(?:of\\s+)?${MONTH}(?![\\p{L}])`, 'gu'),
    build: ([d1, join, d2, m], anchor) => {
      const first = yearlessDay(m, d1, anchor);
      return first ? dayRange(first.year, m, d1, join, d2) : undefined;
    } },
  // March 3–4 (year from the anchor; only with a dash: `March 4 and 5 people` counts people)
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY}\\s*([–—-])\\s*${DAY}\\b(?![.,:/]\\d)`, 'g'),
    build: ([m, d1, join, d2], anchor) => {
      const first = yearlessDay(m, d1, anchor);
      return first ? dayRange(first.year, m, d1, join, d2) : undefined;
    } },
  // 14 November 2023, 5 June 1992
  { regex: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'),
    build: ([d, m, y]) => { const date = dayDate(toYear(y), m, d); return date && { date }; }, blocksWhenInvalid: true },
  // August 27, 2022; March 23, 1992
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'g'),
    build: ([m, d, y]) => { const date = dayDate(toYear(y), m, d); return date && { date }; }, blocksWhenInvalid: true },
  // 12.03.2010 (a dotted date with a four-digit year is day-first)
  { regex: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g,
    build: ([d, m, y]) => {
      const year = toYear(y); const month = Number(m); const day = Number(d);
      return year !== undefined && isValidDate(year, month, day) ? { date: { year, month, day } } : undefined;
    } },
  // 3 December, 20 January
  { regex: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?![\\p{L}])`, 'gu'),
    build: ([d, m], anchor) => { const date = yearlessDay(m, d, anchor); return date && { date }; } },
  // January 9, a January 7 interview
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?![.,:/]\\d)`, 'g'),
    build: ([m, d], anchor) => { const date = yearlessDay(m, d, anchor); return date && { date }; } },
  // from March to June 2023, from November 2023 until February 2024, between May and July 2024
  { regex: new RegExp(`${NOT_AFTER_A_CHANGE}\\b([Ff]rom|[Bb]etween)\\s+${MONTH}(?:,?\\s+(?:of\\s+)?${YEAR})?\\s+(${RANGE_TO}|and)\\s+${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b(?![.,]\\d)`, 'g'),
    // `between … and`, `from … to`: `surveys from March and September 2023` name two months.
    build: ([opening, m1, y1, join, m2, y2]) => ((opening?.toLowerCase() === 'between') === (join === 'and') ? monthSpan(m1, y1, m2, y2) : undefined) },
  // December 2024, October of 2017
  { regex: new RegExp(`\\b${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, 'g'),
    build: ([m, y]) => {
      const year = toYear(y); const month = m === undefined ? undefined : monthFromName(m);
      return year !== undefined && month !== undefined ? { date: { year, month } } : undefined;
    } },
  // in December (year from the anchor)
  { regex: new RegExp(`\\b(?:${MONTH_PREPOSITIONS})\\s+(?:early\\s+|late\\s+|mid-?)?${MONTH}\\b(?!\\s*,?\\s*\\d)`, 'gi'),
    build: ([m], anchor) => {
      if (m === undefined || m.charAt(0) !== m.charAt(0).toUpperCase()) return undefined;
      const month = monthFromName(m);
      if (month === undefined || anchor === undefined) return undefined;
      return { date: { year: resolveYear(anchor, month, undefined), month } };
    } },
  // from 1992 to 1995, from 2001 until 2004 (a run down, `from 2000 to 1500`, is left to the next pattern)
  { regex: new RegExp(`${NOT_AFTER_A_CHANGE}\\b[Ff]rom\\s+(?:(?:early|mid|late)[\\s-]+)?${YEAR}\\s+${RANGE_TO}\\s+(\\d{4})\\b(?![.,]\\d|%|s\\b)`, 'g'),
    build: ([y, endText]) => {
      const year = toYear(y);
      const end = year === undefined ? undefined : rangeEnd(year, endText);
      return year !== undefined && end ? { date: { year }, end } : undefined;
    },
    counts: notAnAmount },
  // in 2026, since 1992, in early 2020, between 2023 and 2025, in 1918–20
  { regex: new RegExp(`\\b(?:${YEAR_PREPOSITIONS})\\s+(?:(?:early|mid|late)[\\s-]+)?${YEAR}(?:\\s*[–—-]\\s*(\\d{4}|\\d{1,2})|\\s+and\\s+(\\d{4}))?\\b(?![.,]\\d|%|s\\b)`, 'gi'),
    build: ([y, rangeText, andYear]) => {
      const year = toYear(y);
      if (year === undefined) return undefined;
      const end = rangeEnd(year, rangeText ?? andYear);
      return end ? { date: { year }, end } : { date: { year } };
    },
    counts: notAnAmountAfterPreposition },
  // early 2020, mid-2019, late 2018 (without a preposition)
  { regex: new RegExp(`\\b(?:early|mid|late)[\\s-]+${YEAR}\\b(?![.,]\\d)`, 'gi'),
    build: ([y]) => { const year = toYear(y); return year === undefined ? undefined : { date: { year } }; } },
  // the fall of 2023, the beginning of 2024, summer 2019
  { regex: new RegExp(`\\b(?:spring|summer|autumn|fall|winter|beginning|start|end|middle|first half|second half)\\s+(?:of\\s+)?${YEAR}\\b(?![.,]\\d)`, 'gi'),
    build: ([y]) => { const year = toYear(y); return year === undefined ? undefined : { date: { year } }; } },
  // 1918–1921 (a bare year range)
  { regex: /(?<![\d.,/-])(\d{4})\s*[–—-]\s*(\d{4}|\d{2})\b(?![.,/-]?\d)/g,
    build: ([y, e]) => {
      const year = toYear(y);
      if (year === undefined) return undefined;
      const end = rangeEnd(year, e);
      return end ? { date: { year }, end } : undefined;
    },
    counts: notAnAmount },
  // today, yesterday (only when the anchor is a whole day)
  { regex: /\b(today|yesterday)\b(?!\s*[,(–—-]\s*\d)/gi,
    build: ([word], anchor) => {
      if (anchor?.day === undefined || anchor.month === undefined) return undefined;
      if (word?.toLowerCase() === 'today') return { date: anchor };
      const previous = new Date((dayNumber(anchor) - 1) * 86_400_000);
      return { date: { year: previous.getUTCFullYear(), month: previous.getUTCMonth() + 1, day: previous.getUTCDate() } };
    },
    counts: countsFromDocumentDate },
];

/**
 * Finds the dates written in `text`, in order of appearance. `anchor` (the document's or chronicle
 * entry's date) resolves dates written without a year, and `today`.
 */
export function findDateMentions(text: string, anchor: PartialDate | undefined): DateMention[] {
  // Every pattern needs a digit, a month name or today/yesterday: most sentences have none.
  if (!DIGIT.test(text) && !MONTH_OR_RELATIVE_DAY.test(text)) return [];
  const candidates: Candidate[] = [];
  for (const { regex, build, blocksWhenInvalid, counts } of PATTERNS) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      if (CITATION_CONTEXT.test(text.slice(Math.max(0, match.index - 60), match.index))) continue;
      if (counts && !counts(text, match.index, match[0].length)) continue;
      const beforeSince = textBeforeSince(text, match.index, match[0]);
      // A compared date hides the shorter dates inside it too (`since 16 December 1994` holds `December 1994`).
      if (beforeSince !== undefined && COMPARISON_BEFORE_SINCE.test(beforeSince)) {
        candidates.push({ date: { year: 0 }, index: match.index, length: match[0].length, blocker: true });
        continue;
      }
      const built = build(match.slice(1), anchor);
      const ongoing = beforeSince !== undefined && !built?.end && !PAST_PERFECT_BEFORE_SINCE.test(beforeSince);
      if (built) candidates.push({ ...built, ...(ongoing ? { since: true } : {}), index: match.index, length: match[0].length });
      else if (blocksWhenInvalid) candidates.push({ date: { year: 0 }, index: match.index, length: match[0].length, blocker: true });
    }
  }
  candidates.sort((a, b) => a.index - b.index || b.length - a.length);
  const mentions: DateMention[] = [];
  let coveredUntil = -1;
  for (const candidate of candidates) {
    if (candidate.index < coveredUntil) continue;
    coveredUntil = candidate.index + candidate.length;
    if (candidate.blocker) continue;
    const { blocker: _blocker, ...mention } = candidate;
    mentions.push({ ...mention, wordBefore: wordBefore(text, candidate.index) });
  }
  return mentions;
}

/** The word before a date, past a weekday (`on Tuesday, 11 March` -> `on`). */
function wordBefore(text: string, index: number): string {
  const match = /([\p{L}]+)\W*?(?:\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*)?$/u.exec(text.slice(Math.max(0, index - 40), index));
  return match?.[1]?.toLowerCase() ?? '';
}
