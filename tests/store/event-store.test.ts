import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse-document.js';
import { DatabaseVersionError, SCHEMA_VERSION, openDatabase } from '../../src/store/database.js';
import { type DocumentInput, NEWS_OF_DAYS_SQL, ON_CALENDAR_DAY_COUNTS_SQL, ROWIDS_ON_DATE_SQL, SPANNING_DAYS_SQL, createEventStore, takePerYear } from '../../src/store/event-store.js';
import { useTempDir } from '../support/temp-dir.js';

const newTempDir = useTempDir();

function documentInput(source: string, text: string, sha256 = text): DocumentInput {
  const parsed = parseDocument(source, text);
  return { source, path: `/corpus/${source}`, sha256, bytes: text.length, documentDate: undefined, documentDateMethod: undefined, events: parsed.events };
}

/** The first 20 characters of each hit's text, sorted. */
const texts = (result: { hits: { text: string }[] }) => result.hits.map((hit) => hit.text.slice(0, 20)).sort();

/** A store holding one chronicle of these entries. */
function openStoreWith(entries: readonly string[]) {
  const opened = openStore();
  opened.store.replaceDocument(documentInput('jan.txt', entries.join('\n')));
  return opened;
}

function openStore() {
  const path = join(newTempDir(), 'events.db');
  const db = openDatabase(path);
  return { db, path, store: createEventStore(db) };
}

const JANUARY = [
  '05.01.25: The court sentenced the journalist Leyla Guliyeva to five years.',
  '07.01.25: Parliament debated the budget for schools.',
  '07.01.24: A year earlier, parliament debated the budget for hospitals.',
].join('\n');

/** A database file with the schema of an older version, open without the store, to fill as that version would have. */
async function databaseAtVersion(version: number): Promise<{ path: string; raw: Database.Database }> {
  const { MIGRATIONS } = await import('../../src/store/migrations.js');
  const path = join(newTempDir(), `version-${version}.db`);
  const raw = new Database(path);
  for (const sql of MIGRATIONS.slice(0, version)) raw.exec(sql);
  raw.pragma(`user_version = ${version}`);
  return { path, raw };
}

/** A store opened on an empty database of an older version: its migrations run on open. */
async function storeUpgradedFrom(version: number) {
  const { path, raw } = await databaseAtVersion(version);
  raw.close();
  const db = openDatabase(path);
  return { db, store: createEventStore(db) };
}

