/** A calendar date known to day, month or year precision. Months and days are 1-based. */
export type Precision = 'day' | 'month' | 'year';

export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

export function precisionOf(date: PartialDate): Precision {
  if (date.day !== undefined) return 'day';
  if (date.month !== undefined) return 'month';
  return 'year';
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the parts name a real calendar date (31.02 and month 13 are not). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the date is. */
export function formatPartialDate(date: PartialDate): string {
  let text = pad(date.year, 4);
  if (date.month !== undefined) text += `-${pad(date.month)}`;
  if (date.day !== undefined) text += `-${pad(date.day)}`;
  return text;
}

export function parsePartialDate(text: string): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (match[3] === undefined) return month >= 1 && month <= 12 ? { year, month } : undefined;
  const day = Number(match[3]);
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

/** Days since 1970-01-01 of the first day the partial date covers; used for ordering and distances. */
export function dayNumber(date: PartialDate): number {
  return Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1) / 86_400_000;
}

/** Days since 1970-01-01 of the last day the partial date covers. */
export function lastDayNumber(date: PartialDate): number {
  const month = date.month ?? 12;
  const day = date.day ?? daysInMonth(date.year, month);
  return Date.UTC(date.year, month - 1, day) / 86_400_000;
}

export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return dayNumber(a) - dayNumber(b) || lastDayNumber(a) - lastDayNumber(b);
}

export const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_ABBREVIATIONS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Month number for an English month name or abbreviation (`January`, `jan`, `Sept.`), else undefined. */
export function monthFromName(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  const index = MONTH_NAMES.indexOf(key);
  if (index >= 0) return index + 1;
  return MONTH_ABBREVIATIONS[key];
}

export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A year written with two digits: 00–69 are 2000–2069, 70–99 are 1970–1999 (the POSIX pivot). */
export function expandTwoDigitYear(year: number): number {
  return year < 70 ? 2000 + year : 1900 + year;
}

/**
 * Picks the year for a day or month written without one: the year that puts it nearest to the
 * anchor (a document's date or a chronicle entry's date), and not more than `maxDaysAfter` after it.
 */
export function resolveYear(anchor: PartialDate, month: number, day: number | undefined, maxDaysAfter = 31): number {
  const anchorDay = anchor.month === undefined ? undefined : lastDayNumber(anchor);
  if (anchorDay === undefined) return anchor.year;
  let best = anchor.year;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of [anchor.year - 1, anchor.year, anchor.year + 1]) {
    const candidate = day === undefined ? dayNumber({ year, month }) : dayNumber({ year, month, day });
    if (candidate - anchorDay > maxDaysAfter) continue;
    const distance = Math.abs(candidate - anchorDay);
    if (distance < bestDistance) {
      best = year;
      bestDistance = distance;
    }
  }
  return best;
}
