import type { ParsedEvent } from '../ingest/event.js';
import { PARSER_VERSION } from '../ingest/parse-document.js';
import type { Precision } from '../ingest/partial-date.js';
import type { SqliteDatabase } from './database.js';

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

type EventInsertValues = [
  id: string, date: string, precision: Precision, endDate: string | null, reportedDate: string | null, month: number | null,
  day: number | null, kind: string, headline: string, text: string, people: string, organisations: string, places: string,
  topics: string, source: string, line: number, section: string | null, repeats: number, ongoing: number,
];

/**
 * The one place that writes documents and their events: a document replaces only its own events,
 * an event another document already reported gains a source, and the full-text index follows.
 * `onChange` is called whenever the events changed.
 */
export function createDocumentWriter(db: SqliteDatabase, onChange: () => void) {
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
    deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
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

  const writer = {
    /**
     * Stores one document's events in one transaction: an unchanged document (same hash) is kept as
     * it is; a changed one replaces only its own events; an event another document already reported
     * gains a source instead of a copy.
     */
    replaceDocument(input: DocumentInput, ingestedAt: string = new Date().toISOString()): DocumentIngestResult {
      return writer.replaceDocuments([input], ingestedAt)[0] as DocumentIngestResult;
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
      if (results.some((result) => result.outcome !== 'kept')) onChange();
      if (failure) throw failure.error;
      return results;
    },
    /** Removes a document and the events only it reported; returns how many events went. */
    removeDocument(source: string): number {
      const removed = removeDocumentTransaction(source);
      onChange();
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
  };
  return writer;
}
