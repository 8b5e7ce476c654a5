import { isLeapYear, monthName } from '../ingest/partial-date.js';
import { stemCosines } from '../text/stem-similarity.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';
import { type CalendarDay, type IsoWeek, addCalendarDays, formatIsoDay, isoWeekOf } from './calendar.js';
import { type EventBlockOptions, formatEventDate, renderEventBlock, yearsAgo } from './event-format.js';
import type { Markup } from './markup.js';

export const WEEK_HIGHLIGHTS = 5;
const WEEK_EVENT_LIMIT = 5_000;
/** A week in past years takes at most this many events a day, at most 10 from one year while other years wait. */
const PAST_YEARS_PER_DAY = 200;
const PAST_YEARS_PER_YEAR = 10;
const HIGHLIGHT_SAMPLE = 600;

export interface WeekSummary {
  readonly week: IsoWeek;
  /** 'this-week': events of that week. 'past-years': the archive has none, so the same dates in earlier years. */
  readonly kind: 'this-week' | 'past-years';
  readonly events: StoredEvent[];
  readonly topicCounts: { topic: string; count: number }[];
  readonly highlights: StoredEvent[];
}

/** How much a pick's likeness to the picks before it (their cosine) counts against it (maximal marginal relevance). */
const REDUNDANCY_WEIGHT = 2;
/** How much an entry its document repeats (an editor's highlight) gains, per repeat, up to two, beside the most central event's 1. */
const REPEAT_BONUS = 0.5;
/** How much each pick beyond two already made from the same day counts against another: a week is more than its busiest day. */
const SAME_DAY_PENALTY = 1;

/**
 * The week's most important events: each event's centrality (how much of its wording the week's
 * other events share, each word weighted by how rare it is that week, so that a story told in
 * several events stands out and words every event uses count for little), plus a bonus per extra
 * source and for an entry its editor repeated (under "The point of reference", say); picked
 * greedily so that each pick is also unlike the picks before it, and from another day where it can be.
 */
export function chooseHighlights(events: readonly StoredEvent[], count = WEEK_HIGHLIGHTS): StoredEvent[] {
  // Centrality is quadratic: a busy week is judged on an even sample of up to 600 events, all days included.
  const step = Math.max(1, events.length / HIGHLIGHT_SAMPLE);
  const sample = Array.from({ length: Math.min(events.length, HIGHLIGHT_SAMPLE) }, (_, i) => events[Math.floor(i * step)])
    .filter((event): event is StoredEvent => event !== undefined);
  const cosine = stemCosines(sample.map((event) => event.text));
  const centrality = cosine.map((row, i) => row.reduce((sum, value) => sum + value, 0) / Math.max(1, sample.length - 1)
    + 0.02 * ((sample[i]?.sourceCount ?? 1) - 1));
  const most = Math.max(...centrality, Number.MIN_VALUE);
  const chosen: number[] = [];
  while (chosen.length < Math.min(count, sample.length)) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    sample.forEach((_, i) => {
      if (chosen.includes(i)) return;
      const redundancy = Math.max(0, ...chosen.map((j) => cosine[i]?.[j] ?? 0));
      const sameDay = Math.max(0, chosen.filter((j) => sample[j]?.date === sample[i]?.date).length - 1);
      const score = (centrality[i] ?? 0) / most + REPEAT_BONUS * Math.min(2, sample[i]?.repeats ?? 0)
        - REDUNDANCY_WEIGHT * redundancy - SAME_DAY_PENALTY * sameDay;
      if (score > bestScore) { bestScore = score; best = i; }
    });
    chosen.push(best);
  }
  // In the week's own order: an earlier happening reported that week comes on the day it was reported.
  return chosen.sort((a, b) => a - b).map((i) => sample[i]).filter((event): event is StoredEvent => event !== undefined);
}

function countTopics(events: readonly StoredEvent[]): { topic: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const event of events) for (const topic of event.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));
}

