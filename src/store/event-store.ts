import type { ParsedEvent } from '../ingest/event.js';
import { PARSER_VERSION } from '../ingest/parse-document.js';
import type { Precision } from '../ingest/partial-date.js';
import type { SqliteDatabase } from './database.js';
import { SEARCH_TUNING, type SearchTuning, createEventSearch } from './event-search.js';

export interface EventSource {
  readonly source: string;
  readonly line: number;
  readonly section: string | null;
}

export interface StoredEvent {
  readonly id: string;
  readonly date: string;
  readonly precision: Precision;
  readonly endDate: string | null;
  readonly reportedDate: string | null;
  readonly kind: string;
  readonly headline: string;
  readonly text: string;
  readonly people: string[];
  readonly organisations: string[];
  readonly places: string[];
  readonly topics: string[];
  /** The first source; `sourceCount` says how many documents report it. */
  readonly source: EventSource;
  readonly sourceCount: number;
  /** How many more times its document repeats it: an editor's highlight. */
  readonly repeats: number;
  /** A state that began at `date` and still held when its document was written (`since 1992`). */
  readonly ongoing: boolean;
}

export interface DocumentInput {
  readonly source: string;
  /** Where the file was read from (absolute): a rescan removes documents whose file is gone. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly documentDate: string | undefined;
  readonly documentDateMethod: string | undefined;
  readonly events: readonly ParsedEvent[];
  /** The parser that produced the events (default: this one). */
  readonly parserVersion?: number;
}

export type DocumentOutcome = 'added' | 'replaced' | 'kept' | 'removed';

export interface DocumentIngestResult {
  readonly outcome: DocumentOutcome;
  /** Events new to the store. */
  readonly eventsAdded: number;
  /** Events another document had already reported: linked, not counted twice. */
  readonly eventsLinked: number;
  /** Events that only the old version of this document had. */
  readonly eventsRemoved: number;
}

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

type EventInsertValues = [
  id: string, date: string, precision: Precision, endDate: string | null, reportedDate: string | null, month: number | null,
  day: number | null, kind: string, headline: string, text: string, people: string, organisations: string, places: string,
  topics: string, source: string, line: number, section: string | null, repeats: number, ongoing: number,
];

interface EventRow {
  id: string; date: string; precision: Precision; end_date: string | null; reported_date: string | null;
  kind: string; headline: string; text: string; people: string; organisations: string; places: string;
  topics: string; source: string; line: number; section: string | null; source_count: number; repeats: number; ongoing: number;
}

const EVENT_COLUMNS = `e.id, e.date, e.precision, e.end_date, e.reported_date, e.kind, e.headline, e.text,
  e.people, e.organisations, e.places, e.topics, e.first_source AS source, e.first_line AS line, e.first_section AS section, e.source_count, e.repeats, e.ongoing`;

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

function toEvent(row: EventRow): StoredEvent {
  return {
    id: row.id, date: row.date, precision: row.precision, endDate: row.end_date, reportedDate: row.reported_date,
    kind: row.kind, headline: row.headline, text: row.text,
    people: JSON.parse(row.people) as string[], organisations: JSON.parse(row.organisations) as string[],
    places: JSON.parse(row.places) as string[], topics: JSON.parse(row.topics) as string[],
    source: { source: row.source, line: row.line, section: row.section }, sourceCount: row.source_count, repeats: row.repeats,
    ongoing: row.ongoing === 1,
  };
}


