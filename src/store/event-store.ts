import type { Precision } from '../ingest/partial-date.js';
import type { SqliteDatabase } from './database.js';
import { createDocumentWriter } from './document-writer.js';
import { SEARCH_TUNING, type SearchTuning, createEventSearch } from './event-search.js';
import { createSearchIndexUpkeep } from './search-index-upkeep.js';
import { EVENT_COLUMNS, type EventRow, type EventSource, type StoredEvent, toEvent } from './stored-event.js';

export type { EventSource, StoredEvent } from './stored-event.js';
export type { DocumentIngestResult, DocumentInput, DocumentOutcome } from './document-writer.js';

export interface StoredDocument {
  readonly source: string;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly documentDate: string | null;
  readonly documentDateMethod: string | null;
  readonly eventCount: number;
  readonly ingestedAt: string;
}

export interface StoreStats {
  readonly events: number;
  readonly documents: number;
  readonly sources: number;
  readonly linkedEvents: number;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly byPrecision: Record<Precision, number>;
}

/** How often the store looks for changes made through another connection. */
export const EXTERNAL_CHANGES_CHECK_MS = 1_000;

/** Events on a month and day of any year, newest first. */
const ON_CALENDAR_DAY_SQL = `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.month = ? AND e.day = ? ORDER BY e.date DESC LIMIT ?`;
/** The statements behind on this day, exported so that the benchmark can run them bare. */
export const ON_CALENDAR_DAY_COUNTS_SQL = 'SELECT date, count(*) FROM events WHERE month = ? AND day = ? GROUP BY date ORDER BY date DESC';
export const ROWIDS_ON_DATE_SQL = 'SELECT rowid FROM events WHERE month = ? AND day = ? AND date = ? ORDER BY rowid LIMIT ? OFFSET ?';
export const EVENT_BY_ROWID_SQL = `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.rowid = ?`;
export const SPANNING_DAYS_SQL = "SELECT rowid, date, end_date FROM events WHERE end_date IS NOT NULL AND precision = 'day' ORDER BY date, end_date, rowid";

/**
 * The news of a span of days: the events of those days, and the events reported then about a
 * happening of a month or a year, or weeks before (reported within two weeks, an event belongs to
 * its own day, so a week and the next do not both hold it).
 */
export const NEWS_OF_DAYS_SQL = `SELECT ${EVENT_COLUMNS} FROM events e
  WHERE (e.date >= @first AND e.date <= @last AND e.precision = 'day')
    OR (e.reported_date >= @first AND e.reported_date <= @last AND (e.precision <> 'day' OR e.date < date(e.reported_date, '-14 days')))
  ORDER BY (CASE WHEN e.date >= @first AND e.precision = 'day' THEN e.date ELSE e.reported_date END), e.rowid LIMIT @limit`;

/** Events on one date: how many, and how to read `take` of them after the first `skip`, in their document's order. */
interface DateBucket { readonly date: string; readonly count: number; readonly read: (skip: number, take: number) => number[] }

/**
 * Which events of a day a page shows, from each date (newest first): the day's events are ordered
 * with at most `perYear` from one year until every year has had its turn, then the rest from the
 * newest; a page is `limit` of them after the first `offset`. For each date: how many to skip and
 * take (the rows a page takes from one date are always consecutive).
 */
export function takePerYear(buckets: readonly { date: string; count: number }[], limit: number, perYear: number, offset = 0): { skip: number; take: number }[] {
  const firstTurn = buckets.map(() => 0);
  const takenInYear = new Map<string, number>();
  buckets.forEach((bucket, index) => {
    const year = bucket.date.slice(0, 4);
    const n = Math.min(bucket.count, perYear - (takenInYear.get(year) ?? 0));
    if (n <= 0) return;
    firstTurn[index] = n;
    takenInYear.set(year, (takenInYear.get(year) ?? 0) + n);
  });
  // The order: every date's first turn, then every date's rest; a page is a slice of it.
  const segments = [
    ...buckets.map((_, index) => ({ index, from: 0, size: firstTurn[index] ?? 0 })),
    ...buckets.map((bucket, index) => ({ index, from: firstTurn[index] ?? 0, size: bucket.count - (firstTurn[index] ?? 0) })),
  ];
  const takes = buckets.map(() => ({ skip: 0, take: 0 }));
  let position = 0;
  for (const { index, from, size } of segments) {
    const start = Math.max(offset, position);
    const end = Math.min(offset + limit, position + size);
    position += size;
    if (end <= start) continue;
    const take = takes[index] ?? { skip: 0, take: 0 };
    if (take.take === 0) take.skip = from + (start - (position - size));
    take.take += end - start;
    takes[index] = take;
  }
  return takes;
}

