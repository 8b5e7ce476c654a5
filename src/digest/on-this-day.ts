import { isLeapYear, monthName } from '../ingest/partial-date.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';
import { type CalendarDay, addCalendarDays } from './calendar.js';
import { type EventBlockOptions, counted, renderEventBlock, yearsAgo } from './event-format.js';
import type { Markup } from './markup.js';

export interface OnThisDay {
  readonly day: CalendarDay;
  /** The reader's current year: "N years ago" counts from it. */
  readonly thisYear: number;
  readonly events: StoredEvent[];
  /** Events on the day in all (`events` holds at most `ON_THIS_DAY_LIMIT` of them). */
  readonly total: number;
  /** Which page of the day's events `events` is (0: the first), and whether more pages follow. */
  readonly page: number;
  readonly hasMore: boolean;
  /** When the day has nothing: the nearest days before and after that have events. */
  readonly nearestDays: CalendarDay[];
}

export const ON_THIS_DAY_LIMIT = 30;
/** A year with more events on the day than this shows only so many until the other years have had theirs. */
export const ON_THIS_DAY_PER_YEAR = 3;
const SEARCH_RADIUS_DAYS = 183;

/**
 * Events on the day's month and day in every year, newest first, counted in years from `thisYear`.
 * On 28 February of a common year, 29 February's too.
 */
export function findOnThisDay(store: EventStore, day: CalendarDay, thisYear = day.year, topicFilter?: string | null, page = 0): OnThisDay {
  const days = day.month === 2 && day.day === 28 && !isLeapYear(day.year) ? [day, { month: 2, day: 29 }] : [day];
  const offset = page * ON_THIS_DAY_LIMIT;
  const { events, total } = store.listEventsOnCalendarDays(days, ON_THIS_DAY_LIMIT, ON_THIS_DAY_PER_YEAR, topicFilter, offset);
  const nearestDays: CalendarDay[] = [];
  if (total === 0) {
    for (const direction of [-1, 1]) {
      for (let offset = 1; offset <= SEARCH_RADIUS_DAYS; offset++) {
        const candidate = addCalendarDays(day, direction * offset);
        if (store.hasEventsOnCalendarDay(candidate.month, candidate.day)) {
          nearestDays.push(candidate);
          break;
        }
      }
    }
  }
  return { day, thisYear, events, total, page, hasMore: offset + events.length < total, nearestDays };
}

export const formatDayMonth = (day: CalendarDay): string => `${day.day} ${monthName(day.month)}`;

/** `about`: the words the day's events were chosen by (`Aliyev 7 January`), shown in the title. */
export function renderOnThisDay(result: OnThisDay, markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> & { about?: string } = {}): string[] {
  const title = markup.bold(`On this day, ${formatDayMonth(result.day)}${options.about ? `, about ${options.about}` : ''}`);
  if (result.total === 0) {
    const nearest = result.nearestDays.map(formatDayMonth);
    const hint = nearest.length > 0 ? `The nearest days with events: ${nearest.join(' and ')}.` : 'The archive has no events with a day date yet.';
    return [`${title}\n${markup.text(`Nothing in the archive happened on ${formatDayMonth(result.day)}. ${hint}`)}`];
  }
  if (result.events.length === 0) return [`${title}\n${markup.text(`That was all: ${counted(result.total, 'event')} on this day.`)}`];
  const years = new Set(result.events.map((event) => event.date.slice(0, 4))).size;
  const first = result.page * ON_THIS_DAY_LIMIT + 1;
  const count = result.page > 0
    ? `events ${first}–${first + result.events.length - 1} of ${result.total}, spread over ${counted(years, 'year')}`
    : result.total > result.events.length
    ? `${result.events.length} of ${result.total} events, newest first, spread over ${counted(years, 'year')}`
    : result.events.length === 1 ? '1 event' : `${result.events.length} events`;
  return [
    `${title}\n${markup.text(count)}`,
    ...result.events.map((event) => renderEventBlock(event, markup, { ...options, note: yearsAgo(Number(event.date.slice(0, 4)), result.thisYear) })),
  ];
}