/** The one place with SQL for events and documents. Statements are prepared once. */
export function createEventStore(db: SqliteDatabase, tuning: SearchTuning = SEARCH_TUNING) {
  const statements = {
    documentBySource: db.prepare<[string], { id: number; sha256: string; path: string; parser_version: number }>(
      'SELECT id, sha256, path, parser_version FROM documents WHERE source = ?'),
    moveDocument: db.prepare<[string, string]>('UPDATE documents SET path = ? WHERE source = ?'),
    insertDocument: db.prepare(`INSERT INTO documents (source, path, sha256, bytes, document_date, document_date_method, event_count, ingested_at, parser_version)
      VALUES (@source, @path, @sha256, @bytes, @documentDate, @documentDateMethod, @eventCount, @ingestedAt, @parserVersion)`),
    updateDocument: db.prepare(`UPDATE documents SET path = @path, sha256 = @sha256, bytes = @bytes, document_date = @documentDate,
      document_date_method = @documentDateMethod, event_count = @eventCount, ingested_at = @ingestedAt, parser_version = @parserVersion WHERE id = @id`),
    eventRowidsOfDocument: db.prepare<[number], { event_rowid: number }>('SELECT event_rowid FROM event_sources WHERE document_id = ?'),
    eventsOfDocument: db.prepare<[number], [string, number]>(
      'SELECT e.id, e.rowid FROM event_sources s JOIN events e ON e.rowid = s.event_rowid WHERE s.document_id = ?').raw(),
    deleteSourcesOfDocument: db.prepare('DELETE FROM event_sources WHERE document_id = ?'),
    orphanEvent: db.prepare<[number, number], { text: string }>(
      'SELECT text FROM events WHERE rowid = ? AND NOT EXISTS (SELECT 1 FROM event_sources WHERE event_rowid = ?)'),
    deleteEvent: db.prepare('DELETE FROM events WHERE rowid = ?'),
    deleteFromFts: db.prepare("INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', ?, ?)"),
    insertIntoFts: db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)'),
    eventRowidById: db.prepare<[string], { rowid: number }>('SELECT rowid FROM events WHERE id = ?'),
    // Inserting is also the look-up: an event another document already reported changes nothing (a RETURNING clause made it 4x slower here).
    insertEventIfNew: db.prepare<EventInsertValues>(`INSERT INTO events (id, date, precision, end_date, reported_date, month, day, kind, headline, text,
        people, organisations, places, topics, first_source, first_line, first_section, source_count, repeats, ongoing)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING`),
    // The document that first reported an event says how often it repeats it; another may only add to that.
    noteRepeats: db.prepare<{ repeats: number; source: string; rowid: number }>(`UPDATE events
      SET repeats = CASE WHEN first_source = @source THEN @repeats ELSE max(repeats, @repeats) END WHERE rowid = @rowid AND repeats <> @repeats`),
    // A document read again (by a newer parser, say) restates what it says of its own events; another document's reading does not count.
    textIfFirstSource: db.prepare<[number, string], { text: string }>('SELECT text FROM events WHERE rowid = ? AND first_source = ?'),
    restate: db.prepare<{ kind: string; headline: string; text: string; endDate: string | null; reportedDate: string | null; people: string;
      organisations: string; places: string; topics: string; ongoing: number; rowid: number }>(`UPDATE events
      SET kind = @kind, headline = @headline, text = @text, end_date = @endDate, reported_date = @reportedDate, people = @people,
        organisations = @organisations, places = @places, topics = @topics, ongoing = @ongoing
      WHERE rowid = @rowid AND (kind, headline, text, end_date, reported_date, people, organisations, places, topics, ongoing)
        IS NOT (@kind, @headline, @text, @endDate, @reportedDate, @people, @organisations, @places, @topics, @ongoing)`),
    rereadFirstSourceOf: db.prepare('UPDATE documents SET parser_version = 0 WHERE source = (SELECT first_source FROM events WHERE rowid = ?)'),
    recountSources: db.prepare(`UPDATE events SET
        source_count = (SELECT count(*) FROM event_sources WHERE event_rowid = events.rowid),
        (first_source, first_line, first_section) = (SELECT d.source, s.line, s.section FROM event_sources s
          JOIN documents d ON d.id = s.document_id WHERE s.event_rowid = events.rowid ORDER BY s.document_id LIMIT 1)
      WHERE rowid = ?`),
    insertSource: db.prepare('INSERT OR IGNORE INTO event_sources (event_rowid, document_id, line, section) VALUES (?, ?, ?, ?)'),
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
    deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
    documents: db.prepare<[], StoredDocument>(`SELECT source, path, sha256, bytes, document_date AS documentDate,
      document_date_method AS documentDateMethod, event_count AS eventCount, ingested_at AS ingestedAt FROM documents ORDER BY source`),
    counts: db.prepare<[], { events: number; documents: number; sources: number; linked: number }>(`SELECT
      (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM documents) AS documents,
      (SELECT count(*) FROM event_sources) AS sources,
      (SELECT count(*) FROM (SELECT event_rowid FROM event_sources GROUP BY event_rowid HAVING count(*) > 1)) AS linked`),
    dateRange: db.prepare<[], { first: string | null; last: string | null }>(
      "SELECT (SELECT min(date) FROM events) AS first, (SELECT max(date) FROM events WHERE precision = 'day') AS last"),
    byPrecision: db.prepare<[], { precision: Precision; n: number }>('SELECT precision, count(*) AS n FROM events GROUP BY precision'),
    noteEventsChanged: db.prepare<[number]>('UPDATE word_frequencies_counted SET events_changed = events_changed + ?'),
  };

  const replaceDocumentTransaction = db.transaction((input: DocumentInput, ingestedAt: string): DocumentIngestResult => {
    const existing = statements.documentBySource.get(input.source);
    const parserVersion = input.parserVersion ?? PARSER_VERSION;
    if (existing && existing.sha256 === input.sha256 && existing.parser_version === parserVersion) {
      return { outcome: 'kept', eventsAdded: 0, eventsLinked: 0, eventsRemoved: 0 };
    }
    const fields = {
      source: input.source, path: input.path, sha256: input.sha256, bytes: input.bytes, documentDate: input.documentDate ?? null,
      documentDateMethod: input.documentDateMethod ?? null, eventCount: input.events.length, ingestedAt, parserVersion,
    };
    let documentId: number;
    let oldEventRowids = new Set<number>();
    let oldRowidById = new Map<string, number>();
    if (existing) {
      documentId = existing.id;
      oldRowidById = new Map(statements.eventsOfDocument.all(documentId));
      oldEventRowids = new Set(oldRowidById.values());
      statements.deleteSourcesOfDocument.run(documentId);
      statements.updateDocument.run({ ...fields, id: documentId });
    } else {
      documentId = Number(statements.insertDocument.run(fields).lastInsertRowid);
    }
    let eventsAdded = 0;
    let eventsLinked = 0;
    const keptRowids = new Set<number>();
    for (const event of input.events) {
      let rowid = oldRowidById.get(event.id);
      let isNewEvent = false;
      if (rowid === undefined) {
        const isDay = event.precision === 'day';
        const info = statements.insertEventIfNew.run(
          event.id, event.date, event.precision, event.endDate ?? null, event.reportedDate ?? null,
          isDay ? Number(event.date.slice(5, 7)) : null, isDay ? Number(event.date.slice(8, 10)) : null,
          event.kind, event.headline, event.text, JSON.stringify(event.people), JSON.stringify(event.organisations),
          JSON.stringify(event.places), JSON.stringify(event.topics), input.source, event.line, event.section ?? null, event.repeats ?? 0,
          event.ongoing ? 1 : 0,
        );
        isNewEvent = info.changes === 1;
        rowid = isNewEvent ? Number(info.lastInsertRowid) : statements.eventRowidById.get(event.id)?.rowid ?? 0;
      }
      if (isNewEvent) {
        statements.insertIntoFts.run(rowid, event.text);
        eventsAdded++;
      } else {
        if (!oldEventRowids.has(rowid)) eventsLinked++;
        // A document read again (edited, or by a newer parser), or another document, may repeat it more or less.
        statements.noteRepeats.run({ repeats: event.repeats ?? 0, source: input.source, rowid });
      }
      const isNewSource = statements.insertSource.run(rowid, documentId, event.line, event.section ?? null).changes === 1;
      // Another document's event gains this one as a source; this document's own old events are recounted below.
      if (isNewSource && !isNewEvent && !oldEventRowids.has(rowid)) statements.recountSources.run(rowid);
      if (!isNewEvent) restateIfFirstSource(rowid, event, input.source);
      keptRowids.add(rowid);
    }
    // This document's old events that it still reports may have moved (line, section): recounted.
    const lost = [...oldEventRowids].filter((rowid) => !keptRowids.has(rowid));
    const eventsRemoved = dropOrRecount(lost, [...oldEventRowids].filter((rowid) => keptRowids.has(rowid)));
    statements.noteEventsChanged.run(eventsAdded + eventsRemoved);
    return { outcome: existing ? 'replaced' : 'added', eventsAdded, eventsLinked, eventsRemoved };
  });

  /** What an event's first source says of it now (a newer parser may read it better): text, dates, names, topics. */
  function restateIfFirstSource(rowid: number, event: ParsedEvent, source: string): void {
    const stored = statements.textIfFirstSource.get(rowid, source);
    if (!stored) return;
    if (stored.text !== event.text) {
      statements.deleteFromFts.run(rowid, stored.text);
      statements.insertIntoFts.run(rowid, event.text);
    }
    statements.restate.run({
      kind: event.kind, headline: event.headline, text: event.text, endDate: event.endDate ?? null, reportedDate: event.reportedDate ?? null,
      people: JSON.stringify(event.people), organisations: JSON.stringify(event.organisations), places: JSON.stringify(event.places),
      topics: JSON.stringify(event.topics), ongoing: event.ongoing ? 1 : 0, rowid,
    });
  }

  /** Events that lost a source: deleted (with their index entries) when none is left, else recounted. */
  function dropOrRecount(lostSource: readonly number[], alsoRecount: Iterable<number> = []): number {
    let removed = 0;
    for (const rowid of lostSource) {
      const orphan = statements.orphanEvent.get(rowid, rowid);
      if (!orphan) {
        statements.recountSources.run(rowid);
        // The event's reading was its lost source's: its new first source is read again at the next ingest.
        statements.rereadFirstSourceOf.run(rowid);
        continue;
      }
      statements.deleteFromFts.run(rowid, orphan.text);
      statements.deleteEvent.run(rowid);
      removed++;
    }
    for (const rowid of alsoRecount) statements.recountSources.run(rowid);
    return removed;
  }

  const removeDocumentTransaction = db.transaction((source: string): number => {
    const existing = statements.documentBySource.get(source);
    if (!existing) return 0;
    const rowids = statements.eventRowidsOfDocument.all(existing.id).map((row) => row.event_rowid);
    statements.deleteSourcesOfDocument.run(existing.id);
    statements.deleteDocument.run(existing.id);
    const removed = dropOrRecount(rowids);
    statements.noteEventsChanged.run(removed);
    return removed;
  });

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
  const search = createEventSearch(db, {
    tuning, changes: () => store.generation(), onChange: () => { localChanges++; },
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
    /**
     * Stores one document's events in one transaction: an unchanged document (same hash) is kept as
     * it is; a changed one replaces only its own events; an event another document already reported
     * gains a source instead of a copy.
     */
    replaceDocument(input: DocumentInput, ingestedAt: string = new Date().toISOString()): DocumentIngestResult {
      return store.replaceDocuments([input], ingestedAt)[0] as DocumentIngestResult;
    },
    /**
     * Stores several documents as `replaceDocument` does, in one transaction with a savepoint each:
     * each document is stored whole or not at all, and index pages that many documents change are
     * written once, not once per document. A document that fails is rolled back alone; the ones
     * before it are committed, and its error is thrown. When the database itself fails (disk
     * full), SQLite rolls back the whole transaction, and that error is thrown.
     */
    replaceDocuments(inputs: readonly DocumentInput[], ingestedAt: string = new Date().toISOString()): DocumentIngestResult[] {
      let failure: { error: unknown } | undefined;
      const results = db.transaction(() => {
        const done: DocumentIngestResult[] = [];
        for (const input of inputs) {
          try {
            done.push(replaceDocumentTransaction(input, ingestedAt));
          } catch (error) {
            // A failing database (disk full, I/O error) has rolled the whole transaction back itself.
            if (!db.inTransaction) throw error;
            failure = { error };
            break;
          }
        }
        return done;
      })();
      if (results.some((result) => result.outcome !== 'kept')) localChanges++;
      if (failure) throw failure.error;
      return results;
    },
    /** Removes a document and the events only it reported; returns how many events went. */
    removeDocument(source: string): number {
      const removed = removeDocumentTransaction(source);
      localChanges++;
      return removed;
    },
    /** The stored document's hash and the path it was read from. */
    storedDocument(source: string): { sha256: string; path: string; parserVersion: number } | undefined {
      const row = statements.documentBySource.get(source);
      return row ? { sha256: row.sha256, path: row.path, parserVersion: row.parser_version } : undefined;
    },
    /** An unchanged document found at another path (moved within the data directory). */
    moveDocument(source: string, path: string): void {
      statements.moveDocument.run(path, source);
    },
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
    refreshSearchIndexIfStale: search.refreshSearchIndexIfStale,
    deferIndexMerges: search.deferIndexMerges,
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
