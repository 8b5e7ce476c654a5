import { addDays, endOfISOWeek, getISODay, getISOWeek, getISOWeekYear, getISOWeeksInYear, setISOWeek, startOfISOWeek } from 'date-fns';
import { MONTH_NAMES, expandTwoDigitYear, isValidDate, monthFromName, monthName } from '../ingest/partial-date.js';
import { closestWord } from '../text/edit-distance.js';

/** A day of the calendar, without a time or a time zone. */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Noon local time: date-fns works in local time, and noon is the same calendar day in every zone. */
const toLocalNoon = (day: CalendarDay): Date => {
  const noon = new Date(2000, day.month - 1, day.day, 12);
  noon.setFullYear(day.year, day.month - 1, day.day); // new Date(99, ...) would mean 1999
  return noon;
};
const fromLocalDate = (date: Date): CalendarDay => ({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });

/** Zone names of three letters that are real tzdata zones; ICU also takes Java's old IDs, which mislead. */
const THREE_LETTER_ZONES = new Set(['UTC', 'GMT', 'UCT', 'CET', 'EET', 'WET', 'MET']);

/**
 * Three-letter IDs such as EST (America/Panama: no summer time for New York), IST (India, not Israel
 * or Ireland) or CST (Chicago, not China): Intl accepts them, a reader would be misled by them.
 */
export function isAmbiguousAbbreviation(timeZone: string): boolean {
  const name = timeZone.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(name) && !THREE_LETTER_ZONES.has(name);
}

/**
 * The IANA name of a time zone as Intl spells it (`asia/BAKU` -> `Asia/Baku`), or as typed when Intl
 * knows it under an older name (`Europe/Kyiv`, not `Europe/Kiev`); a city alone names its zone
 * (`baku` -> `Asia/Baku`, `new york` -> `America/New_York`). Undefined for no time zone.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  const typed = timeZone.trim();
  if (typed === '' || isAmbiguousAbbreviation(typed)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: typed }).resolvedOptions().timeZone;
  } catch {
    return zoneOfCity(typed);
  }
  if (resolved.toLowerCase() === typed.toLowerCase() || !typed.includes('/')) return resolved;
  // A newer name (`europe/KYIV`), spelt as the zone names are: `Europe/Kyiv`.
  const spelt = titleCased(typed);
  return isZone(spelt) ? spelt : resolved;
}

const titleCased = (name: string): string => name.toLowerCase().replace(/(^|[/_-])(\p{L})/gu, (_, edge: string, letter: string) => edge + letter.toUpperCase());

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The one zone whose city is the name typed (`baku`, `New York`, `kyiv`, a newer name included), if exactly one is. */
function zoneOfCity(name: string): string | undefined {
  const city = name.toLowerCase().replace(/\s+/g, '_');
  if (city.includes('/')) return undefined;
  const zones = Intl.supportedValuesOf('timeZone');
  const named = zones.filter((zone) => zone.toLowerCase().split('/').at(-1) === city);
  if (named.length === 1) return named[0];
  if (named.length > 1) return undefined;
  const regions = [...new Set(zones.map((zone) => zone.split('/')[0] ?? '').filter((region) => zones.some((zone) => zone.startsWith(`${region}/`))))];
  const aliases = regions.map((region) => titleCased(`${region}/${city}`)).filter(isZone);
  return aliases.length === 1 ? aliases[0] : undefined;
}

/** The calendar day an instant falls on in a time zone (an IANA name such as `Asia/Baku`). */
const dayFormatByZone = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: CalendarDay }>();

export function calendarDayIn(instant: Date, timeZone: string): CalendarDay {
  // Every zone's days begin on a minute: the day found for a minute holds for all of it.
  const minute = Math.floor(instant.getTime() / 60_000);
  let formatter = dayFormatByZone.get(timeZone);
  if (formatter?.minute === minute) return formatter.day;
  const format = formatter?.format ?? new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const parts = format.formatToParts(instant);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  formatter = { format, minute, day: { year: part('year'), month: part('month'), day: part('day') } };
  // Names are stored canonical; variants written before that cannot grow this without end.
  if (dayFormatByZone.size >= 1_000) dayFormatByZone.clear();
  dayFormatByZone.set(timeZone, formatter);
  return formatter.day;
}