describe('openDatabase', () => {
  it('creates the schema with WAL and foreign keys', () => {
    const { db } = openStore();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const path = join(newTempDir(), 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrowError(DatabaseVersionError);
    expect(() => openDatabase(path)).toThrowError(/newer release/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    again.close();
  });

  it('upgrades a database of an older version in place, keeping what it holds', async () => {
    const { path, raw } = await databaseAtVersion(2);
    raw.exec(`INSERT INTO deliveries (chat_id, kind, period, status, due_at, next_attempt_at, updated_at)
      VALUES (7, 'daily', '2026-01-20', 'pending', 'x', 'x', 'x')`);
    raw.exec(`INSERT INTO subscriptions (chat_id, chat_type, status, daily_enabled, daily_time, weekly_enabled, weekly_day, weekly_time,
      time_zone, topic_filter, created_at, updated_at) VALUES (7, 'private', 'active', 1, '09:00', 1, 1, '10:00', 'UTC', 'missiles aviation', 'x', 'x')`);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT chat_id, messages FROM deliveries').all()).toEqual([{ chat_id: 7, messages: null }]);
    // A filter's words were alternatives each; commas now say so.
    expect(db.prepare('SELECT topic_filter FROM subscriptions').get()).toEqual({ topic_filter: 'missiles, aviation' });
    db.close();
  });

  it('rebuilds the full-text index of a version 7 database from the events’ text alone', async () => {
    const { path, raw } = await databaseAtVersion(7);
    raw.exec(`INSERT INTO events (rowid, id, date, precision, kind, headline, text, people, organisations, places, topics, first_source, first_line, source_count)
      VALUES (1, 'e1', '2025-01-09', 'day', 'entry', 'The plane landed.', 'The plane from Aktau landed safely.', '[]', '[]', '[]', '["aviation"]', 'jan.txt', 1, 1)`);
    raw.exec(`INSERT INTO events_fts (rowid, text, topics) VALUES (1, 'The plane from Aktau landed safely.', '["aviation"]')`);
    raw.exec('INSERT INTO word_frequencies_counted (events) VALUES (1)');
    raw.close();
    const db = openDatabase(path);
    const store = createEventStore(db);
    expect(store.searchEvents('Aktau', 5).total).toBe(1);
    expect(store.searchEvents('aviation', 5).total).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM word_frequencies_counted').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration 9', () => {
  it('adds the table of index words, counted at the next ingest although the word frequencies are fresh', async () => {
    const { path, raw } = await databaseAtVersion(8);
    raw.exec(`INSERT INTO events (rowid, id, date, precision, kind, headline, text, people, organisations, places, topics, first_source, first_line, source_count)
      VALUES (1, 'e1', '2025-01-09', 'day', 'entry', 'The plane landed.', 'The plane from Aktau landed safely.', '[]', '[]', '[]', '[]', 'jan.txt', 1, 1)`);
    raw.exec("INSERT INTO events_fts (rowid, text) VALUES (1, 'The plane from Aktau landed safely.')");
    raw.exec('INSERT INTO word_frequencies_counted (events) VALUES (1)');
    raw.close();
    const db = openDatabase(path);
    const store = createEventStore(db);
    expect(db.prepare('SELECT count(*) AS n FROM index_terms').get()).toEqual({ n: 0 });
    expect(store.refreshSearchIndexIfStale()).toBe(true);
    expect(db.prepare('SELECT term FROM index_terms ORDER BY term').pluck().all()).toEqual(['aktau', 'from', 'land', 'plane', 'safe', 'the']);
    expect(store.refreshSearchIndexIfStale()).toBe(false);
    db.close();
  });
});

describe('migration 10', () => {
  it('adds how often a document repeats an event, and a document read again fills it in', async () => {
    const { db, store } = await storeUpgradedFrom(9);
    const entry = '05.02.25: The envoy was summoned.';
    const once = parseDocument('a.txt', entry).events;
    store.replaceDocument({ ...documentInput('a.txt', entry), events: once, parserVersion: 9 });
    expect(store.listEventsBetween('2025-02-01', '2025-02-28', 5)[0]?.repeats).toBe(0);
    const twice = `Chronicle\n\n${entry}\n\nThe point of reference\n\n${entry}`;
    store.replaceDocument(documentInput('a.txt', twice));
    expect(store.listEventsBetween('2025-02-01', '2025-02-28', 5)[0]?.repeats).toBe(1);
    // Edited so that the entry is no longer repeated: the highlight goes.
    store.replaceDocument(documentInput('a.txt', `Chronicle\n\n${entry}\n\nAlso: a second line.`));
    expect(store.listEventsBetween('2025-02-01', '2025-02-28', 5)[0]?.repeats).toBe(0);
    db.close();
  });
});

describe('migration 11', () => {
  it('marks a state that holds since its date, and a document read again marks the events stored before', async () => {
    const { db, store } = await storeUpgradedFrom(10);
    const text = 'Report of 20 May 2024\n\nRomania has had an embassy in Ashgabat since 16 March 1995. The treaty was signed on 16 March 1996.';
    const unmarked = parseDocument('a.txt', text).events.map(({ ongoing: _ongoing, ...event }) => event);
    store.replaceDocument({ ...documentInput('a.txt', text), events: unmarked, parserVersion: 10 });
    expect(store.listEventsOnCalendarDay(3, 16, 5).map((e) => [e.date, e.ongoing])).toEqual([['1996-03-16', false], ['1995-03-16', false]]);
    store.replaceDocument(documentInput('a.txt', text));
    expect(store.listEventsOnCalendarDay(3, 16, 5).map((e) => [e.date, e.ongoing])).toEqual([['1996-03-16', false], ['1995-03-16', true]]);
    db.close();
  });
});

describe('a document read again by a newer parser', () => {
  /** A store in memory, and the one event the entry parses into. */
  const storeAndEventOf = (entry: string) => {
    const db = openDatabase(':memory:');
    const [event] = parseDocument('a.txt', entry).events;
    if (!event) throw new Error('no event');
    return { db, store: createEventStore(db), event };
  };
  it('restates the headline, dates, names and topics of the events it first reported, not of another document\'s', () => {
    const entry = '05.02.25: The envoy of Iran was summoned in Baku.';
    const { db, store, event } = storeAndEventOf(entry);
    const older = { ...event, headline: 'An older headline', places: [], topics: [], reportedDate: '2025-02-06' };
    store.replaceDocument({ ...documentInput('a.txt', entry), events: [older], parserVersion: 1 });
    store.replaceDocument({ ...documentInput('b.txt', entry), events: [{ ...older, source: 'b.txt', headline: 'Another reading' }] });
    expect(store.getEvent(event.id)).toMatchObject({ headline: 'An older headline', places: [], reportedDate: '2025-02-06' });
    store.replaceDocument(documentInput('a.txt', entry));
    const refreshed = store.getEvent(event.id);
    expect(refreshed).toMatchObject({ headline: event.headline, places: event.places, topics: event.topics, sourceCount: 2 });
    expect(refreshed?.reportedDate ?? undefined).toBeUndefined();
    expect(event.places).toContain('Baku');
    db.close();
  });

  it('restates the text, and the search finds the text as it is now', () => {
    const text = '01.03.24: The court heard the harbour case.';
    const { db, store, event } = storeAndEventOf(text);
    store.replaceDocument({ ...documentInput('a.txt', text), events: [{ ...event, text: `${event.text}[12]` }], parserVersion: 1 });
    expect(store.searchEvents('12', 5).total).toBe(1);
    store.replaceDocument(documentInput('a.txt', text));
    expect(store.getEvent(event.id)?.text).toBe(event.text);
    expect(store.searchEvents('12', 5).total).toBe(0);
    expect(store.searchEvents('harbour case', 5).total).toBe(1);
    db.close();
  });

  it('marks for reading again the document that becomes an event\'s first source when the first one drops it', () => {
    const entry = '05.02.25: The envoy of Iran was summoned in Baku.';
    const { db, store, event } = storeAndEventOf(entry);
    store.replaceDocument({ ...documentInput('a.txt', entry), events: [{ ...event, headline: 'As a.txt read it' }] });
    store.replaceDocument(documentInput('b.txt', entry));
    expect(store.getEvent(event.id)?.headline).toBe('As a.txt read it');
    store.replaceDocument(documentInput('a.txt', '06.02.25: Rain fell.'));
    expect(store.getEvent(event.id)?.source.source).toBe('b.txt');
    expect(store.storedDocument('b.txt')?.parserVersion).toBe(0);
    // Read again (as an ingest does for a document an older parser read), b.txt gives the event its own reading.
    store.replaceDocument(documentInput('b.txt', entry));
    expect(store.getEvent(event.id)?.headline).toBe(event.headline);
    db.close();
  });

  it('takes the reading of the document that becomes an event\'s first source', () => {
    const entry = '05.02.25: The envoy of Iran was summoned in Baku.';
    const { db, store, event } = storeAndEventOf(entry);
    // a.txt is stored first (its document id is lower) with nothing of the event; b.txt then reports it.
    store.replaceDocument({ ...documentInput('a.txt', '06.02.25: Rain fell.'), events: parseDocument('a.txt', '06.02.25: Rain fell.').events });
    store.replaceDocument({ ...documentInput('b.txt', entry), events: [{ ...event, source: 'b.txt', headline: 'Second reading' }] });
    expect(store.getEvent(event.id)?.headline).toBe('Second reading');
    store.replaceDocument(documentInput('a.txt', `06.02.25: Rain fell.\n${entry}`));
    expect(store.getEvent(event.id)).toMatchObject({ headline: event.headline, source: { source: 'a.txt' }, sourceCount: 2 });
    db.close();
  });
});

describe('EventStore', () => {
  it('keeps an unchanged document as it is and replaces only a changed document’s own events', () => {
    const { store, db } = openStore();
    expect(store.replaceDocument(documentInput('jan.txt', JANUARY))).toMatchObject({ outcome: 'added', eventsAdded: 3 });
    expect(store.replaceDocument(documentInput('other.txt', '05.01.25: The court sentenced the journalist Leyla Guliyeva to five years.')))
      .toMatchObject({ outcome: 'added', eventsAdded: 0, eventsLinked: 1 });
    expect(store.replaceDocument(documentInput('jan.txt', JANUARY))).toMatchObject({ outcome: 'kept' });

    const changed = JANUARY.replace('schools', 'universities');
    expect(store.replaceDocument(documentInput('jan.txt', changed))).toMatchObject({ outcome: 'replaced', eventsAdded: 1, eventsRemoved: 1 });
    expect(store.searchEvents('schools', 5).total).toBe(0);
    expect(store.searchEvents('universities', 5).total).toBe(1);
    expect(() => db.exec("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    const stats = store.stats();
    expect(stats).toMatchObject({ events: 3, documents: 2, linkedEvents: 1 });

    expect(store.replaceDocument(documentInput('jan.txt', '01.02.25: Something else entirely.'))).toMatchObject({ outcome: 'replaced', eventsRemoved: 2 });
    const shared = store.listEventsOnCalendarDay(1, 5, 10);
    expect(shared.map((e) => e.source.source)).toEqual(['other.txt']);
    db.close();
  });

  it('stores several documents in one transaction, each whole or not at all: one that fails is rolled back alone', () => {
    const { store, db } = openStore();
    const broken = documentInput('broken.txt', '06.01.25: Half of this document would be stored.\n08.01.25: The rest fails.');
    const [first, second] = broken.events;
    const failing = { ...broken, events: [first, { ...second, precision: 'week' }] } as unknown as DocumentInput;
    expect(() => store.replaceDocuments([documentInput('jan.txt', JANUARY), failing, documentInput('later.txt', '09.01.25: Never reached.')]))
      .toThrow(/CHECK constraint/);
    expect(store.listDocuments().map((d) => d.source)).toEqual(['jan.txt']);
    expect(store.stats().events).toBe(3);
    expect(store.searchEvents('half', 5).total).toBe(0);

    const results = store.replaceDocuments([documentInput('jan.txt', JANUARY), documentInput('other.txt', '09.01.25: A new one.')]);
    expect(results.map((r) => r.outcome)).toEqual(['kept', 'added']);
    db.close();
  });

  it('stops merging the full-text index while a bulk ingest defers it, and merges as before afterwards', () => {
    const { store, db } = openStore();
    const automerge = () => db.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").pluck().get();
    const resume = store.deferIndexMerges();
    expect(automerge()).toBe(0);
    store.replaceDocument(documentInput('jan.txt', JANUARY));
    resume();
    resume();
    expect(automerge()).toBe(4);
    expect(store.searchEvents('budget', 5).total).toBe(2);

    // A bulk ingest that died before setting it back: the next store opened on the database does.
    store.deferIndexMerges();
    expect(automerge()).toBe(0);
    createEventStore(db);
    expect(automerge()).toBe(4);
    db.close();
  });

  it('throws the database\'s own error when it fails under several documents (disk full), storing none of them', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('kept.txt', JANUARY));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const long = Array.from({ length: 400 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}.02.25: Entry number ${i} fills the database with words ${'and more words '.repeat(20)}`).join('\n');
    expect(() => store.replaceDocuments([documentInput('small.txt', '09.01.25: A small one.'), documentInput('large.txt', long)])).toThrow(/full/);
    expect(store.listDocuments().map((d) => d.source)).toEqual(['kept.txt']);
    expect(store.stats().events).toBe(3);
    db.close();
  });

  it('links the same happening in two documents as one event with two sources', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('a.txt', JANUARY));
    store.replaceDocument(documentInput('b.txt', 'Digest\n\n07.01.25:  Parliament debated the  budget for schools!'));
    const [event] = store.listEventsOnCalendarDay(1, 7, 1);
    expect(event?.sourceCount).toBe(2);
    expect(store.getEvent(event?.id ?? '')?.sources.map((s) => s.source)).toEqual(['a.txt', 'b.txt']);
    db.close();
  });

  it('answers on this day newest first, through its index', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', JANUARY));
    expect(store.listEventsOnCalendarDay(1, 7, 10).map((e) => e.date)).toEqual(['2025-01-07', '2024-01-07']);
    expect(store.listEventsOnCalendarDays([{ month: 1, day: 7 }], 10, 3)).toMatchObject({ total: 2, events: [{ date: '2025-01-07' }, { date: '2024-01-07' }] });
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(plan('SELECT id FROM events WHERE month = 1 AND day = 7 ORDER BY date DESC LIMIT 10')).toMatch(/USING INDEX events_by_calendar_day/);
    expect(plan(ON_CALENDAR_DAY_COUNTS_SQL, 1, 7)).toMatch(/USING COVERING INDEX events_by_calendar_day/);
    expect(plan(ROWIDS_ON_DATE_SQL, 1, 7, '2025-01-07', 3, 0)).toMatch(/USING COVERING INDEX events_by_calendar_day \(month=\? AND day=\? AND date=\?\)/);
    // The few multi-day events are read from their own index on every request, never by a table scan.
    expect(plan(SPANNING_DAYS_SQL)).toBe('SCAN events USING COVERING INDEX events_spanning_days');
    // A week's news: events of its days, and events reported then, each through its index.
    expect(plan(NEWS_OF_DAYS_SQL, { first: '2025-01-06', last: '2025-01-12', limit: 10 }))
      .toMatch(/MULTI-INDEX OR\nINDEX 1\nSEARCH e USING INDEX events_by_date \(date>\? AND date<\?\)\nINDEX 2\nSEARCH e USING INDEX events_by_reported_date/);
    db.close();
  });

  it('takes at most a few events from one year until every year has had its turn', () => {
    const buckets = [{ date: '2025-02-10', count: 40 }, { date: '2024-02-10', count: 1 }, { date: '2023-02-10', count: 5 }];
    const takes = (list: typeof buckets, limit: number, offset = 0) => takePerYear(list, limit, 3, offset).map(({ skip, take }) => `${skip}+${take}`);
    expect(takes(buckets, 30)).toEqual(['0+26', '0+1', '0+3']); // 3, 1, 3 first; then the rest from the newest
    expect(takes(buckets, 5)).toEqual(['0+3', '0+1', '0+1']);
    expect(takes([{ date: '2024-02-28', count: 2 }, { date: '2024-02-29', count: 2 }], 30)).toEqual(['0+2', '0+2']);
    expect(takes([{ date: '2024-02-29', count: 2 }, { date: '2024-02-28', count: 2 }], 3)).toEqual(['0+2', '0+1']);
  });

  it('pages through a day in the same order: each page goes on where the one before stopped', () => {
    const buckets = [{ date: '2025-02-10', count: 40 }, { date: '2024-02-10', count: 1 }, { date: '2023-02-10', count: 5 }];
    const takes = (limit: number, offset: number) => takePerYear(buckets, limit, 3, offset).map(({ skip, take }) => `${skip}+${take}`);
    expect(takes(5, 5)).toEqual(['3+3', '0+0', '1+2']);
    expect(takes(30, 44)).toEqual(['0+0', '0+0', '3+2']);
    expect(takes(30, 46)).toEqual(['0+0', '0+0', '0+0']);
    // Every event once over all pages.
    const seen = [0, 10, 20, 30, 40].flatMap((offset) => takePerYear(buckets, 10, 3, offset).flatMap(({ skip, take }, index) => Array.from({ length: take }, (_, i) => `${index}:${skip + i}`)));
    expect(new Set(seen).size).toBe(46);
    expect(seen).toHaveLength(46);
  });

  it('searches the words of the text, not topic tags; a topic filter matches words, or a tag it names outright', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', `${JANUARY}\n09.01.25: The plane from Aktau landed safely.\n10.01.25: The aviation authority published its report.`));
    const aviation = store.searchEvents('aviation', 10);
    expect(aviation.hits.map((hit) => hit.text)).toEqual(['The aviation authority published its report.']);
    expect(store.searchEventsByDate('aviation', 10).total).toBe(1);
    // "aviation" is also a topic tag's name: the plane's landing is tagged with it.
    expect(store.countEventsMatchingTopic('aviation', 100)).toBe(2);
    expect(store.countEventsMatchingTopic('aviation authority', 100)).toBe(1);
    expect(store.countEventsMatchingTopic('courts and arrests', 100)).toBe(1);
    expect(store.countEventsMatchingTopic('Aktau', 100)).toBe(1);
    const all = store.listEventsBetween('2025-01-01', '2025-01-31', 100);
    expect(store.filterEventsMatchingTopic(all, 'aviation').map((e) => e.text)).toEqual(['The plane from Aktau landed safely.', 'The aviation authority published its report.']);
    db.close();
  });

  it('finds an acronym typed in capitals only where it is written so: US is not use', () => {
    const { store, db } = openStoreWith([
      '11.01.25: The US State Department commented on the verdict.',
      '12.01.25: The U.S. embassy issued a statement.',
      '13.01.25: Parliament debated the use of smartphones in schools.',
      '14.01.25: Officials said they used the funds as planned.',
      '15.01.25: The PM met the US envoy at 7 p.m. in Baku.',
      '16.01.25: The session closed at 7 p.m. sharp.',
    ]);
    expect(texts(store.searchEvents('US', 10))).toEqual(['The PM met the US en', 'The U.S. embassy iss', 'The US State Departm']);
    expect(store.searchEvents('U.S.', 10).total).toBe(3);
    expect(texts(store.searchEvents('PM', 10))).toEqual(['The PM met the US en']);
    expect(texts(store.searchEventsByDate('US embassy', 10))).toEqual(['The U.S. embassy iss']);
    // Typed in small letters, "us" and "u.s." are still the country, not "use".
    expect(store.searchEvents('us', 10).total).toBe(3);
    expect(store.searchEvents('news about the u.s.', 10).total).toBe(3);
    db.close();
  });

  it('finds an acronym written in full, and a name written as its acronym', () => {
    const { store, db } = openStoreWith([
      '11.01.25: The United States imposed sanctions on the refinery.',
      '12.01.25: The EU extended its sanctions for six months.',
      '13.01.25: The European Union sent observers.',
      '14.01.25: Officials said they used the funds as planned.',
      '15.01.25: The united opposition states its demands.',
    ]);
    expect(texts(store.searchEvents('US sanctions', 10))).toEqual(['The United States im']);
    expect(texts(store.searchEvents('US', 10))).toEqual(['The United States im']);
    expect(texts(store.searchEvents('EU', 10))).toEqual(['The EU extended its ', 'The European Union s']);
    expect(texts(store.searchEvents('European Union', 10))).toEqual(['The EU extended its ', 'The European Union s']);
    expect(store.countEventsMatchingTopic('EU', 100)).toBe(2);
    db.close();
  });

  it('gives each hit the snippet of its own text', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', JANUARY));
    const snippets = store.searchEvents('budget', 5).hits.map((hit) => hit.snippet);
    expect(snippets).toHaveLength(2);
    expect(snippets.some((s) => s.includes('schools'))).toBe(true);
    expect(snippets.some((s) => s.includes('hospitals'))).toBe(true);
    db.close();
  });

  it('ranks full-text matches, folds diacritics and stems, and takes FTS syntax literally', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', `${JANUARY}\n08.01.25: Şahin Müstafayev met the mayor of Gəncə.`));
    expect(store.searchEvents('budget', 10).total).toBe(2);
    expect(store.searchEvents('sentences', 10).hits[0]?.text).toMatch(/sentenced/);
    expect(store.searchEvents('Sahin Mustafayev', 10).total).toBe(1);
    for (const hostile of ['"budget', 'budget*', 'NEAR(budget schools)', '-budget', 'budget OR', '"); DROP TABLE events; --', 'bud\'get', ':budget', '^budget']) {
      expect(() => store.searchEvents(hostile, 5)).not.toThrow();
    }
    expect(store.searchEvents('NEAR(budget schools)', 5).total).toBe(0);
    expect(store.stats().events).toBe(4);
    const [hit] = store.searchEvents('schools', 5).hits;
    expect(hit?.snippet).toContain('\u0001schools\u0002');
    db.close();
  });

  it('finds a possessive, a dotted abbreviation and a hyphenated name as a reader means them', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', [
      '05.01.25: Ilham Aliyev’s decree was published; the U.S. embassy said it is studying it.',
      '06.01.25: Aliyev met the US ambassador, Mark Libby, who leads the US team on Azerbaijan-Pakistan ties.',
      '07.01.25: The ambassador’s car was seen near Pakistan’s embassy; Azerbaijan was not mentioned.',
    ].join('\n')));
    const dates = (query: string) => store.searchEvents(query, 10).hits.map((hit) => hit.date).sort();
    expect(dates('Aliyev’s')).toEqual(['2025-01-05', '2025-01-06']);
    expect(dates('U.S. embassy')).toEqual(['2025-01-05']);
    expect(dates('U.S. ambassador')).toEqual(['2025-01-06']);
    expect(dates('Azerbaijan–Pakistan')).toEqual(['2025-01-06']);
    expect(dates('İlham')).toEqual(['2025-01-05']);
    expect(dates('US ambassador')).toEqual(['2025-01-06']);
    expect(dates('ALIYEV\'S')).toEqual(['2025-01-05', '2025-01-06']);
    expect(store.searchEvents('Aliyev’s', 10).hits.every((hit) => !hit.snippet.includes('\u0001s\u0002'))).toBe(true);
    db.close();
  });

  it('keeps the events that match a topic filter: any of its comma-separated alternatives, each with all its words', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', JANUARY));
    const events = [...store.listEventsOnCalendarDay(1, 5, 10), ...store.listEventsOnCalendarDay(1, 7, 10)];
    const kept = (filter: string) => store.filterEventsMatchingTopic(events, filter).map((event) => event.date).sort();
    expect(kept('court sentenced, hospitals')).toEqual(['2024-01-07', '2025-01-05']);
    expect(kept('court budget')).toEqual([]);
    expect(kept('the budget')).toEqual(['2024-01-07', '2025-01-07']);
    db.close();
  });

  it('lists the latest events up to today, not the future', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('jan.txt', `${JANUARY}\n\nIn 2030, the capital will host the games.`));
    expect(store.listLatestEvents('2025-06-01', 2).map((e) => e.date)).toEqual(['2025-01-07', '2025-01-05']);
    db.close();
  });
});

describe('EventStore: sources stay consistent', () => {
  it('keeps the lowest document as the first source when documents link and relink', () => {
    const { store, db } = openStore();
    const shared = '09.09.24: The shared entry reported by several documents.';
    store.replaceDocument(documentInput('a.txt', `${shared}\n10.09.24: Only in a.`));
    store.replaceDocument(documentInput('b.txt', shared));
    store.replaceDocument(documentInput('a.txt', '10.09.24: Only in a, changed.'));
    store.replaceDocument(documentInput('a.txt', `${shared}\n10.09.24: Only in a, changed again.`));
    const [event] = store.listEventsOnCalendarDay(9, 9, 1);
    expect(event?.source.source).toBe('a.txt');
    expect(event?.sourceCount).toBe(2);
    db.close();
  });

  it('moves a kept event to its new line when its document changes around it', () => {
    const { store, db } = openStore();
    store.replaceDocument(documentInput('a.txt', JANUARY));
    store.replaceDocument(documentInput('a.txt', `Chronicle\n\nNew heading\n\n${JANUARY}`));
    const [event] = store.listEventsOnCalendarDay(1, 5, 1);
    expect(event?.source).toMatchObject({ source: 'a.txt', line: 5 });
    expect(event?.sourceCount).toBe(1);
    db.close();
  });
});
