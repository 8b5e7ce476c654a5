import type { EventStore } from '../store/event-store.js';
import type { PostKind } from '../store/subscription-store.js';
import { type CalendarDay, addCalendarDays } from './calendar.js';
import type { EventBlockOptions } from './event-format.js';
import { htmlMarkup } from './markup.js';
import { findOnThisDay, renderOnThisDay } from './on-this-day.js';
import { splitIntoMessages } from './split-messages.js';
import { renderWeekSummary, summariseWeek } from './week.js';

export type ScheduledPost = { readonly messages: string[] } | { readonly skip: string };

/**
 * The post a subscription gets: "on this day" for the local day of a daily post; for a weekly
 * post, the summary of the week up to the day before (so a Monday post covers last week), which
 * for an archive without that week is "this week in past years". A topic filter keeps only
 * events matching one of its comma-separated alternatives. HTML, split to Telegram's limits.
 */
export function composeScheduledPost(store: EventStore, kind: PostKind, day: CalendarDay, topicFilter: string | null, options: Pick<EventBlockOptions, 'linkFor'> = {}): ScheduledPost {
  if (kind === 'daily') {
    const found = findOnThisDay(store, day, day.year, topicFilter);
    if (found.events.length === 0) return { skip: topicFilter ? `no events on this day match "${topicFilter}"` : 'no events on this day' };
    return { messages: splitIntoMessages(renderOnThisDay(found, htmlMarkup, options)) };
  }
  const summary = summariseWeek(store, addCalendarDays(day, -1), topicFilter);
  if (summary.events.length === 0) return { skip: topicFilter ? `no events that week match "${topicFilter}"` : 'no events for that week in any year' };
  return { messages: splitIntoMessages(renderWeekSummary(summary, htmlMarkup, options)) };
}
