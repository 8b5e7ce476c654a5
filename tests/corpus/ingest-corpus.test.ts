import { closeSync, copyFileSync, ftruncateSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRescanner, ingestPaths, ingestPathsConcurrently } from '../../src/corpus/ingest-corpus.js';
import { openDatabase } from '../../src/store/database.js';
import { createEventStore } from '../../src/store/event-store.js';
import { useTempDir } from '../support/temp-dir.js';

const newTempDir = useTempDir();
const options = { maxDocumentBytes: 16_000_000 };
const SEED = join(import.meta.dirname, '..', '..', 'data', '2025-01-monthly-chronicle.txt');

function corpusWith(files: Record<string, string | Buffer>) {
  const dir = newTempDir();
  const data = join(dir, 'data');
  mkdirSync(data);
  copyFileSync(SEED, join(data, 'chronicle.txt'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(data, name), content);
  const db = openDatabase(join(dir, 'events.db'));
  return { dir, data, db, store: createEventStore(db) };
}

describe('ingestPaths: word frequencies', () => {
  it('counts the frequent words after a run that changed the archive, so that they stop weighing in rankings', () => {
    const { data, db } = corpusWith({});
    const store = createEventStore(db, { window: 5_000, frequentWordShare: 0.2, frequentWordEvents: 3, rankingBudgetEvents: Infinity });
    ingestPaths(store, [data], options);
    expect(db.prepare('SELECT events FROM word_frequencies_counted').get()).toEqual({ events: store.stats().events });
    expect(store.searchEvents('the Azerbaijan', 5).order).toBe('newest');
    // A database from before the counts is counted by the next ingest, even one that finds nothing new.
    db.prepare('DELETE FROM word_frequencies_counted').run();
    expect(ingestPaths(store, [data], options).every((report) => report.outcome === 'kept')).toBe(true);
    expect(db.prepare('SELECT events FROM word_frequencies_counted').get()).toEqual({ events: store.stats().events });
    db.close();
  });

  it('counts them after the bot\'s rescans too: new files, and files deleted', async () => {
    const { data, db } = corpusWith({ 'more.txt': Array.from({ length: 30 }, (_, i) => `${String(1 + i).padStart(2, '0')}.03.25: Entry ${i}.`).join('\n') });
    const store = createEventStore(db, { window: 5_000, frequentWordShare: 0.2, frequentWordEvents: 3, rankingBudgetEvents: Infinity });
    const rescan = createRescanner(store, data, options);
    await rescan();
    const counted = () => db.prepare('SELECT events FROM word_frequencies_counted').get();
    expect(counted()).toEqual({ events: store.stats().events });
    rmSync(join(data, 'more.txt'));
    await rescan();
    expect(counted()).toEqual({ events: store.stats().events });
    writeFileSync(join(data, 'more.txt'), Array.from({ length: 30 }, (_, i) => `${String(1 + i).padStart(2, '0')}.04.25: Entry ${i}.`).join('\n'));
    await ingestPathsConcurrently(store, [join(data, 'more.txt')], options);
    expect(counted()).toEqual({ events: store.stats().events });
    db.close();
  });
});

describe('ingestPaths: a new parser', () => {
  it('parses again the documents an older parser stored, although their files did not change', () => {
    const { data, db, store } = corpusWith({});
    ingestPaths(store, [data], options);
    expect(ingestPaths(store, [data], options).map((report) => report.outcome)).toEqual(['kept']);
    db.prepare('UPDATE documents SET parser_version = 0').run();
    const [report] = ingestPaths(store, [data], options);
    expect(report).toMatchObject({ outcome: 'replaced', eventsAdded: 0, eventsRemoved: 0 });
    expect(ingestPaths(store, [data], options).map((r) => r.outcome)).toEqual(['kept']);
    db.close();
  });
});

describe('ingestPaths: bad input', () => {
  it('rejects each bad file with a message naming it (and the line), and still ingests the rest', () => {
    const { data, db, store } = corpusWith({
      'empty.txt': '',
      'blank.txt': '\n\n   \n',
      'binary.txt': Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x13, 0x37]),
      'cp1251.txt': Buffer.concat([Buffer.from('Header\n\n01.01.25: '), Buffer.from([0xc1, 0xe0, 0xea, 0xf3])]),
      'impossible.txt': '31.02.25: Not a day.\n45.13.25: Not a month.\n02.02.25: The valid entry survives.',
    });
    const big = join(data, 'huge.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);

    const reports = ingestPaths(store, [data, join(data, 'missing.txt')], options);
    const byName = new Map(reports.map((r) => [r.source, r]));
    const problem = (name: string) => byName.get(name)?.problems.map((p) => `${p.where.replace(`${data}/`, '')}: ${p.message}`).join('\n');

    expect(byName.get('chronicle.txt')?.outcome).toBe('added');
    expect(byName.get('empty.txt')?.outcome).toBe('rejected');
    expect(problem('empty.txt')).toMatch(/^empty\.txt: empty file/);
    expect(problem('blank.txt')).toMatch(/^blank\.txt: empty file/);
    expect(problem('binary.txt')).toMatch(/^binary\.txt:1: binary data/);
    expect(problem('cp1251.txt')).toMatch(/^cp1251\.txt:3: not valid UTF-8 \(byte 0xc1.*iconv/);
    expect(problem('huge.txt')).toMatch(/^huge\.txt: 52\.4 MB is over the 16\.0 MB limit/);
    expect(byName.get('missing.txt')).toMatchObject({ outcome: 'rejected' });
    expect(problem('missing.txt')).toMatch(/missing\.txt: cannot read: ENOENT/);
    expect(byName.get('impossible.txt')?.outcome).toBe('added');
    expect(problem('impossible.txt')).toMatch(/^impossible\.txt:1: impossible date "31\.02\.25"[\s\S]*impossible\.txt:2: impossible date "45\.13\.25"/);
    expect(store.listEventsOnCalendarDay(2, 2, 5).map((e) => e.text)).toEqual(['The valid entry survives.']);
    db.close();
  });

  it('ingests UTF-16 with a BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Notes\n\n09.09.24: A UTF-16 entry.\n', 'utf16le')]);
    const { data, db, store } = corpusWith({ 'utf16.txt': utf16 });
    const reports = ingestPaths(store, [data], options);
    expect(reports.find((r) => r.source === 'utf16.txt')).toMatchObject({ outcome: 'added', eventsAdded: 1 });
    db.close();
  });

  it('loses nothing already stored when a stored document turns bad', () => {
    const { data, db, store } = corpusWith({});
    ingestPaths(store, [data], options);
    const before = store.stats();
    writeFileSync(join(data, 'chronicle.txt'), Buffer.from([0xff, 0x00, 0xfe]));
    const [report] = ingestPaths(store, [data], options);
    expect(report?.outcome).toBe('rejected');
    expect(store.stats()).toEqual(before);
    db.close();
  });

  it('takes a new monthly chronicle dropped in later without duplicating anything', () => {
    const { data, db, store } = corpusWith({});
    ingestPaths(store, [data], options);
    const before = store.stats().events;
    writeFileSync(join(data, 'february.txt'), 'February\n\n01.02.25: A new entry.\n\n31.01.25:   Religious activist Elvin Zeynalov, who lives in Mashtaga village, was detained.\n');
    const reports = ingestPaths(store, [data], options);
    expect(reports.map((r) => [r.source, r.outcome])).toEqual([['chronicle.txt', 'kept'], ['february.txt', 'added']]);
    expect(store.stats().events).toBe(before + 2);
    expect(ingestPaths(store, [data], options).every((r) => r.outcome === 'kept')).toBe(true);
    db.close();
  });
});

