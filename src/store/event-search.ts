import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';
import type { StoredEvent } from './stored-event.js';
import { type QueryTerm, acronymsLikeWordsIn, cleanQueryWords, filterAlternatives, ftsExpression, parseQuery, searchedWords, toFtsFilterQuery, toFtsQuery, writtenAcronymsIn } from './fts-query.js';
import { editDistance } from '../text/edit-distance.js';
import { TOPICS } from '../ingest/topics.js';
import { FTS_TOKENIZER } from './migrations.js';

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
  /**
   * bm25 reads every event of each word it ranks by: the rarest words rank, as long as their events
   * add up to no more than this; words beyond only filter.
   */
  readonly rankingBudgetEvents: number;
}

/** How many of the index's nearest words `meantWord` checks against the word as typed. */
const MEANT_WORD_TRIES = 3;

export const SEARCH_TUNING: SearchTuning = { window: 2_000, frequentWordShare: 0.1, frequentWordEvents: 20_000, rankingBudgetEvents: 100_000 };

/**
 * Keeps the rows of the search window, bound as a JSON list: SQLite reads the list once into a
 * lookup (the `+` keeps it from driving the full-text index row by row).
 */
const IN_WINDOW = (rowid: string): string => `+${rowid} IN (SELECT value FROM json_each(?))`;

export interface EventSearchDependencies {
  readonly tuning: SearchTuning;
  /** The store's generation: what is cached under one is stale under the next. */
  readonly changes: () => string;
  readonly eventAt: (rowid: number) => StoredEvent | undefined;
}

/**
 * The topic tags a filter names outright: an alternative written as a tag's name (`aviation`,
 * `courts and arrests`) also matches the events tagged with it, as the week's "By topic" line shows them.
 */
function tagsNamedIn(filter: string): string[] {
  const alternatives = new Set(filterAlternatives(filter).map((alternative) => alternative.toLowerCase()));
  return TOPICS.filter((topic) => alternatives.has(cleanQueryWords(topic).join(' ')));
}

