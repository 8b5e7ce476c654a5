import { findDateMentions } from './date-mentions.js';
import { type PartialDate, comparePartialDates, isValidDate } from './partial-date.js';

export type DocumentDateMethod =
  | 'date line at the top'
  | 'a "today, <date>" statement'
  | 'a "version of / as of <date>" statement'
  | 'the latest chronicle entry'
  | 'the latest full date in the text';

export interface DocumentDate {
  readonly date: PartialDate;
  readonly method: DocumentDateMethod;
  /** The 1-based line it was read from. */
  readonly line: number;
}

const HEADER_LINES = 3;
const TODAY_STATEMENT = /\btoday\s*[,(–—-]\s*/i;
const VERSION_STATEMENT = /\b(?:version of|as of|updated(?: on)?|published(?: on)?|dated)\s+(?:the\s+)?(\d{1,2})\/(\d{1,2})\/(\d{4})\b/i;

function wholeLineDate(line: string): PartialDate | undefined {
  const text = line.trim();
  const year = /^(\d{4})$/.exec(text);
  if (year) return { year: Number(year[1]) };
  const mentions = findDateMentions(text, undefined);
  const only = mentions[0];
  if (mentions.length === 1 && only && only.index === 0 && only.length >= text.replace(/[.,]$/, '').length) return only.date;
  return undefined;
}

/** A slashed numeric date: month-first when the second number can only be a day, else day-first. */
function slashedDate(a: number, b: number, year: number): PartialDate | undefined {
  if (b > 12 && isValidDate(year, a, b)) return { year, month: a, day: b };
  if (isValidDate(year, b, a)) return { year, month: b, day: a };
  return undefined;
}

/**
 * Finds the date a document speaks from, in order of evidence: a date line at its top, a
 * `today, <date>` or `version of <date>` statement, then the latest chronicle entry or full date.
 */
export function inferDocumentDate(lines: readonly string[], chronicleDates: readonly { date: PartialDate; line: number }[]): DocumentDate | undefined {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < HEADER_LINES; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    seen++;
    const date = wholeLineDate(line);
    if (date) return { date, method: 'date line at the top', line: i + 1 };
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const today = TODAY_STATEMENT.exec(line);
    if (today) {
      const after = line.slice(today.index + today[0].length);
      const mention = findDateMentions(after, undefined)[0];
      if (mention && mention.index === 0 && mention.date.day !== undefined) return { date: mention.date, method: 'a "today, <date>" statement', line: i + 1 };
    }
    // The statement's date is slashed: a line without a slash, nearly every line, needs no search.
    const version = line.includes('/') ? VERSION_STATEMENT.exec(line) : null;
    if (version) {
      const date = slashedDate(Number(version[1]), Number(version[2]), Number(version[3]));
      if (date) return { date, method: 'a "version of / as of <date>" statement', line: i + 1 };
    }
  }
  // The first of the latest entries: a later entry of the same day does not replace it.
  let latestEntry = chronicleDates[0];
  for (const entry of chronicleDates) if (latestEntry && comparePartialDates(entry.date, latestEntry.date) > 0) latestEntry = entry;
  if (latestEntry) return { date: latestEntry.date, method: 'the latest chronicle entry', line: latestEntry.line };
  let latest: DocumentDate | undefined;
  lines.forEach((line, index) => {
    for (const mention of findDateMentions(line, undefined)) {
      if (mention.date.day !== undefined && (!latest || comparePartialDates(mention.date, latest.date) > 0)) {
        latest = { date: mention.date, method: 'the latest full date in the text', line: index + 1 };
      }
    }
  });
  return latest;
}