/** The one place with SQL for events and documents. Statements are prepared once. */
export function createEventStore(db: SqliteDatabase, tuning: SearchTuning = SEARCH_TUNING) {
  const statements = {
    onCalendarDay: db.prepare<[number, number, number], EventRow>(ON_CALENDAR_DAY_SQL),
    countsOnCalendarDay: db.prepare<[number, number], [string, number]>(ON_CALENDAR_DAY_COUNTS_SQL).raw(),
    rowidsOnDate: db.prepare<[number, number, string, number, number], number>(ROWIDS_ON_DATE_SQL).pluck(),
    datesOnCalendarDay: db.prepare<[number, number], [number, string]>('SELECT rowid, date FROM events WHERE month = ? AND day = ? ORDER BY date, rowid').raw(),
    spanningDays: db.prepare<[], [number, string, string]>(SPANNING_DAYS_SQL).raw(),
    hasCalendarDay: db.prepare<[number, number], { found: number }>('SELECT 1 AS found FROM events WHERE month = ? AND day = ? LIMIT 1'),
    between: db.prepare<{ first: string; last: string; limit: number }, EventRow>(NEWS_OF_DAYS_SQL),
    latest: db.prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e
      WHERE (CASE e.precision WHEN 'year' THEN e.date || '-12-31' WHEN 'month' THEN e.date || '-31' ELSE e.date END) <= ?
      ORDER BY e.date DESC, e.rowid DESC LIMIT ?`),
    byId: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ?`),
    sourcesOf: db.prepare<[string], EventSource>(`SELECT d.source, s.line, s.section FROM events e
      JOIN event_sources s ON s.event_rowid = e.rowid JOIN documents d ON d.id = s.document_id WHERE e.id = ? ORDER BY d.source`),
    byRowid: db.prepare<[number], EventRow>(EVENT_BY_ROWID_SQL),
    documents: db.prepare<[], StoredDocument>(`SELECT source, path, sha256, bytes, document_date AS documentDate,
      document_date_method AS documentDateMethod, event_count AS eventCount, ingested_at AS ingestedAt FROM documents ORDER BY source`),
    counts: db.prepare<[], { events: number; documents: number; sources: number; linked: number }>(`SELECT
      (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM documents) AS documents,
      (SELECT count(*) FROM event_sources) AS sources,
      (SELECT count(*) FROM (SELECT event_rowid FROM event_sources GROUP BY event_rowid HAVING count(*) > 1)) AS linked`),
    dateRange: db.prepare<[], { first: string | null; last: string | null }>(
      "SELECT (SELECT min(date) FROM events) AS first, (SELECT max(date) FROM events WHERE precision = 'day') AS last"),
    byPrecision: db.prepare<[], { precision: Precision; n: number }>('SELECT precision, count(*) AS n FROM events GROUP BY precision'),
  };

  /** Events spanning several days over one of these `MM-DD` days, but not starting on one (those are in its bucket). */
  function spansOver(monthDays: readonly string[]): [number, string][] {
    const spans: [number, string][] = [];
    for (const [rowid, start, end] of statements.spanningDays.all()) {
      const [from, to] = [start.slice(5), end.slice(5)];
      const sameYear = start.slice(0, 4) === end.slice(0, 4);
      if (monthDays.includes(from)) continue;
      if (monthDays.some((monthDay) => (sameYear ? from < monthDay && monthDay <= to : from < monthDay || monthDay <= to))) spans.push([rowid, start]);
    }
    return spans;
  }

  /** The day's events matching a topic filter, as buckets of one date each. */
  function matchingBuckets(days: readonly { month: number; day: number }[], topicFilter: string): DateBucket[] {
    const rows = days.flatMap(({ month, day }) => statements.datesOnCalendarDay.all(month, day));
    const kept = search.rowidsMatchingTopic(rows.map(([rowid]) => rowid), topicFilter);
    // The index gives each date's rows in rowid order: their document's order.
    const byDate = new Map<string, number[]>();
    for (const [rowid, date] of rows) {
      if (!kept.has(rowid)) continue;
      const list = byDate.get(date);
      if (list) list.push(rowid);
      else byDate.set(date, [rowid]);
    }
    return [...byDate].map(([date, rowids]) => ({ date, count: rowids.length, read: (skip: number, take: number) => rowids.slice(skip, skip + take) }));
  }

  let localChanges = 0;
  const noteChange = (): void => { localChanges++; };
  const writer = createDocumentWriter(db, noteChange);
  const indexUpkeep = createSearchIndexUpkeep(db, tuning, noteChange);
  const search = createEventSearch(db, {
    tuning, changes: () => store.generation(),
    eventAt: (rowid) => {
      const row = statements.byRowid.get(rowid);
      return row ? toEvent(row) : undefined;
    },
  });

  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  const externalCheck = { at: -Infinity, version: 0 };
  let current = { local: -1, external: -1, text: '' };

  const store = {
    /**
     * Changes whenever the events change, here or through another connection (a CLI ingest while
     * the bot runs): answers cached under one generation are stale under the next. Changes made
     * here count at once; another connection's, within a second (reading them costs a query).
     */
    generation(): string {
      const now = Date.now();
      if (now - externalCheck.at >= EXTERNAL_CHANGES_CHECK_MS) {
        externalCheck.at = now;
        externalCheck.version = dataVersion.get()?.data_version ?? 0;
      }
      if (current.local !== localChanges || current.external !== externalCheck.version) {
        current = { local: localChanges, external: externalCheck.version, text: `${localChanges}:${externalCheck.version}` };
      }
      return current.text;
    },
    replaceDocument: writer.replaceDocument,
    replaceDocuments: writer.replaceDocuments,
    removeDocument: writer.removeDocument,
    storedDocument: writer.storedDocument,
    moveDocument: writer.moveDocument,
    /** Events on this month and day in any year, newest first. */
    listEventsOnCalendarDay(month: number, day: number, limit: number): StoredEvent[] {
      return statements.onCalendarDay.all(month, day, limit).map(toEvent);
    },
    /**
     * Events on these months and days of any year (29 February with 28 February, say), or spanning them, newest
     * first, at most `limit`, and at most `perYear` from one year until every year has had its
     * turn: a day with forty events in one year still shows the years before. `total` counts them all.
     */
    listEventsOnCalendarDays(days: readonly { month: number; day: number }[], limit: number, perYear: number, topicFilter?: string | null, offset = 0): { events: StoredEvent[]; total: number } {
      // One bucket per date (a calendar day has one date a year): counted in the index, read only as far as needed.
      // A topic filter chooses among all the day's events first, before the years are given their turns.
      const buckets: DateBucket[] = topicFilter ? matchingBuckets(days, topicFilter) : days.flatMap(({ month, day }) => statements.countsOnCalendarDay.all(month, day)
        .map(([date, count]) => ({ date, count, read: (skip: number, take: number) => statements.rowidsOnDate.all(month, day, date, take, skip) })));
      // Events spanning several days (`2–3 March`) show on each of their days, not only the first.
      const monthDays = days.map(({ month, day }) => `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      const spans = spansOver(monthDays);
      const spansKept = topicFilter ? search.rowidsMatchingTopic(spans.map(([rowid]) => rowid), topicFilter) : undefined;
      for (const [rowid, start] of spans) if (!spansKept || spansKept.has(rowid)) buckets.push({ date: start, count: 1, read: (skip) => (skip === 0 ? [rowid] : []) });
      buckets.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
      const takes = takePerYear(buckets, limit, perYear, offset);
      const events = buckets.flatMap((bucket, index) => {
        const { skip = 0, take = 0 } = takes[index] ?? {};
        return take > 0 ? bucket.read(skip, take) : [];
      })
        .flatMap((rowid) => {
          const row = statements.byRowid.get(rowid);
          return row ? [toEvent(row)] : [];
        });
      return { events, total: buckets.reduce((sum, bucket) => sum + bucket.count, 0) };
    },
    hasEventsOnCalendarDay(month: number, day: number): boolean {
      return statements.hasCalendarDay.get(month, day) !== undefined;
    },
    /**
     * The news of the days from `first` to `last` (`YYYY-MM-DD`, inclusive), oldest first: the
     * day-precision events of those days, and events reported then that happened earlier.
     */
    listEventsBetween(first: string, last: string, limit: number): StoredEvent[] {
      return statements.between.all({ first, last, limit }).map(toEvent);
    },
    /** The latest events whose whole period (day, month or year) is over by `today` (`YYYY-MM-DD`). */
    listLatestEvents(today: string, limit: number): StoredEvent[] {
      return statements.latest.all(today, limit).map(toEvent);
    },
    getEvent(id: string): (StoredEvent & { sources: EventSource[] }) | undefined {
      const row = statements.byId.get(id);
      return row ? { ...toEvent(row), sources: statements.sourcesOf.all(id) } : undefined;
    },
    searchEvents: search.searchEvents,
    searchEventsByDate: search.searchEventsByDate,
    explainNoMatches: search.explainNoMatches,
    refreshSearchIndexIfStale: indexUpkeep.refreshSearchIndexIfStale,
    deferIndexMerges: indexUpkeep.deferIndexMerges,
    filterEventsMatchingTopic: search.filterEventsMatchingTopic,
    countEventsMatchingTopic: search.countEventsMatchingTopic,
    listDocuments(): StoredDocument[] {
      return statements.documents.all();
    },
    stats(): StoreStats {
      const counts = statements.counts.get() ?? { events: 0, documents: 0, sources: 0, linked: 0 };
      const range = statements.dateRange.get() ?? { first: null, last: null };
      const byPrecision: Record<Precision, number> = { day: 0, month: 0, year: 0 };
      for (const row of statements.byPrecision.all()) byPrecision[row.precision] = row.n;
      return {
        events: counts.events, documents: counts.documents, sources: counts.sources, linkedEvents: counts.linked,
        firstDate: range.first, lastDate: range.last, byPrecision,
      };
    },
  };
  return store;
}

export type EventStore = ReturnType<typeof createEventStore>;
