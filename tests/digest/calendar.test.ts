import { describe, expect, it } from 'vitest';
import { DayArgumentError, calendarDayIn, canonicalTimeZone, dayAndWordsIn, isoWeekOf, parseDayArgument, parseWeekArgument } from '../../src/digest/calendar.js';
import { formatEventDate, yearsAgo } from '../../src/digest/event-format.js';

const today = { year: 2026, month: 3, day: 10 };

describe('parseDayArgument', () => {
  it.each([
    ['', today], ['today', today], ['yesterday', { year: 2026, month: 3, day: 9 }],
    ['7 January', { year: 2026, month: 1, day: 7 }], ['jan 7', { year: 2026, month: 1, day: 7 }],
    ['January 7th', { year: 2026, month: 1, day: 7 }], ['07.01', { year: 2026, month: 1, day: 7 }],
    ['2025-01-07', { year: 2025, month: 1, day: 7 }], ['07.01.2025', { year: 2025, month: 1, day: 7 }],
    ['7 of Jan. 2024', { year: 2024, month: 1, day: 7 }],
    ['25 December', { year: 2025, month: 12, day: 25 }],
    ['29 February', { year: 2024, month: 2, day: 29 }],
    ['07.01.85', { year: 1985, month: 1, day: 7 }], ['07.01.25', { year: 2025, month: 1, day: 7 }],
    ['12/25', { year: 2025, month: 12, day: 25 }], ['01/20', { year: 2026, month: 1, day: 20 }], ['12.25', { year: 2025, month: 12, day: 25 }],
    ['7.4', { year: 2025, month: 4, day: 7 }], ['5/5', { year: 2025, month: 5, day: 5 }],
    ['2025/01/07', { year: 2025, month: 1, day: 7 }], ['13-01-2025', { year: 2025, month: 1, day: 13 }], ['1-1', { year: 2026, month: 1, day: 1 }],
    ['16. September', { year: 2025, month: 9, day: 16 }], ['07.01.', { year: 2026, month: 1, day: 7 }],
    // Today (10 March 2026) is a Tuesday: a weekday is the latest such day, today included.
    ['Monday', { year: 2026, month: 3, day: 9 }], ['last sunday', { year: 2026, month: 3, day: 8 }], ['tuesday', today],
    ['on 7 January?', { year: 2026, month: 1, day: 7 }], ['the 7th of January', { year: 2026, month: 1, day: 7 }],
  ])('%s', (input, expected) => {
    expect(parseDayArgument(input, today)).toEqual(expected);
  });

  it('refuses a slash date that reads either way, naming both readings', () => {
    expect(() => parseDayArgument('7/4', today)).toThrowError(/"7\/4" could be 7 April or 4 July; write the month's name/);
    expect(() => parseDayArgument('1/2/2025', today)).toThrowError(/could be 1 February or 2 January/);
    expect(() => parseDayArgument('07-01-2025', today)).toThrowError(/could be 7 January or 1 July/);
    expect(() => parseDayArgument('1/2/2025', today)).toThrowError(expect.objectContaining({
      meant: [{ year: 2025, month: 2, day: 1 }, { year: 2025, month: 1, day: 2 }] }));
  });

  it('guesses a misspelt month of five letters or more, not a short name', () => {
    expect(() => parseDayArgument('7 Janaury', today)).toThrowError(expect.objectContaining({
      message: '"7 Janaury" names no month I know; did you mean 7 January?', meant: [{ year: 2026, month: 1, day: 7 }] }));
    expect(() => parseDayArgument('Jane 5', today)).toThrowError(expect.objectContaining({ meant: [] }));
    // No day to offer when the guess is no day of the calendar either.
    expect(() => parseDayArgument('31 Febuary', today)).toThrowError(/names no month I know; try 7 January/);
  });

  it.each(['31 February', '45.13', '13.13', '07.01-2025', '2025-02-30', 'someday', 'Smarch 3', '32 January'])('refuses %s', (input) => {
    expect(() => parseDayArgument(input, today)).toThrowError(DayArgumentError);
  });
});

describe('dayAndWordsIn', () => {
  it('finds a day written after or before other words, and nothing in words alone', () => {
    expect(dayAndWordsIn('Aliyev on 7 January', today)).toEqual({ day: { year: 2026, month: 1, day: 7 }, words: 'Aliyev' });
    expect(dayAndWordsIn('7 January 2025 black boxes', today)).toEqual({ day: { year: 2025, month: 1, day: 7 }, words: 'black boxes' });
    expect(dayAndWordsIn('06.01.25 Aliyev', today)).toEqual({ day: { year: 2025, month: 1, day: 6 }, words: 'Aliyev' });
    for (const words of ['line 2', 'Bakhtiyar Hajiyev 10 years', 'Embraer 190/195', 'Iran 1992', '7 January', '7.8 earthquake', 'open 24/7', 'inflation 3.5']) {
      expect(dayAndWordsIn(words, today)).toBeUndefined();
    }
  });
});

describe('calendar', () => {
  it('finds the calendar day in a time zone', () => {
    const instant = new Date('2026-01-19T21:30:00Z');
    expect(calendarDayIn(instant, 'UTC')).toEqual({ year: 2026, month: 1, day: 19 });
    expect(calendarDayIn(instant, 'Asia/Baku')).toEqual({ year: 2026, month: 1, day: 20 });
    expect(calendarDayIn(instant, 'America/Los_Angeles')).toEqual({ year: 2026, month: 1, day: 19 });
  });

  it('gives the Monday-to-Sunday week', () => {
    expect(isoWeekOf({ year: 2025, month: 1, day: 15 })).toMatchObject({ week: 3, first: { month: 1, day: 13 }, last: { month: 1, day: 19 } });
    expect(isoWeekOf({ year: 2027, month: 1, day: 1 })).toMatchObject({ weekYear: 2026, week: 53 });
    expect(isoWeekOf({ year: 99, month: 1, day: 7 })).toMatchObject({ weekYear: 99, first: { year: 99, month: 1 } });
  });
});

describe('formatting dates at their precision', () => {
  it.each([
    ['2025-01-07', undefined, '7 January 2025'], ['2025-01', undefined, 'January 2025'], ['2025', undefined, '2025'],
    ['1918', '1921', '1918–1921'], ['not a date', undefined, 'not a date'],
  ])('%s', (date, end, expected) => {
    expect(formatEventDate(date, end)).toBe(expected);
  });

  it('gives a state that still holds from its start', () => {
    expect([formatEventDate('1992', null, true), formatEventDate('2024-07', null, true)]).toEqual(['since 1992', 'since July 2024']);
  });

  it('says how long ago', () => {
    expect([yearsAgo(2026, 2026), yearsAgo(2025, 2026), yearsAgo(1992, 2026), yearsAgo(2030, 2026)]).toEqual(['this year', '1 year ago', '34 years ago', 'in 4 years']);
  });
});

describe('canonicalTimeZone', () => {
  it('takes IANA names (canonical spelling), and refuses three-letter IDs that mislead (EST: no summer time; IST: India)', () => {
    expect(canonicalTimeZone('asia/baku')).toBe('Asia/Baku');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    for (const zone of ['CET', 'PST8PDT', 'Etc/UTC', 'GMT', 'Japan', 'Cuba']) expect(canonicalTimeZone(zone)).toBeDefined();
    for (const zone of ['EST', 'mst', 'IST', 'CST', 'Mars/Olympus', '', 'Springfield']) expect(canonicalTimeZone(zone)).toBeUndefined();
    // A newer name Intl knows under an older one is kept as typed; a city alone names its zone.
    expect(canonicalTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('EUROPE/KYIV')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('baku')).toBe('Asia/Baku');
    expect(canonicalTimeZone('New York')).toBe('America/New_York');
  });
});

describe('parseWeekArgument', () => {
  it('reads last and next week, ISO weeks, and any day of a week', () => {
    expect(parseWeekArgument('last week', today)).toEqual({ year: 2026, month: 3, day: 3 });
    expect(parseWeekArgument('Next', today)).toEqual({ year: 2026, month: 3, day: 17 });
    expect(parseWeekArgument('2025-W03', today)).toEqual({ year: 2025, month: 1, day: 13 });
    expect(parseWeekArgument('2026w1', today)).toEqual({ year: 2025, month: 12, day: 29 });
    expect(() => parseWeekArgument('foo', today)).toThrowError(/"foo" is not a week I can read; try last, next, 2025-W03/);
    expect(() => parseWeekArgument('week 3', today)).toThrowError(/"week 3" is not a week I can read/);
    expect(() => parseWeekArgument('31 February', today)).toThrowError(/is not a day of the calendar/);
    expect(parseWeekArgument('15 January 2025', today)).toEqual({ year: 2025, month: 1, day: 15 });
    expect(() => parseWeekArgument('2025-W53', today)).toThrowError(/2025 has no week 53/);
    expect(() => parseWeekArgument('0000-W01', today)).toThrowError(/too early/);
  });
});