/** The summary of the Monday-to-Sunday week holding `day`; an archive without that week gets the same dates in past years. */
export function summariseWeek(store: EventStore, day: CalendarDay, topicFilter?: string | null): WeekSummary {
  const week = isoWeekOf(day);
  const thisWeek = store.listEventsBetween(formatIsoDay(week.first), formatIsoDay(week.last), WEEK_EVENT_LIMIT);
  let events = topicFilter ? store.filterEventsMatchingTopic(thisWeek, topicFilter) : thisWeek;
  let kind: WeekSummary['kind'] = 'this-week';
  // Past years stand in only for a week the archive has nothing of: a week whose events do not
  // match the filter is a week without such events, not a week without news.
  if (thisWeek.length === 0) {
    kind = 'past-years';
    events = [];
    const days = Array.from({ length: 7 }, (_, offset) => addCalendarDays(week.first, offset));
    // A common year's week with 28 February holds past years' 29 February too.
    const leapDay = days.find((d) => d.month === 2 && d.day === 28 && !isLeapYear(d.year));
    if (leapDay) days.push({ year: leapDay.year, month: 2, day: 29 });
    const seen = new Set<string>(); // an event spanning several of the days comes once
    for (const date of days) {
      // The filter chooses among all of the day's events, and the years take turns.
      const { events: onDay } = store.listEventsOnCalendarDays([date], PAST_YEARS_PER_DAY, PAST_YEARS_PER_YEAR, topicFilter);
      for (const event of onDay) {
        if (event.date >= formatIsoDay(week.first) || seen.has(event.id)) continue;
        seen.add(event.id);
        events.push(event);
      }
    }
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  return { week, kind, events, topicCounts: countTopics(events), highlights: chooseHighlights(events) };
}

export const formatWeekRange = (week: IsoWeek): string => (week.first.year === week.last.year
  ? `${week.first.day} ${monthName(week.first.month)} – ${week.last.day} ${monthName(week.last.month)} ${week.last.year}`
  : `${week.first.day} ${monthName(week.first.month)} ${week.first.year} – ${week.last.day} ${monthName(week.last.month)} ${week.last.year}`);

export function renderWeekSummary(summary: WeekSummary, markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> = {}): string[] {
  const range = formatWeekRange(summary.week);
  const title = summary.kind === 'this-week'
    ? markup.bold(`The week of ${range}`)
    : markup.bold(`This week in past years (${range})`);
  if (summary.events.length === 0) return [`${title}\n${markup.text('The archive has no events for these dates.')}`];
  const count = summary.events.length === 1 ? '1 event' : `${summary.events.length} events`;
  const topics = summary.topicCounts.map(({ topic, count: n }) => `${topic} ${n}`).join(' · ');
  const pastYears = summary.kind === 'past-years' ? [markup.text('The archive has nothing from this week itself; these are the same dates in earlier years.')] : [];
  const header = [title, ...pastYears, markup.text(count), ...(topics ? [markup.text(`By topic: ${topics}`)] : [])].join('\n');
  const highlights = summary.highlights.map((event) => renderEventBlock(event, markup, { ...options, ...weekNote(event, summary) }));
  return [header, markup.bold(summary.highlights.length < summary.events.length ? 'Most important' : 'Events'), ...highlights];
}

/** Every event of the summary, oldest first, one page at a time. */
export function renderWeekEventsPage(summary: WeekSummary, page: number, pageSize: number, markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> = {}): string[] {
  const pages = Math.max(1, Math.ceil(summary.events.length / pageSize));
  const title = markup.bold(`All events, ${summary.kind === 'past-years' ? 'past years, ' : ''}${formatWeekRange(summary.week)} · page ${page + 1} of ${pages}`);
  return [title, ...summary.events.slice(page * pageSize, (page + 1) * pageSize).map((event) => renderEventBlock(event, markup, { ...options, ...weekNote(event, summary) }))];
}

/** How long ago a past year's event was; or, for the week's news of an earlier happening, when it was reported. */
function weekNote(event: StoredEvent, summary: WeekSummary): { note?: string } {
  if (summary.kind === 'past-years') return { note: yearsAgo(Number(event.date.slice(0, 4)), summary.week.last.year) };
  return event.reportedDate && event.date < formatIsoDay(summary.week.first) ? { note: `reported ${formatEventDate(event.reportedDate)}` } : {};
}
