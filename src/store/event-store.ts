import type { ParsedEvent } from '../ingest/event.js';
import { PARSER_VERSION } from '../ingest/parse-document.js';
import type { Precision } from '../ingest/partial-date.js';
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';
import { type QueryTerm, ftsExpression, parseQuery, toFtsFilterQuery } from './fts-query.js';
import { FTS_TOKENIZER } from './migrations.js';

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
}

export interface SearchHit extends StoredEvent {
  /** The matching passage, with the matched words between \u0001 and \u0002 (the digest turns them into markup). */
  readonly snippet: string;
}

export interface SearchResult {
  readonly hits: SearchHit[];
  /** Matches in all; when `capped`, the count stopped at the search window. */
  readonly total: number;
  /** A very frequent query: only its newest matches (by rowid, the order of ingest) were searched. */
  readonly capped: boolean;
  /**
   * 'relevance': by bm25 over the query's words (words in a large share of all events only filter).
   * 'newest': every word is frequent, so the matches come newest first. 'date': oldest first (a timeline).
   */
  readonly order: 'relevance' | 'newest' | 'date';
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

export interface SearchTuning {
  /**
   * Frequent queries are searched within their newest matches (bm25 over every match is too slow):
   * this many for a one-word query; ranking costs per word, so a query of N words gets a Nth of it
   * (at least a fifth).
   */
  readonly window: number;
  /**
   * A word in at least this share of all events, and in at least `frequentWordEvents` of them, is
   * frequent: it filters the matches but does not rank them, because bm25 weighs a word by how
   * rare it is and must read every event the word is in to find out.
   */
  readonly frequentWordShare: number;
  readonly frequentWordEvents: number;
}

export const SEARCH_TUNING: SearchTuning = { window: 5_000, frequentWordShare: 0.1, frequentWordEvents: 20_000 };

/** How often the store looks for changes made through another connection. */
export const EXTERNAL_CHANGES_CHECK_MS = 1_000;

type EventInsertValues = [
  id: string, date: string, precision: Precision, endDate: string | null, reportedDate: string | null, month: number | null,
  day: number | null, kind: string, headline: string, text: string, people: string, organisations: string, places: string,
  topics: string, source: string, line: number, section: string | null,
];

interface EventRow {
  id: string; date: string; precision: Precision; end_date: string | null; reported_date: string | null;
  kind: string; headline: string; text: string; people: string; organisations: string; places: string;
  topics: string; source: string; line: number; section: string | null; source_count: number;
}

const EVENT_COLUMNS = `e.id, e.date, e.precision, e.end_date, e.reported_date, e.kind, e.headline, e.text,
  e.people, e.organisations, e.places, e.topics, e.first_source AS source, e.first_line AS line, e.first_section AS section, e.source_count`;

/** Events on a month and day of any year, newest first. */
const ON_CALENDAR_DAY_SQL = `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.month = ? AND e.day = ? ORDER BY e.date DESC LIMIT ?`;
/** The statements behind on this day, exported so that the benchmark can run them bare. */
export const ON_CALENDAR_DAY_DATES_SQL = 'SELECT rowid, date FROM events WHERE month = ? AND day = ?';
export const EVENT_BY_ROWID_SQL = `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.rowid = ?`;

function toEvent(row: EventRow): StoredEvent {
  return {
    id: row.id, date: row.date, precision: row.precision, endDate: row.end_date, reportedDate: row.reported_date,
    kind: row.kind, headline: row.headline, text: row.text,
    people: JSON.parse(row.people) as string[], organisations: JSON.parse(row.organisations) as string[],
    places: JSON.parse(row.places) as string[], topics: JSON.parse(row.topics) as string[],
    source: { source: row.source, line: row.line, section: row.section }, sourceCount: row.source_count,
  };
}


/**
 * The rows of the search window being ranked, for `in_search_window(rowid)`: set just before the
 * statement runs and cleared after it (statements run one at a time, so one set serves every store).
 */
let searchWindowRows = new Set<number>();

/** The one place with SQL for events and documents. Statements are prepared once. */
export function createEventStore(db: SqliteDatabase, tuning: SearchTuning = SEARCH_TUNING) {
  // Per connection: the index's term counts, and a scratch index that turns a word into its index term.
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.events_fts_terms USING fts5vocab(main, events_fts, row);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_probe USING fts5 (word, tokenize = '${FTS_TOKENIZER}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_probe_terms USING fts5vocab(temp, word_probe, instance);`);
  const statements = {
    documentBySource: db.prepare<[string], { id: number; sha256: string; path: string; parser_version: number }>(
      'SELECT id, sha256, path, parser_version FROM documents WHERE source = ?'),
    moveDocument: db.prepare<[string, string]>('UPDATE documents SET path = ? WHERE source = ?'),
    insertDocument: db.prepare(`INSERT INTO documents (source, path, sha256, bytes, document_date, document_date_method, event_count, ingested_at, parser_version)
      VALUES (@source, @path, @sha256, @bytes, @documentDate, @documentDateMethod, @eventCount, @ingestedAt, @parserVersion)`),
    updateDocument: db.prepare(`UPDATE documents SET path = @path, sha256 = @sha256, bytes = @bytes, document_date = @documentDate,
      document_date_method = @documentDateMethod, event_count = @eventCount, ingested_at = @ingestedAt, parser_version = @parserVersion WHERE id = @id`),
    eventRowidsOfDocument: db.prepare<[number], { event_rowid: number }>('SELECT event_rowid FROM event_sources WHERE document_id = ?'),
    deleteSourcesOfDocument: db.prepare('DELETE FROM event_sources WHERE document_id = ?'),
    orphanEvent: db.prepare<[number, number], { text: string; topics: string }>(
      'SELECT text, topics FROM events WHERE rowid = ? AND NOT EXISTS (SELECT 1 FROM event_sources WHERE event_rowid = ?)'),
    deleteEvent: db.prepare('DELETE FROM events WHERE rowid = ?'),
    deleteFromFts: db.prepare("INSERT INTO events_fts (events_fts, rowid, text, topics) VALUES ('delete', ?, ?, ?)"),
    insertIntoFts: db.prepare('INSERT INTO events_fts (rowid, text, topics) VALUES (?, ?, ?)'),
    eventRowidById: db.prepare<[string], { rowid: number }>('SELECT rowid FROM events WHERE id = ?'),
    insertEvent: db.prepare<EventInsertValues>(`INSERT INTO events (id, date, precision, end_date, reported_date, month, day, kind, headline, text,
        people, organisations, places, topics, first_source, first_line, first_section, source_count)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`),
    recountSources: db.prepare(`UPDATE events SET
        source_count = (SELECT count(*) FROM event_sources WHERE event_rowid = events.rowid),
        (first_source, first_line, first_section) = (SELECT d.source, s.line, s.section FROM event_sources s
          JOIN documents d ON d.id = s.document_id WHERE s.event_rowid = events.rowid ORDER BY s.document_id LIMIT 1)
      WHERE rowid = ?`),
    insertSource: db.prepare('INSERT OR IGNORE INTO event_sources (event_rowid, document_id, line, section) VALUES (?, ?, ?, ?)'),
    onCalendarDay: db.prepare<[number, number, number], EventRow>(ON_CALENDAR_DAY_SQL),
    datesOnCalendarDay: db.prepare<[number, number], [number, string]>(ON_CALENDAR_DAY_DATES_SQL).raw(),
    spanningDays: db.prepare<[], [number, string, string]>(
      "SELECT rowid, date, end_date FROM events WHERE end_date IS NOT NULL AND precision = 'day'").raw(),
    hasCalendarDay: db.prepare<[number, number], { found: number }>('SELECT 1 AS found FROM events WHERE month = ? AND day = ? LIMIT 1'),
    between: db.prepare<[string, string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e
      WHERE e.date >= ? AND e.date <= ? AND e.precision = 'day' ORDER BY e.date, e.rowid LIMIT ?`),
    latest: db.prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e
      WHERE (CASE e.precision WHEN 'year' THEN e.date || '-12-31' WHEN 'month' THEN e.date || '-31' ELSE e.date END) <= ?
      ORDER BY e.date DESC, e.rowid DESC LIMIT ?`),
    byId: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ?`),
    sourcesOf: db.prepare<[string], EventSource>(`SELECT d.source, s.line, s.section FROM events e
      JOIN event_sources s ON s.event_rowid = e.rowid JOIN documents d ON d.id = s.document_id WHERE e.id = ? ORDER BY d.source`),
    newestMatches: db.prepare<[string, number], number>('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck(),
    // Two steps: rank inside the full-text index alone, then read just the page's events.
    // (A snippet in these SELECTs would be computed for every match before the LIMIT: it is read per hit.)
    snippetOf: db.prepare<[string, number], { snippet: string }>(`SELECT snippet(events_fts, 0, char(1), char(2), '…', 24) AS snippet
      FROM events_fts WHERE events_fts MATCH ? AND rowid = CAST(? AS INTEGER)`),
    byRowid: db.prepare<[number], EventRow>(EVENT_BY_ROWID_SQL),
    idsMatchingAny: db.prepare<[string, string], { id: string }>(`SELECT e.id FROM events_fts f JOIN events e ON e.rowid = f.rowid
      WHERE events_fts MATCH ? AND e.id IN (SELECT value FROM json_each(?))`),
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
    eventCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events'),
    frequentTerms: db.prepare<[], string>('SELECT term FROM word_frequencies').pluck(),
    wordFrequenciesCounted: db.prepare<[], { events: number; events_changed: number }>('SELECT events, events_changed FROM word_frequencies_counted'),
    noteEventsChanged: db.prepare<[number]>('UPDATE word_frequencies_counted SET events_changed = events_changed + ?'),
    termsInAtLeast: db.prepare<[number], { term: string; doc: number }>('SELECT term, doc FROM temp.events_fts_terms WHERE doc >= ?'),
    clearWordFrequencies: db.prepare('DELETE FROM word_frequencies'),
    insertWordFrequency: db.prepare<[string, number]>('INSERT INTO word_frequencies (term, events) VALUES (?, ?)'),
    clearWordFrequenciesCounted: db.prepare('DELETE FROM word_frequencies_counted'),
    setWordFrequenciesCounted: db.prepare<[number]>('INSERT INTO word_frequencies_counted (events) VALUES (?)'),
    probeWord: db.prepare<[string]>('INSERT INTO temp.word_probe (rowid, word) VALUES (1, ?)'),
    probedTerms: db.prepare<[], { term: string }>('SELECT term FROM temp.word_probe_terms'),
    clearProbe: db.prepare('DELETE FROM temp.word_probe'),
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
    if (existing) {
      documentId = existing.id;
      oldEventRowids = new Set(statements.eventRowidsOfDocument.all(documentId).map((row) => row.event_rowid));
      statements.deleteSourcesOfDocument.run(documentId);
      statements.updateDocument.run({ ...fields, id: documentId });
    } else {
      documentId = Number(statements.insertDocument.run(fields).lastInsertRowid);
    }
    let eventsAdded = 0;
    let eventsLinked = 0;
    const keptRowids = new Set<number>();
    for (const event of input.events) {
      let rowid = statements.eventRowidById.get(event.id)?.rowid;
      const isNewEvent = rowid === undefined;
      if (rowid === undefined) {
        const [, month, day] = event.precision === 'day' ? event.date.split('-').map(Number) : [];
        const topics = JSON.stringify(event.topics);
        rowid = Number(statements.insertEvent.run(
          event.id, event.date, event.precision, event.endDate ?? null, event.reportedDate ?? null, month ?? null, day ?? null,
          event.kind, event.headline, event.text, JSON.stringify(event.people), JSON.stringify(event.organisations),
          JSON.stringify(event.places), topics, input.source, event.line, event.section ?? null,
        ).lastInsertRowid);
        statements.insertIntoFts.run(rowid, event.text, topics);
        eventsAdded++;
      } else if (!oldEventRowids.has(rowid)) {
        eventsLinked++;
      }
      const isNewSource = statements.insertSource.run(rowid, documentId, event.line, event.section ?? null).changes === 1;
      // Another document's event gains this one as a source; this document's own old events are recounted below.
      if (isNewSource && !isNewEvent && !oldEventRowids.has(rowid)) statements.recountSources.run(rowid);
      keptRowids.add(rowid);
    }
    // This document's old events that it still reports may have moved (line, section): recounted.
    const lost = [...oldEventRowids].filter((rowid) => !keptRowids.has(rowid));
    const eventsRemoved = dropOrRecount(lost, [...oldEventRowids].filter((rowid) => keptRowids.has(rowid)));
    statements.noteEventsChanged.run(eventsAdded + eventsRemoved);
    return { outcome: existing ? 'replaced' : 'added', eventsAdded, eventsLinked, eventsRemoved };
  });

  /** Events that lost a source: deleted (with their index entries) when none is left, else recounted. */
  function dropOrRecount(lostSource: readonly number[], alsoRecount: Iterable<number> = []): number {
    let removed = 0;
    for (const rowid of lostSource) {
      const orphan = statements.orphanEvent.get(rowid, rowid);
      if (!orphan) {
        statements.recountSources.run(rowid);
        continue;
      }
      statements.deleteFromFts.run(rowid, orphan.text, orphan.topics);
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

  db.function('in_search_window', { directOnly: true }, (rowid) => (searchWindowRows.has(rowid as number) ? 1 : 0));

  type WindowQuery = 'rank' | 'date' | 'newest' | 'rankInWindow';
  const WINDOW_SQL: Record<WindowQuery, (fromRowid: number) => string> = {
    rank: (from) => `SELECT rowid, bm25(events_fts, 1.0, 0.5) AS score FROM events_fts
      WHERE events_fts MATCH ? AND rowid >= ${from} ORDER BY score LIMIT ? OFFSET ?`,
    date: (from) => `SELECT f.rowid FROM events_fts f JOIN events e ON e.rowid = f.rowid
      WHERE events_fts MATCH ? AND f.rowid >= ${from} ORDER BY e.date, e.rowid LIMIT ? OFFSET ?`,
    newest: (from) => `SELECT f.rowid FROM events_fts f JOIN events e ON e.rowid = f.rowid
      WHERE events_fts MATCH ? AND f.rowid >= ${from} ORDER BY e.date DESC, e.rowid DESC LIMIT ? OFFSET ?`,
    // SQLite applies the filter before it computes bm25, so only the window's rows are scored.
    rankInWindow: (from) => `SELECT rowid, bm25(events_fts, 1.0, 0.5) AS score FROM events_fts
      WHERE events_fts MATCH ? AND rowid >= ${from} AND in_search_window(rowid) ORDER BY score LIMIT ? OFFSET ?`,
  };
  /**
   * The window's lower rowid goes into the SQL as a literal: FTS5 ranks a window bounded by a
   * literal about 2.5x faster than one bounded by a parameter. It is an integer we computed.
   */
  const windowStatements = new Map<string, Database.Statement<unknown[], { rowid: number }>>();
  function inWindow(query: WindowQuery, fromRowid: number): Database.Statement<unknown[], { rowid: number }> {
    if (!Number.isSafeInteger(fromRowid)) throw new Error(`bad rowid bound ${fromRowid}`);
    const key = `${query}:${fromRowid}`;
    let statement = windowStatements.get(key);
    if (!statement) {
      statement = db.prepare(WINDOW_SQL[query](fromRowid));
      if (windowStatements.size > 200) windowStatements.clear();
      windowStatements.set(key, statement);
    }
    return statement;
  }

  function pageOfHits(match: string, page: readonly { rowid: number }[]): SearchHit[] {
    return page.flatMap(({ rowid }) => {
      const row = statements.byRowid.get(rowid);
      const snippet = statements.snippetOf.get(match, rowid)?.snippet;
      return row ? [{ ...toEvent(row), snippet: snippet ?? row.headline }] : [];
    });
  }

  interface SearchWindow { readonly rowids: number[]; readonly fromRowid: number; readonly total: number; readonly capped: boolean }
  /** The query's newest matches, as many as a query of its length may rank. */
  function searchWindow(match: string, termCount: number): SearchWindow {
    const size = Math.max(Math.floor(tuning.window / 5), Math.floor(tuning.window / Math.max(1, termCount)));
    const rowids = statements.newestMatches.all(match, size + 1);
    const capped = rowids.length > size;
    if (capped) rowids.length = size;
    return { rowids, fromRowid: capped ? (rowids.at(-1) ?? 0) : 0, total: rowids.length, capped };
  }

  /** The index terms counted as frequent at the last count, read again whenever the store changes. */
  let frequentTerms = { generation: '', terms: new Set<string>() };
  function frequentTermsNow(): Set<string> {
    const generation = store.generation();
    if (frequentTerms.generation !== generation) frequentTerms = { generation, terms: new Set(statements.frequentTerms.all()) };
    return frequentTerms.terms;
  }

  const indexTerms = new Map<string, string | undefined>();
  /** A word as the index holds it (folded and stemmed by the index's own tokenizer); undefined if it makes several terms. */
  function indexTermOf(word: string): string | undefined {
    if (indexTerms.has(word)) return indexTerms.get(word);
    let terms: { term: string }[];
    try {
      statements.probeWord.run(word);
      terms = statements.probedTerms.all();
    } finally {
      statements.clearProbe.run();
    }
    const term = terms.length === 1 ? terms[0]?.term : undefined;
    if (indexTerms.size >= 10_000) indexTerms.clear();
    indexTerms.set(word, term);
    return term;
  }

  /** Which terms rank a query's matches: all of them, the ones that are not frequent, or none (newest first). */
  function rankingTermsOf(terms: readonly QueryTerm[]): { order: 'relevance' | 'newest'; rankBy?: string } {
    const frequent = frequentTermsNow();
    if (frequent.size === 0) return { order: 'relevance' };
    const rare = terms.filter(([word = '', ...alternatives]) => {
      if (alternatives.length > 0 || word.includes(' ')) return true;
      const term = indexTermOf(word);
      return term === undefined || !frequent.has(term);
    });
    if (rare.length === terms.length) return { order: 'relevance' };
    if (rare.length === 0) return { order: 'newest' };
    return { order: 'relevance', rankBy: ftsExpression(rare) };
  }

  /** The window's matches, ordered by bm25 over the rarer words alone (the frequent ones only filtered). */
  function rankByRarerWords(window: SearchWindow, rankBy: string, limit: number, offset: number): { rowid: number }[] {
    searchWindowRows = new Set(window.rowids);
    try {
      return inWindow('rankInWindow', window.fromRowid).all(rankBy, limit, offset);
    } finally {
      searchWindowRows = new Set();
    }
  }

  let localChanges = 0;
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  const externalCheck = { at: -Infinity, version: 0 };

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
      return `${localChanges}:${externalCheck.version}`;
    },
    /**
     * Stores one document's events in one transaction: an unchanged document (same hash) is kept as
     * it is; a changed one replaces only its own events; an event another document already reported
     * gains a source instead of a copy.
     */
    replaceDocument(input: DocumentInput, ingestedAt: string = new Date().toISOString()): DocumentIngestResult {
      const result = replaceDocumentTransaction(input, ingestedAt);
      if (result.outcome !== 'kept') localChanges++;
      return result;
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
    listEventsOnCalendarDays(days: readonly { month: number; day: number }[], limit: number, perYear: number): { events: StoredEvent[]; total: number } {
      const rows = days.flatMap(({ month, day }) => statements.datesOnCalendarDay.all(month, day));
      // Events spanning several days (`2–3 March`) show on each of their days, not only the first.
      const monthDays = days.map(({ month, day }) => `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      for (const [rowid, start, end] of statements.spanningDays.all()) {
        const [from, to] = [start.slice(5), end.slice(5)];
        const sameYear = start.slice(0, 4) === end.slice(0, 4);
        if (monthDays.some((monthDay) => (sameYear ? from < monthDay && monthDay <= to : from < monthDay || monthDay <= to))) rows.push([rowid, start]);
      }
      // Newest date first; one day's events in the order their document tells them.
      rows.sort(([rowidA, dateA], [rowidB, dateB]) => (dateA === dateB ? rowidA - rowidB : dateA < dateB ? 1 : -1));
      const chosen = new Set<number>();
      const takenInYear = new Map<string, number>();
      for (const [rowid, date] of rows) {
        if (chosen.size >= limit) break;
        const taken = takenInYear.get(date.slice(0, 4)) ?? 0;
        if (taken < perYear) {
          chosen.add(rowid);
          takenInYear.set(date.slice(0, 4), taken + 1);
        }
      }
      for (const [rowid] of rows) {
        if (chosen.size >= limit) break;
        chosen.add(rowid);
      }
      const events = rows.filter(([rowid]) => chosen.has(rowid)).flatMap(([rowid]) => {
        const row = statements.byRowid.get(rowid);
        return row ? [toEvent(row)] : [];
      });
      return { events, total: rows.length };
    },
    hasEventsOnCalendarDay(month: number, day: number): boolean {
      return statements.hasCalendarDay.get(month, day) !== undefined;
    },
    /** Day-precision events from `first` to `last` (`YYYY-MM-DD`, inclusive), oldest first. */
    listEventsBetween(first: string, last: string, limit: number): StoredEvent[] {
      return statements.between.all(first, last, limit).map(toEvent);
    },
    /** The latest events whose whole period (day, month or year) is over by `today` (`YYYY-MM-DD`). */
    listLatestEvents(today: string, limit: number): StoredEvent[] {
      return statements.latest.all(today, limit).map(toEvent);
    },
    getEvent(id: string): (StoredEvent & { sources: EventSource[] }) | undefined {
      const row = statements.byId.get(id);
      return row ? { ...toEvent(row), sources: statements.sourcesOf.all(id) } : undefined;
    },
    /**
     * Ranked full-text search (bm25); the user's words are taken literally. Frequent words only
     * filter; when every word is frequent, the matches come newest first.
     */
    searchEvents(userText: string, limit: number, offset = 0): SearchResult {
      const terms = parseQuery(userText);
      const match = ftsExpression(terms);
      const window = searchWindow(match, terms.length);
      if (window.total === 0) return { hits: [], total: 0, capped: false, order: 'relevance' };
      const { order, rankBy } = rankingTermsOf(terms);
      const page = order === 'newest' ? inWindow('newest', window.fromRowid).all(match, limit, offset)
        : rankBy === undefined ? inWindow('rank', window.fromRowid).all(match, limit, offset)
        : rankByRarerWords(window, rankBy, limit, offset);
      return { hits: pageOfHits(match, page), total: window.total, capped: window.capped, order };
    },
    /** The same matches as `searchEvents`, in date order. */
    searchEventsByDate(userText: string, limit: number, offset = 0): SearchResult {
      const terms = parseQuery(userText);
      const match = ftsExpression(terms);
      const window = searchWindow(match, terms.length);
      const hits = window.total === 0 ? [] : pageOfHits(match, inWindow('date', window.fromRowid).all(match, limit, offset));
      return { hits, total: window.total, capped: window.capped, order: 'date' };
    },
    /**
     * Counts how many events the index's frequent terms occur in, if they were never counted or if
     * more than 5% of the events counted have been added or removed since. The count reads the whole
     * index (about 2 s at 1M events), so it runs after an ingest, not per document; the write lock
     * is taken only to store the result.
     */
    countWordFrequenciesIfStale(): boolean {
      const counted = statements.wordFrequenciesCounted.get();
      if (counted && counted.events_changed <= counted.events * 0.05) return false;
      const events = statements.eventCount.get()?.n ?? 0;
      const terms = events < tuning.frequentWordEvents ? []
        : statements.termsInAtLeast.all(Math.max(tuning.frequentWordEvents, Math.ceil(tuning.frequentWordShare * events)));
      db.transaction(() => {
        statements.clearWordFrequencies.run();
        for (const { term, doc } of terms) statements.insertWordFrequency.run(term, doc);
        statements.clearWordFrequenciesCounted.run();
        statements.setWordFrequenciesCounted.run(events);
      })();
      localChanges++;
      return true;
    },
    /** Of these events, the ones matching a subscription's topic filter (see `filterAlternatives`). */
    filterEventsMatchingTopic<T extends { id: string }>(events: readonly T[], filter: string): T[] {
      if (events.length === 0) return [];
      const matching = new Set(statements.idsMatchingAny.all(toFtsFilterQuery(filter), JSON.stringify(events.map((e) => e.id))).map((row) => row.id));
      return events.filter((event) => matching.has(event.id));
    },
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