describe('ingestPathsConcurrently', () => {
  it('fails with the store\'s error, starting no worker, when the store cannot defer index merges (another writer holds it)', async () => {
    const { buildSyntheticCorpus } = await import('../../bench/synthetic-corpus.js');
    const dir = newTempDir();
    const corpus = buildSyntheticCorpus(join(dir, 'corpus'), SEED, 15_000, 2020);
    const db = openDatabase(join(dir, 'busy.db'));
    const store = { ...createEventStore(db), deferIndexMerges: (): never => { throw new Error('database is locked'); } };
    await expect(ingestPathsConcurrently(store, [corpus.dir], { ...options, workers: 2 })).rejects.toThrow('database is locked');
    expect(createEventStore(db).stats().events).toBe(0);
    db.close();
  });


  it('stores what the one-thread ingest stores, parsing in worker threads', async () => {
    const { buildSyntheticCorpus } = await import('../../bench/synthetic-corpus.js');
    const dir = newTempDir();
    const corpus = buildSyntheticCorpus(join(dir, 'corpus'), SEED, 15_000, 2020);
    expect(corpus.bytes).toBeGreaterThan(4_000_000);
    // Reports keep the files' order when one in the middle is settled without parsing.
    writeFileSync(join(corpus.dir, 'chronicle-2020-01-empty.txt'), '');
    // A file that is not UTF-8 is decoded, and rejected, in a worker, naming its line as the one-thread ingest does.
    writeFileSync(join(corpus.dir, 'chronicle-2020-02-cp1251.txt'), Buffer.from([...Buffer.from('Chronicle\n01.02.20: '), 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]));
    const one = openDatabase(join(dir, 'one.db'));
    const two = openDatabase(join(dir, 'two.db'));
    const sequential = ingestPaths(createEventStore(one), [corpus.dir], options);
    const concurrent = await ingestPathsConcurrently(createEventStore(two), [corpus.dir], { ...options, workers: 2 });
    const counts = (r: (typeof sequential)[number]) => [r.source, r.outcome, r.eventsAdded, r.eventsLinked, r.eventsRemoved];
    expect(concurrent.map(counts)).toEqual(sequential.map(counts));
    expect(concurrent.filter((r) => r.outcome === 'rejected').map((r) => [r.source, r.problems.map((p) => p.where.split('/').pop())]))
      .toEqual([['chronicle-2020-01-empty.txt', ['chronicle-2020-01-empty.txt']], ['chronicle-2020-02-cp1251.txt', ['chronicle-2020-02-cp1251.txt:2']]]);
    expect(concurrent.map((r) => r.problems)).toEqual(sequential.map((r) => r.problems));
    expect(createEventStore(two).stats()).toEqual(createEventStore(one).stats());
    const wordCounts = (db: typeof one) => db.prepare('SELECT * FROM word_frequencies_counted').get();
    expect(wordCounts(two)).toEqual(wordCounts(one));
    expect(wordCounts(two)).toEqual({ events: createEventStore(two).stats().events, events_changed: 0 });
    // The index merged as it grew again once the ingest was over, and is whole.
    expect(two.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").pluck().get()).toBe(4);
    expect(() => two.exec("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    one.close();
    two.close();
  });
});

describe('createRescanner', () => {
  it('re-reads only changed files, and never lets a same-named file elsewhere replace a stored one', async () => {
    const { createRescanner } = await import('../../src/corpus/ingest-corpus.js');
    const dir = newTempDir();
    mkdirSync(join(dir, 'data', 'a'), { recursive: true });
    mkdirSync(join(dir, 'data', 'b'));
    writeFileSync(join(dir, 'data', 'a', 'news.txt'), 'A\n\n01.02.25: First from a.\n02.02.25: Second from a.\n');
    writeFileSync(join(dir, 'data', 'b', 'news.txt'), 'B\n\n03.02.25: From b.\n');
    const db = openDatabase(join(dir, 'events.db'));
    const store = createEventStore(db);
    const rescan = createRescanner(store, join(dir, 'data'), options);
    const first = await rescan();
    expect(first.map((r) => [r.path.replace(`${dir}/data/`, ''), r.outcome])).toEqual([['b/news.txt', 'rejected'], ['a/news.txt', 'added']]);
    expect(await rescan()).toEqual([]);
    writeFileSync(join(dir, 'data', 'b', 'news.txt'), 'B\n\n04.02.25: From b, changed.\n');
    const second = await rescan();
    expect(second.map((r) => r.outcome)).toEqual(['rejected']);
    expect(store.stats().events).toBe(2);
    db.close();
  });
});

describe('createRescanner: deleted documents', () => {
  it('removes a deleted file’s own events, keeps events another document also reports, and leaves documents from elsewhere', async () => {
    const { createRescanner, ingestDocumentFile } = await import('../../src/corpus/ingest-corpus.js');
    const { unlinkSync } = await import('node:fs');
    const dir = newTempDir();
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'elsewhere'));
    const shared = '09.09.24: The shared entry.';
    writeFileSync(join(dir, 'data', 'one.txt'), `One\n\n${shared}\n10.09.24: Only in one.\n`);
    writeFileSync(join(dir, 'data', 'two.txt'), `Two\n\n${shared}\n`);
    writeFileSync(join(dir, 'elsewhere', 'three.txt'), 'Three\n\n11.09.24: From elsewhere.\n');
    const db = openDatabase(join(dir, 'events.db'));
    const store = createEventStore(db);
    const rescan = createRescanner(store, join(dir, 'data'), options);
    await rescan();
    ingestDocumentFile(store, join(dir, 'elsewhere', 'three.txt'), options);
    expect(store.stats().events).toBe(3);
    unlinkSync(join(dir, 'data', 'one.txt'));
    const reports = await rescan();
    expect(reports.map((r) => [r.source, r.outcome, r.eventsRemoved])).toEqual([['one.txt', 'removed', 1]]);
    expect(store.stats()).toMatchObject({ events: 2, documents: 2 });
    expect(store.searchEvents('Only', 5).total).toBe(0);
    expect(store.listEventsOnCalendarDay(9, 9, 5)[0]).toMatchObject({ source: { source: 'two.txt' }, sourceCount: 1 });
    db.close();
  });
});

describe('createRescanner: files that move, reappear or stop being duplicates', () => {
  it('keeps the events of a file moved into a subfolder', async () => {
    const { createRescanner } = await import('../../src/corpus/ingest-corpus.js');
    const { renameSync } = await import('node:fs');
    const dir = newTempDir();
    mkdirSync(join(dir, 'data', '2024'), { recursive: true });
    writeFileSync(join(dir, 'data', 'news.txt'), 'News\n\n01.02.24: First.\n02.02.24: Second.\n');
    const db = openDatabase(join(dir, 'events.db'));
    const store = createEventStore(db);
    const rescan = createRescanner(store, join(dir, 'data'), options);
    await rescan();
    renameSync(join(dir, 'data', 'news.txt'), join(dir, 'data', '2024', 'news.txt'));
    expect((await rescan()).map((r) => r.outcome)).toEqual(['kept']);
    expect(await rescan()).toEqual([]);
    expect(store.stats().events).toBe(2);
    expect(store.storedDocument('news.txt')?.path).toBe(join(dir, 'data', '2024', 'news.txt'));
    db.close();
  });

  it('ingests a same-named file once the file that won the name is gone, and never lets a newcomer replace the stored one', async () => {
    const { createRescanner } = await import('../../src/corpus/ingest-corpus.js');
    const { unlinkSync } = await import('node:fs');
    const dir = newTempDir();
    mkdirSync(join(dir, 'data', 'a'), { recursive: true });
    mkdirSync(join(dir, 'data', 'b'));
    writeFileSync(join(dir, 'data', 'b', 'news.txt'), 'B\n\n03.02.25: From b.\n');
    const db = openDatabase(join(dir, 'events.db'));
    const store = createEventStore(db);
    const rescan = createRescanner(store, join(dir, 'data'), options);
    await rescan();
    writeFileSync(join(dir, 'data', 'a', 'news.txt'), 'A\n\n01.02.25: From a.\n');
    const arrival = await rescan();
    expect(arrival.map((r) => [r.path.replace(`${dir}/data/`, ''), r.outcome])).toEqual([['a/news.txt', 'rejected']]);
    expect(arrival[0]?.problems[0]?.message).toMatch(/same file name as .*b\/news\.txt/);
    expect(store.searchEvents('From b', 5).total).toBe(1);
    unlinkSync(join(dir, 'data', 'b', 'news.txt'));
    const afterDelete = await rescan();
    expect(afterDelete.map((r) => r.outcome)).toEqual(['replaced']);
    expect(store.searchEvents('From a', 5).total).toBe(1);
    expect(store.searchEvents('From b', 5).total).toBe(0);
    db.close();
  });

  it('re-ingests a deleted file put back unchanged, with a relative data directory too', async () => {
    const { createRescanner } = await import('../../src/corpus/ingest-corpus.js');
    const { renameSync } = await import('node:fs');
    const { relative } = await import('node:path');
    const dir = newTempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'news.txt'), 'News\n\n01.02.24: First.\n');
    writeFileSync(join(dir, 'data', 'other.txt'), 'Other\n\n02.02.24: Second.\n');
    const db = openDatabase(join(dir, 'events.db'));
    const store = createEventStore(db);
    const rescan = createRescanner(store, relative(process.cwd(), join(dir, 'data')), options);
    await rescan();
    renameSync(join(dir, 'data', 'news.txt'), join(dir, 'news.txt'));
    expect((await rescan()).map((r) => r.outcome)).toEqual(['removed']);
    renameSync(join(dir, 'news.txt'), join(dir, 'data', 'news.txt'));
    expect((await rescan()).map((r) => r.outcome)).toEqual(['added']);
    expect(store.stats().events).toBe(2);
    db.close();
  });

  it('keeps a stored file that moved when a newcomer of the same name arrives, and does not follow a copy elsewhere', async () => {
    const { createRescanner, ingestDocumentFile } = await import('../../src/corpus/ingest-corpus.js');
    const { renameSync, unlinkSync } = await import('node:fs');
    const dir = newTempDir();
    for (const sub of ['a', 'b', 'c']) mkdirSync(join(dir, 'data', sub), { recursive: true });
    mkdirSync(join(dir, 'copy'));
    const original = 'X\n\n01.02.24: The original.\n';
    writeFileSync(join(dir, 'data', 'a', 'x.txt'), original);
    const db = openDatabase(join(dir, 'events.db'));
    const store = createEventStore(db);
    const rescan = createRescanner(store, join(dir, 'data'), options);
    await rescan();
    renameSync(join(dir, 'data', 'a', 'x.txt'), join(dir, 'data', 'c', 'x.txt'));
    writeFileSync(join(dir, 'data', 'b', 'x.txt'), 'X\n\n02.02.24: A newcomer.\n');
    const reports = await rescan();
    expect(reports.map((r) => [r.path.replace(`${dir}/data/`, ''), r.outcome])).toEqual([['b/x.txt', 'rejected'], ['c/x.txt', 'kept']]);
    expect(store.searchEvents('original', 5).total).toBe(1);

    writeFileSync(join(dir, 'copy', 'x.txt'), original);
    ingestDocumentFile(store, join(dir, 'copy', 'x.txt'), options);
    expect(store.storedDocument('x.txt')?.path).toBe(join(dir, 'data', 'c', 'x.txt'));
    unlinkSync(join(dir, 'data', 'b', 'x.txt'));
    db.close();
  });
});
