import { isLeapYear, monthName } from '../ingest/partial-date.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';
import { type CalendarDay, addCalendarDays } from './calendar.js';
import { type EventBlockOptions, renderEventBlock, yearsAgo } from './event-format.js';
import type { Markup } from './markup.js';

export interface OnThisDay {
  readonly day: CalendarDay;
  readonly events: StoredEvent[];
  /** Events on the day in all (`events` holds the newest of them). */
  readonly total: number;
  /** When the day has nothing: the nearest days before and after that have events. */
  readonly nearestDays: CalendarDay[];
}

export const ON_THIS_DAY_LIMIT = 30;
const SEARCH_RADIUS_DAYS = 183;

/** Events on the day's month and day in every year, newest first. On 28 February of a common year, 29 February's too. */
export function findOnThisDay(store: EventStore, day: CalendarDay, limit = ON_THIS_DAY_LIMIT): OnThisDay {
  const events = store.listEventsOnCalendarDay(day.month, day.day, limit);
  let total = events.length < limit ? events.length : store.countEventsOnCalendarDay(day.month, day.day);
  if (day.month === 2 && day.day === 28 && !isLeapYear(day.year)) {
    const leapDay = store.listEventsOnCalendarDay(2, 29, limit);
    total += leapDay.length < limit ? leapDay.length : store.countEventsOnCalendarDay(2, 29);
    events.push(...leapDay);
    events.sort((a, b) => (a.date < b.date ? 1 : -1));
    events.splice(limit);
  }
  const nearestDays: CalendarDay[] = [];
  if (events.length === 0) {
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
  return { day, events, total, nearestDays };
}

export const formatDayMonth = (day: CalendarDay): string => `${day.day} ${monthName(day.month)}`;

export function renderOnThisDay(result: OnThisDay, markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> = {}): string[] {
  const title = markup.bold(`On this day, ${formatDayMonth(result.day)}`);
  if (result.events.length === 0) {
    const nearest = result.nearestDays.map(formatDayMonth);
    const hint = nearest.length > 0 ? `The nearest days with events: ${nearest.join(' and ')}.` : 'The archive has no events with a day date yet.';
    return [`${title}\n${markup.text(`Nothing in the archive happened on ${formatDayMonth(result.day)}. ${hint}`)}`];
  }
  const count = result.total > result.events.length ? `the newest ${result.events.length} of ${result.total} events`
    : result.events.length === 1 ? '1 event' : `${result.events.length} events`;
  return [
    `${title}\n${markup.text(count)}`,
    ...result.events.map((event) => renderEventBlock(event, markup, { ...options, note: yearsAgo(Number(event.date.slice(0, 4)), result.day.year) })),
  ];
}