export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  return fromLocalDate(addDays(toLocalNoon(day), days));
}

export function formatIsoDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

export interface IsoWeek {
  readonly weekYear: number;
  readonly week: number;
  readonly first: CalendarDay;
  readonly last: CalendarDay;
}

/** The Monday-to-Sunday week that holds the day. */
export function isoWeekOf(day: CalendarDay): IsoWeek {
  const noon = toLocalNoon(day);
  return {
    weekYear: getISOWeekYear(noon), week: getISOWeek(noon),
    first: fromLocalDate(startOfISOWeek(noon)), last: fromLocalDate(endOfISOWeek(noon)),
  };
}

export class DayArgumentError extends Error {
  override readonly name = 'DayArgumentError';
  /**
   * `unreadable`: the text is no date form at all (not a date the calendar lacks). `meant`: the
   * days it most likely names: one for a misspelt month (`7 Janaury`), two for a date that reads
   * both ways (`7/4`).
   */
  constructor(message: string, readonly unreadable = false, readonly meant: readonly CalendarDay[] = []) {
    super(message);
  }
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const FORMATS_HELP = 'try 7 January, jan 7, 07.01, 2025-01-07 or today';

/**
 * Reads a day the way readers write one: `7 January`, `jan 7`, `07.01`, `07.01.2025`, `2025-01-07`,
 * `today`, `yesterday`, `Monday`. Without a year it is the latest such day on or before `today`
 * (29 February: the latest leap year).
 */
export function parseDayArgument(input: string, today: CalendarDay): CalendarDay {
  // `on 7 January?` and `the 7th of January` as typed in a question.
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*[?!]+$/, '').replace(/^(?:on |the )+/, '');
  if (text === '' || text === 'today') return today;
  if (text === 'yesterday') return addCalendarDays(today, -1);
  if (text === 'tomorrow') return addCalendarDays(today, 1);
  // `Monday`, `last Monday`: the latest such day, today included.
  const weekday = WEEKDAYS.indexOf(text.replace(/^last /, '')) + 1;
  if (weekday > 0) return addCalendarDays(today, -((getISODay(toLocalNoon(today)) - weekday + 7) % 7));
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text))) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?\.?$/.exec(text))) {
    [day, month] = [Number(match[1]), Number(match[3])];
    // Day first, unless only the other order is a date (12/25 is 25 December). With slashes and
    // hyphens both orders are common: 7/4 is refused rather than read as either.
    if (month > 12 && day <= 12) [day, month] = [month, day];
    else if (match[2] !== '.' && day <= 12 && month <= 12 && day !== month) {
      const yearText = match[4] === undefined ? '' : ` ${match[4].length === 2 ? expandTwoDigitYear(Number(match[4])) : match[4]}`;
      const readings = [`${day} ${monthName(month)}${yearText}`, `${month} ${monthName(day)}${yearText}`].map((reading) => parseDayArgument(reading, today));
      throw new DayArgumentError(`"${input.trim()}" could be ${day} ${monthName(month)} or ${month} ${monthName(day)}; write the month's name, e.g. ${day} ${monthName(month)}`, false, readings);
    }
    if (match[4] !== undefined) year = match[4].length === 2 ? expandTwoDigitYear(Number(match[4])) : Number(match[4]);
  } else if ((match = /^(\d{1,2})(?:st|nd|rd|th|\.)?(?: of)? ([a-z]+)\.?,?(?: (\d{4}))?$/.exec(text))) {
    [day, month] = [Number(match[1]), monthFromName(match[2] ?? '')];
    if (match[3] !== undefined) year = Number(match[3]);
  } else if ((match = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}))?$/.exec(text))) {
    [month, day] = [monthFromName(match[1] ?? ''), Number(match[2])];
    if (match[3] !== undefined) year = Number(match[3]);
  } else {
    throw new DayArgumentError(`"${input.trim().slice(0, 40)}" is not a date I can read; ${FORMATS_HELP}`, true);
  }
  if (month === undefined || day === undefined) {
    const typed = (match[1] !== undefined && /^\d/.test(match[1]) ? match[2] : match[1]) ?? '';
    // Short words are names as often as misspelt months (`Jane 5`, `Mary 5`): only longer ones are guessed at.
    const meantMonth = typed.length >= 5 ? closestWord(typed, MONTH_NAMES, 2) : undefined;
    const corrected = meantMonth ? text.replace(typed, monthName(MONTH_NAMES.indexOf(meantMonth) + 1)) : undefined;
    let meant: CalendarDay | undefined;
    try {
      meant = corrected ? parseDayArgument(corrected, today) : undefined;
    } catch {
      meant = undefined;
    }
    const hint = meant ? `did you mean ${corrected}?` : FORMATS_HELP;
    throw new DayArgumentError(`"${input.trim().slice(0, 40)}" names no month I know; ${hint}`, true, meant ? [meant] : []);
  }
  if (year !== undefined) {
    if (!isValidDate(year, month, day)) throw new DayArgumentError(`${input.trim()} is not a day of the calendar`);
    return { year, month, day };
  }
  if (!isValidDate(2000, month, day)) throw new DayArgumentError(`${input.trim()} is not a day of the calendar`);
  const notAfterToday = month < today.month || (month === today.month && day <= today.day);
  for (let candidate = notAfterToday ? today.year : today.year - 1; candidate > today.year - 8; candidate--) {
    if (isValidDate(candidate, month, day)) return { year: candidate, month, day };
  }
  return { year: today.year, month, day };
}