/** Full-text search over the events, ranked by what the word counts (see search-index-upkeep) say: the SQL of search. */
export function createEventSearch(db: SqliteDatabase, { tuning, changes, eventAt }: EventSearchDependencies) {
  // Per connection: a scratch index that turns a word into its index term.
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_probe USING fts5 (word, tokenize = '${FTS_TOKENIZER}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.word_probe_terms USING fts5vocab(temp, word_probe, instance);`);
  const statements = {
    newestMatches: db.prepare<[string, number], number>('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck(),
    // Two steps: rank inside the full-text index alone, then read just the page's events.
    // (A snippet in these SELECTs would be computed for every match before the LIMIT: it is read per hit.)
    snippetOf: db.prepare<[string, number], { snippet: string }>(`SELECT snippet(events_fts, 0, char(1), char(2), '…', 24) AS snippet
      FROM events_fts WHERE events_fts MATCH ? AND rowid = CAST(? AS INTEGER)`),
    // The window holds every match considered, so date order reads its rows, not the index again.
    newestOfRowids: db.prepare<[string, number, number], { rowid: number }>(
      'SELECT rowid FROM events WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY date DESC, rowid DESC LIMIT ? OFFSET ?'),
    oldestOfRowids: db.prepare<[string, number, number], { rowid: number }>(
      'SELECT rowid FROM events WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY date, rowid LIMIT ? OFFSET ?'),
    textsOfRowids: db.prepare<[string], { rowid: number; text: string }>('SELECT rowid, text FROM events WHERE rowid IN (SELECT value FROM json_each(?))'),
    rowidsOfIds: db.prepare<[string], { rowid: number; id: string }>('SELECT rowid, id FROM events WHERE id IN (SELECT value FROM json_each(?))'),
    // The filter's matches are walked in the index alone; only those among the given rows are kept.
    matchingInWindow: db.prepare<[string, string], number>(`SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND ${IN_WINDOW('rowid')}`).pluck(),
    countMatchesUpTo: db.prepare<[string, number], number>('SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)').pluck(),
    matchesWithText: db.prepare<[string], { rowid: number; text: string }>(
      'SELECT f.rowid, e.text FROM events_fts f JOIN events e ON e.rowid = f.rowid WHERE events_fts MATCH ? ORDER BY f.rowid DESC'),
    taggedAmongAll: db.prepare<[string, number], number>(`SELECT rowid FROM events
      WHERE EXISTS (SELECT 1 FROM json_each(topics) t WHERE t.value IN (SELECT value FROM json_each(?))) LIMIT ?`).pluck(),
    taggedAmong: db.prepare<[string, string], number>(`SELECT e.rowid FROM json_each(?) r JOIN events e ON e.rowid = r.value
      WHERE EXISTS (SELECT 1 FROM json_each(e.topics) t WHERE t.value IN (SELECT value FROM json_each(?)))`).pluck(),
    frequentTerms: db.prepare<[], string>('SELECT term FROM word_frequencies').pluck(),
    wordFrequenciesCounted: db.prepare<[], { events: number; events_changed: number }>('SELECT events, events_changed FROM word_frequencies_counted'),
    // The index's words starting with a letter, of a range of lengths, the most used first.
    indexWordsLike: db.prepare<[string, string, number, number], string>(`SELECT term FROM index_terms
      WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? ORDER BY events DESC`).pluck(),
    eventsOfIndexTerm: db.prepare<[string], number>('SELECT events FROM index_terms WHERE term = ?').pluck(),
    firstMatchOfTerm: db.prepare<[string], string>(`SELECT snippet(events_fts, 0, char(1), char(2), '', 4) FROM events_fts
      WHERE events_fts MATCH ? LIMIT 1`).pluck(),
    probeWord: db.prepare<[string]>('INSERT INTO temp.word_probe (rowid, word) VALUES (1, ?)'),
    probedTerms: db.prepare<[], { term: string }>('SELECT term FROM temp.word_probe_terms'),
    clearProbe: db.prepare('DELETE FROM temp.word_probe'),
  };


  type WindowQuery = 'rank' | 'rankInWindow';
  const WINDOW_SQL: Record<WindowQuery, (fromRowid: number) => string> = {
    rank: (from) => `SELECT rowid, bm25(events_fts) AS score FROM events_fts
      WHERE events_fts MATCH ? AND rowid >= ${from} ORDER BY score LIMIT ? OFFSET ?`,
    // SQLite applies the filter before it computes bm25, so only the window's rows are scored.
    rankInWindow: (from) => `SELECT rowid, bm25(events_fts) AS score FROM events_fts
      WHERE events_fts MATCH ? AND rowid >= ${from} AND ${IN_WINDOW('rowid')} ORDER BY score LIMIT ? OFFSET ?`,
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
      const event = eventAt(rowid);
      const snippet = statements.snippetOf.get(match, rowid)?.snippet;
      return event ? [{ ...event, snippet: snippet ?? event.headline }] : [];
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
  let frequentTerms = { generation: '', terms: new Set<string>(), from: Infinity };
  function frequentTermsNow(): { terms: Set<string>; from: number } {
    const generation = changes();
    if (frequentTerms.generation !== generation) {
      const counted = statements.wordFrequenciesCounted.get()?.events ?? 0;
      const from = counted < tuning.frequentWordEvents ? Infinity : Math.max(tuning.frequentWordEvents, Math.ceil(tuning.frequentWordShare * counted));
      frequentTerms = { generation, terms: new Set(statements.frequentTerms.all()), from };
    }
    return frequentTerms;
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
    if (frequent.from === Infinity) return { order: 'relevance' };
    // A term is frequent when any of its alternatives is, or when they are together (`Russia` or
    // `Russian`); a phrase is never frequent. What ranking costs is another count: bm25 reads every
    // event of each alternative, and of each word of a phrase (`U.S.` is the phrase `u s`, whose `s`
    // is in many events). Words with digits are not counted (the index's numbers are not kept).
    const eventsOfTerm = (word: string): number => {
      const term = indexTermOf(word);
      return term === undefined ? 0 : statements.eventsOfIndexTerm.get(term) ?? 0;
    };
    const isFrequent = (word: string): boolean => {
      const term = indexTermOf(word);
      return term !== undefined && frequent.terms.has(term);
    };
    const counted = terms.map((phrases) => {
      const single = phrases.filter((phrase) => !phrase.includes(' '));
      const events = single.some(isFrequent) ? Infinity : single.reduce((sum, word) => sum + eventsOfTerm(word), 0);
      const phraseCost = phrases.filter((phrase) => phrase.includes(' ')).reduce((sum, phrase) => sum + phrase.split(' ').reduce((cost, word) => cost + eventsOfTerm(word), 0), 0);
      return { phrases, events, cost: events + phraseCost };
    });
    let spent = 0;
    const rare = counted.filter(({ events }) => events < frequent.from).sort((a, b) => a.cost - b.cost)
      .filter(({ cost }) => (spent += cost) <= tuning.rankingBudgetEvents).map(({ phrases }) => phrases);
    if (rare.length === terms.length) return { order: 'relevance' };
    if (rare.length === 0) return { order: 'newest' };
    return { order: 'relevance', rankBy: ftsExpression(rare) };
  }

  /**
   * The word of the index a word no event holds most likely means: within one edit (two for words
   * over four letters) of the typed word, both as the index holds it and as an event writes it,
   * starting with the same letter, the nearest and then the most used. Words under four letters are
   * not guessed at.
   */
  function meantWord(word: string, typed = word): string | undefined {
    const term = indexTermOf(word);
    if (term === undefined || /\d/.test(term) || word.length < 4) return undefined;
    const limit = term.length <= 4 ? 1 : 2;
    const initial = term.charAt(0);
    const near = statements.indexWordsLike.all(initial, String.fromCharCode(initial.charCodeAt(0) + 1), Math.max(4, term.length - limit), term.length + limit)
      .filter((candidate) => candidate !== term)
      .map((candidate) => ({ candidate, distance: editDistance(term, candidate, limit) }))
      .filter(({ distance }) => distance <= limit)
      .sort((a, b) => a.distance - b.distance);
    // The nearest stem may be written far from the typed word (`electon`: `electron`, written `electronic`): the next may not.
    for (const { candidate } of near.slice(0, MEANT_WORD_TRIES)) {
      const snippet = statements.firstMatchOfTerm.get(ftsExpression([[candidate]]));
      const written = /\u0001([^\u0002]+)\u0002/.exec(snippet ?? '')?.[1] ?? candidate;
      // As the reader wrote: `courtt` is `court`, not the `Court` that opened a sentence.
      if (editDistance(word.toLowerCase(), written.toLowerCase(), limit) <= limit) return typed === typed.toLowerCase() ? written.toLowerCase() : written;
    }
    return undefined;
  }

  /**
   * The events matching a user's words that write their capitals as typed (`US`, not `use`), read
   * match by match until `upTo` are found (added to `into`).
   */
  function writtenMatches(userText: string, upTo: number, into = new Set<number>()): Set<number> {
    const acronyms = writtenAcronymsIn(userText);
    for (const { rowid, text } of statements.matchesWithText.iterate(toFtsQuery(userText))) {
      if (into.size >= upTo) break;
      if (acronyms.every((acronym) => acronym.test(text))) into.add(rowid);
    }
    return into;
  }

  /** Of these events, the ones that write the acronyms in capitals (`US`, not `use`). */
  function keepWritten(rowids: readonly number[], acronyms: readonly RegExp[]): number[] {
    if (acronyms.length === 0 || rowids.length === 0) return [...rowids];
    return statements.textsOfRowids.all(JSON.stringify(rowids))
      .filter(({ text }) => acronyms.every((acronym) => acronym.test(text))).map(({ rowid }) => rowid);
  }

  /** A user's words as a MATCH expression, and the window of their matches (written as typed where that matters). */
  function matchesOf(userText: string): { terms: QueryTerm[]; match: string; acronyms: RegExp[]; window: SearchWindow } {
    const terms = parseQuery(userText);
    const match = ftsExpression(terms);
    const acronyms = writtenAcronymsIn(userText);
    const window = searchWindow(match, terms.length);
    if (acronyms.length === 0) return { terms, match, acronyms, window };
    const rowids = keepWritten(window.rowids, acronyms);
    return { terms, match, acronyms, window: { ...window, rowids, total: rowids.length } };
  }

  /** The window's matches, ordered by bm25 over the rarer words alone (the frequent ones only filtered). */
  function rankByRarerWords(window: SearchWindow, rankBy: string, limit: number, offset: number): { rowid: number }[] {
    return inWindow('rankInWindow', window.fromRowid).all(rankBy, JSON.stringify(window.rowids), limit, offset);
  }

  /** Matches of the words, and events whose topics hold one of `count` tags (each bound as its JSON string, quotes included). */
  const countWithTagsStatements = new Map<number, Database.Statement<unknown[], number>>();
  function countWithTags(count: number): Database.Statement<unknown[], number> {
    let statement = countWithTagsStatements.get(count);
    if (!statement) {
      const anyTag = Array.from({ length: count }, () => 'instr(topics, ?) > 0').join(' OR ');
      statement = db.prepare<unknown[], number>(`SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ?
        UNION SELECT rowid FROM events WHERE ${anyTag} LIMIT ?)`).pluck();
      countWithTagsStatements.set(count, statement);
    }
    return statement;
  }

  /** Of these rows, the ones matching a subscription's topic filter (see `filterAlternatives` and `tagsNamedIn`). */
  function rowidsMatchingTopic(rowids: readonly number[], filter: string): Set<number> {
    if (rowids.length === 0) return new Set();
    const alternatives = filterAlternatives(filter);
    const matching = new Set<number>();
    if (alternatives.some((alternative) => writtenAcronymsIn(alternative).length > 0)) {
      // `US`, `IT`: each alternative is matched on its own, its capitals checked in the text.
      for (const alternative of alternatives) {
        const found = statements.matchingInWindow.all(toFtsQuery(alternative), JSON.stringify(rowids));
        for (const rowid of keepWritten(found, writtenAcronymsIn(alternative))) matching.add(rowid);
      }
    } else {
      for (const rowid of statements.matchingInWindow.all(toFtsFilterQuery(filter), JSON.stringify(rowids))) matching.add(rowid);
    }
    const tags = tagsNamedIn(filter);
    if (tags.length > 0) for (const rowid of statements.taggedAmong.all(JSON.stringify(rowids), JSON.stringify(tags))) matching.add(rowid);
    return matching;
  }

  return {
    /**
     * Ranked full-text search (bm25); the user's words are taken literally. Frequent words only
     * filter; when every word is frequent, the matches come newest first.
     */
    searchEvents(userText: string, limit: number, offset = 0): SearchResult {
      const { terms, match, acronyms, window } = matchesOf(userText);
      if (window.total === 0) return { hits: [], total: 0, capped: false, order: 'relevance' };
      const { order, rankBy } = rankingTermsOf(terms);
      const page = order === 'newest' ? statements.newestOfRowids.all(JSON.stringify(window.rowids), limit, offset)
        : acronyms.length > 0 ? inWindow('rankInWindow', window.fromRowid).all(rankBy ?? match, JSON.stringify(window.rowids), limit, offset)
        : rankBy === undefined ? inWindow('rank', window.fromRowid).all(match, limit, offset)
        : rankByRarerWords(window, rankBy, limit, offset);
      return { hits: pageOfHits(match, page), total: window.total, capped: window.capped, order };
    },
    /**
     * Why a search found nothing: the words no event holds (as typed), and the query with each of
     * them replaced by the word it most likely means, when that query finds something.
     */
    explainNoMatches(userText: string): { unmatched: string[]; suggestion?: string } {
      parseQuery(userText); // refuses what the search refused
      const words = searchedWords(userText);
      const unmatched = words.filter(({ term }) => (statements.countMatchesUpTo.get(ftsExpression([term]), 1) ?? 0) === 0);
      // Each word is in some event: capitals (`WHO`, `IT`) no event writes so are what is missing.
      const acronyms = unmatched.length > 0 ? [] : acronymsLikeWordsIn(userText).filter((acronym) => writtenMatches(acronym, 1).size === 0);
      if (acronyms.length > 0) return { unmatched: acronyms };
      if (unmatched.length === 0) return { unmatched: [] };
      const replacements = new Map(unmatched.map(({ term, typed }) => [term, term.length === 1 && !term[0]?.includes(' ') ? meantWord(term[0] ?? '', typed) : undefined]));
      const typed = unmatched.map((word) => word.typed);
      if ([...replacements.values()].some((meant) => meant === undefined)) return { unmatched: typed };
      // The reader's own text with the words replaced: `courts and arests` keeps its `and`.
      const suggestion = unmatched.reduce((text, { term, typed: word }) => text.replace(
        new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'), replacements.get(term) ?? word), userText.trim());
      // Checked on the query's own terms with the words replaced: the reader's text, rewritten, may read differently.
      const replaced = words.map((word) => (replacements.has(word.term) ? [replacements.get(word.term)?.toLowerCase() ?? ''] : word.term));
      const found = statements.countMatchesUpTo.get(ftsExpression(replaced), 1) ?? 0;
      return found > 0 ? { unmatched: typed, suggestion } : { unmatched: typed };
    },
    /** The same matches as `searchEvents`, in date order. */
    searchEventsByDate(userText: string, limit: number, offset = 0): SearchResult {
      const { match, window } = matchesOf(userText);
      const hits = window.total === 0 ? [] : pageOfHits(match, statements.oldestOfRowids.all(JSON.stringify(window.rowids), limit, offset));
      return { hits, total: window.total, capped: window.capped, order: 'date' };
    },
    /** How many events match a subscription's topic filter, counting no further than `upTo`. */
    countEventsMatchingTopic(filter: string, upTo: number): number {
      const alternatives = filterAlternatives(filter);
      if (alternatives.some((alternative) => writtenAcronymsIn(alternative).length > 0)) {
        // Capitals are checked in the text: each alternative's matches are read until enough are counted.
        const counted = new Set<number>();
        for (const alternative of alternatives) writtenMatches(alternative, upTo, counted);
        const tags = tagsNamedIn(filter);
        if (tags.length > 0) for (const rowid of statements.taggedAmongAll.all(JSON.stringify(tags), upTo)) if (counted.size < upTo) counted.add(rowid);
        return counted.size;
      }
      const tags = tagsNamedIn(filter);
      if (tags.length === 0) return statements.countMatchesUpTo.get(toFtsFilterQuery(filter), upTo) ?? 0;
      // A named tag is looked for in every event's topics (about 0.1-0.2 s at 1M events): only when a filter names one.
      return countWithTags(tags.length).get(toFtsFilterQuery(filter), ...tags.map((tag) => JSON.stringify(tag)), upTo) ?? 0;
    },
    rowidsMatchingTopic,
    /** Of these events, the ones matching a subscription's topic filter (see `filterAlternatives`). */
    filterEventsMatchingTopic<T extends { id: string }>(events: readonly T[], filter: string): T[] {
      if (events.length === 0) return [];
      const rows = statements.rowidsOfIds.all(JSON.stringify(events.map((event) => event.id)));
      const idOfRowid = new Map(rows.map((row) => [row.rowid, row.id]));
      const matching = rowidsMatchingTopic(rows.map((row) => row.rowid), filter);
      const ids = new Set([...matching].map((rowid) => idOfRowid.get(rowid)));
      return events.filter((event) => ids.has(event.id));
    },
  };
}
