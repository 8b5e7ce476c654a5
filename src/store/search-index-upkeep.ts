import type { SqliteDatabase } from './database.js';
import type { SearchTuning } from './event-search.js';

/**
 * The full-text index's upkeep around ingests: merging its segments, and counting how many events
 * its words occur in (which guides ranking and the "did you mean" suggestions). `onChange` is
 * called when the counts changed.
 */
export function createSearchIndexUpkeep(db: SqliteDatabase, tuning: SearchTuning, onChange: () => void) {
  // Per connection: the index's term counts.
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.events_fts_terms USING fts5vocab(main, events_fts, row)');
  const statements = {
    eventCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events'),
    // Words (terms without digits) and terms frequent enough to count, in one pass over the index.
    wordsAndTermsInAtLeast: db.prepare<[number], { term: string; doc: number }>(
      "SELECT term, doc FROM temp.events_fts_terms WHERE doc >= ? OR term NOT GLOB '*[0-9]*'"),
    clearWordFrequencies: db.prepare('DELETE FROM word_frequencies'),
    mergeIndex: db.prepare("INSERT INTO events_fts (events_fts) VALUES ('optimize')"),
    // FTS5 takes the setting as an integer literal (a bound number is a real to it).
    stopIndexAutomerge: db.prepare("INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 0)"),
    restoreIndexAutomerge: db.prepare("INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 4)"),
    indexAutomerge: db.prepare<[], number>("SELECT v FROM events_fts_config WHERE k = 'automerge'").pluck(),
    insertWordFrequency: db.prepare<[string, number]>('INSERT INTO word_frequencies (term, events) VALUES (?, ?)'),
    clearIndexTerms: db.prepare('DELETE FROM index_terms'),
    insertIndexTerm: db.prepare<[string, number]>('INSERT INTO index_terms (term, events) VALUES (?, ?)'),
    anyIndexTerm: db.prepare<[], number>('SELECT 1 FROM index_terms LIMIT 1').pluck(),
    clearWordFrequenciesCounted: db.prepare('DELETE FROM word_frequencies_counted'),
    setWordFrequenciesCounted: db.prepare<[number]>('INSERT INTO word_frequencies_counted (events) VALUES (?)'),
    wordFrequenciesCounted: db.prepare<[], { events: number; events_changed: number }>('SELECT events, events_changed FROM word_frequencies_counted'),
  };

  // A bulk ingest that never finished (the process died) left the index not merging: it merges again.
  if (statements.indexAutomerge.get() === 0) statements.restoreIndexAutomerge.run();

  return {
    /**
     * If the words were never counted, or more than 5% of the events counted have been added or
     * removed since: merges the full-text index into one segment (FTS5 `optimize`: every query then
     * reads one doclist per word, not one per segment; searches ~20% faster), then counts how many
     * events the index's words and frequent terms occur in. Both run after an ingest, not per
     * document, and at the benchmark's 1M events each takes 2–3 s, during which this thread (the
     * bot's, in a rescan) does nothing else. The merge rewrites the whole index in one transaction
     * (holding the write lock), so the WAL is checkpointed and truncated after it; the count takes
     * the write lock only to store its result (every word of the index).
     */
    refreshSearchIndexIfStale(): boolean {
      const counted = statements.wordFrequenciesCounted.get();
      const events = statements.eventCount.get()?.n ?? 0;
      // A database from before the index's words were kept has them counted once.
      const wordsMissing = events > 0 && statements.anyIndexTerm.get() === undefined;
      if (counted && counted.events_changed <= counted.events * 0.05 && !wordsMissing) return false;
      statements.mergeIndex.run();
      db.pragma('wal_checkpoint(TRUNCATE)');
      const frequentFrom = events < tuning.frequentWordEvents ? Number.MAX_SAFE_INTEGER
        : Math.max(tuning.frequentWordEvents, Math.ceil(tuning.frequentWordShare * events));
      const terms = statements.wordsAndTermsInAtLeast.all(frequentFrom);
      db.transaction(() => {
        statements.clearWordFrequencies.run();
        statements.clearIndexTerms.run();
        for (const { term, doc } of terms) {
          if (doc >= frequentFrom) statements.insertWordFrequency.run(term, doc);
          if (!/\d/.test(term)) statements.insertIndexTerm.run(term, doc);
        }
        statements.clearWordFrequenciesCounted.run();
        statements.setWordFrequenciesCounted.run(events);
      })();
      onChange();
      return true;
    },
    /**
     * For a bulk ingest: the full-text index stops merging its segments as documents are added
     * (FTS5 `automerge` 0) until the returned function is called (back to FTS5's default, 4). An
     * ingest that changed more than 5% of the archive is then merged into one segment (above): writing
     * 1M events' text into the index took 12 µs per event instead of 20, that merge included. A
     * smaller one leaves its segments to the merges of later writes. Should the process die in
     * between, FTS5's crisis merge still bounds the segments, and the next store opened on the
     * database sets the merging back.
     */
    deferIndexMerges(): () => void {
      statements.stopIndexAutomerge.run();
      let resumed = false;
      return () => {
        if (!resumed) statements.restoreIndexAutomerge.run();
        resumed = true;
      };
    },
  };
}