/**
 * Reads the week a reader names: any day in it (as `parseDayArgument` reads days), `last week`,
 * `next week`, or an ISO week such as `2025-W03`.
 */
/**
 * A day written at the end or the start of other words (`Aliyev 7 January`, `on 7 January black
 * boxes`): the day and the words, or undefined when no such split reads as a day.
 */
export function dayAndWordsIn(input: string, today: CalendarDay): { day: CalendarDay; words: string } | undefined {
  const tokens = input.trim().split(/\s+/);
  for (let size = Math.min(4, tokens.length - 1); size >= 1; size--) {
    for (const [dayPart, rest] of [[tokens.slice(-size), tokens.slice(0, -size)], [tokens.slice(0, size), tokens.slice(size)]]) {
      const written = (dayPart ?? []).join(' ');
      // A month's name with a number, or a whole date: `7.8 earthquake` and `open 24/7` are no days.
      if (!/\d/.test(written) || !(/[a-z]{3}/i.test(written) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{4}-\d{1,2}-\d{1,2}$/.test(written))) continue;
      try {
        const words = (rest ?? []).join(' ').replace(/^(?:to|with|about|for|on|in|of)\s+|\s+(?:on|in|of)$/gi, '');
        return { day: parseDayArgument(written, today), words };
      } catch (error) {
        if (!(error instanceof DayArgumentError)) throw error;
      }
    }
  }
  return undefined;
}

export function parseWeekArgument(input: string, today: CalendarDay): CalendarDay {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(last|previous)( week)?$/.test(text)) return addCalendarDays(today, -7);
  if (/^next( week)?$/.test(text)) return addCalendarDays(today, 7);
  if (text === 'this week') return today;
  const isoWeek = /^(\d{4})-?w(\d{1,2})$/.exec(text);
  if (!isoWeek) {
    try {
      return parseDayArgument(input, today);
    } catch (error) {
      if (!(error instanceof DayArgumentError && error.unreadable) || error.meant.length > 0) throw error;
      throw new DayArgumentError(`"${input.trim().slice(0, 40)}" is not a week I can read; try last, next, 2025-W03 or a day in the week such as 7 January`, true);
    }
  }
  const [year, week] = [Number(isoWeek[1]), Number(isoWeek[2])];
  if (year <= 1000) throw new DayArgumentError(`${year} is too early a year for a week`);
  const fourthOfJanuary = toLocalNoon({ year, month: 1, day: 4 }); // always in week 1
  if (week < 1 || week > getISOWeeksInYear(fourthOfJanuary)) throw new DayArgumentError(`${year} has no week ${week}`);
  return fromLocalDate(startOfISOWeek(setISOWeek(fourthOfJanuary, week)));
}
