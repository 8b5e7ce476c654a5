/**
 * `npm run bench`: builds a synthetic corpus (BENCH_EVENTS, default 1,000,000 events), ingests it
 * in a child process, then times the queries the bot answers beside bare SQL. Prints figures;
 * asserts nothing. BENCH_DIR keeps the corpus and database between runs (default: a temp dir).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { findOnThisDay, renderOnThisDay } from '../src/digest/on-this-day.js';
import { htmlMarkup } from '../src/digest/markup.js';
import { splitIntoMessages } from '../src/digest/split-messages.js';
import { findTopicPage, renderTopicPage } from '../src/digest/topic.js';
import { openDatabase } from '../src/store/database.js';
import { SEARCH_TUNING } from '../src/store/event-search.js';
import { EVENT_BY_ROWID_SQL, ON_CALENDAR_DAY_COUNTS_SQL, ROWIDS_ON_DATE_SQL, SPANNING_DAYS_SQL, createEventStore, takePerYear } from '../src/store/event-store.js';
import { toFtsQuery } from '../src/store/fts-query.js';
import { FREQUENT_WORD, buildSyntheticCorpus } from './synthetic-corpus.js';
import { benchBotThroughput } from './bot-throughput.js';
import { benchBroadcast } from './broadcast.js';
import { timeBareIngest } from './ingest-floor.js';
import { timeSqlCalls } from './sql-timing.js';

const ROOT = join(import.meta.dirname, '..');
const targetEvents = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const workDir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'chronicle-bench-'));
const corpusDir = join(workDir, 'corpus');
const databasePath = join(workDir, 'events.db');

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number): string => `${fmt(bytes / 1e6, 1)} MB`;

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

function time(runs: number, body: (i: number) => void): { p50: number; p99: number } {
  for (let i = 0; i < Math.min(10, runs); i++) body(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    body(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return percentiles(samples);
}

/** Ours and the floor call by call, alternately: this machine's speed drifts over seconds, which would otherwise favour one side. */
function timeAlternating(runs: number, ours: (i: number) => void, floor: (i: number) => void): { ours: { p50: number; p99: number }; floor: { p50: number; p99: number } } {
  const samples = { ours: [] as number[], floor: [] as number[] };
  const timed = (body: (i: number) => void, i: number, into: number[]) => {
    const start = process.hrtime.bigint();
    body(i);
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  for (let i = 0; i < runs; i++) {
    timed(ours, i, samples.ours);
    timed(floor, i, samples.floor);
  }
  return { ours: percentiles(samples.ours), floor: percentiles(samples.floor) };
}

const line = (label: string, ours: { p50: number; p99: number }, floor: { p50: number; p99: number }): string =>
  `  ${label.padEnd(34)} p50 ${fmt(ours.p50, 2).padStart(7)} ms  p99 ${fmt(ours.p99, 2).padStart(7)} ms   bare SQL p50 ${fmt(floor.p50, 2).padStart(7)} ms  p99 ${fmt(floor.p99, 2).padStart(7)} ms   overhead p99 ${fmt(ours.p99 / Math.max(floor.p99, 1e-6), 2)}x`;

console.log(`Chronicle Bot benchmark · ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${mb(totalmem())} RAM, Node ${process.version}, ${process.platform}`);

if (!existsSync(databasePath)) {
  const started = Date.now();
  const corpus = buildSyntheticCorpus(corpusDir, join(ROOT, 'data', '2025-01-monthly-chronicle.txt'), targetEvents);
  console.log(`\ncorpus: ${fmt(corpus.entries)} chronicle entries in ${fmt(corpus.documents)} documents, ${mb(corpus.bytes)} (built in ${fmt((Date.now() - started) / 1000, 1)} s)`);
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'ingest-worker.ts'), corpusDir, databasePath], { encoding: 'utf8', maxBuffer: 1e8 });
  const ingest = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { seconds: number; events: number; documents: number; rejected: number; maxRssBytes: number; databaseBytes: number; cpuSeconds: number };
  console.log('\ningest (one process: parse workers, one writer; each document whole or not at all)');
  console.log(`  events stored        ${fmt(ingest.events)} (${ingest.rejected} documents rejected)`);
  console.log(`  throughput           ${fmt(ingest.events / ingest.seconds)} events/s, ${fmt(corpus.bytes / 1e6 / ingest.seconds, 1)} MB/s (${fmt(ingest.seconds, 1)} s)`);
  console.log(`  CPU time             ${fmt(ingest.cpuSeconds, 1)} s, ${fmt(1e6 * ingest.cpuSeconds / ingest.events, 1)} µs per event (all threads), ${fmt(ingest.cpuSeconds / ingest.seconds, 2)} of ${cpus().length} cores busy on average`);
  console.log(`  database size        ${mb(ingest.databaseBytes)}`);
  console.log(`  peak memory (RSS)    ${mb(ingest.maxRssBytes)}`);
  const bare = timeBareIngest(databasePath, join(workDir, 'bare-copy.db'));
  console.log(`  bare SQL floor       ${fmt(bare.events / bare.seconds)} events/s (${fmt(bare.seconds, 1)} s): the same rows copied by INSERT … SELECT into an empty database`);
  console.log('  (of the same schema, with its indexes and full-text index: what one writer can store here with no parsing at all)');
} else {
  console.log(`\nreusing ${databasePath} (delete it to rebuild and re-measure ingest)`);
}

const db = openDatabase(databasePath);
const store = createEventStore(db);
const stats = store.stats();
const frequentMatches = (db.prepare('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?').get(toFtsQuery(FREQUENT_WORD)) as { n: number }).n;
console.log(`\nqueries at ${fmt(stats.events)} events (search window: newest ${fmt(SEARCH_TUNING.window)} matches, divided by the number of words; words in ${fmt(100 * SEARCH_TUNING.frequentWordShare)}% of events or more only filter)`);

const days = Array.from({ length: 1000 }, (_, i) => ({ year: 2026, month: 1 + (i % 12), day: 1 + ((i * 7) % 28) }));
const countsOnDay = db.prepare(ON_CALENDAR_DAY_COUNTS_SQL).raw();
const rowidsOnDate = db.prepare(ROWIDS_ON_DATE_SQL).pluck();
const eventByRowid = db.prepare(EVENT_BY_ROWID_SQL);
const spanningDays = db.prepare(SPANNING_DAYS_SQL).raw();
// The store's own statements, run bare for the same rows: the day's dates counted, the multi-day
// events read, then the events the store would choose (3 a year, newest years first) read by rowid.
const bareOnThisDay = (month: number, day: number) => {
  const buckets = (countsOnDay.all(month, day) as [string, number][]).map(([date, count]) => ({ date, count }));
  spanningDays.all();
  takePerYear(buckets, 30, 3).forEach(({ skip, take }, index) => {
    if (take > 0) for (const rowid of rowidsOnDate.all(month, day, buckets[index]!.date, take, skip) as number[]) eventByRowid.get(rowid);
  });
};
for (const day of days) bareOnThisDay(day.month, day.day); // warm the cache for both sides alike
const onThisDayStore = timeAlternating(2000, (i) => {
  const day = days[i % days.length] ?? { year: 2026, month: 1, day: 1 };
  store.listEventsOnCalendarDays([day], 30, 3);
}, (i) => { const day = days[i % days.length] ?? { month: 1, day: 1 }; bareOnThisDay(day.month, day.day); });
console.log(line('on this day (store query)', onThisDayStore.ours, onThisDayStore.floor));
const onThisDayAnswer = timeAlternating(2000, (i) => {
  const day = days[i % days.length] ?? { year: 2026, month: 1, day: 1 };
  splitIntoMessages(renderOnThisDay(findOnThisDay(store, day), htmlMarkup));
}, (i) => { const day = days[i % days.length] ?? { month: 1, day: 1 }; bareOnThisDay(day.month, day.day); });
console.log(line('on this day (answer: find + HTML)', onThisDayAnswer.ours, onThisDayAnswer.floor));
console.log('  (bare SQL = the store\'s own on-this-day statements for the same 30 events: dates counted, multi-day events read, 3 a year read by rowid; rows not mapped)');

const bareRanked = db.prepare('SELECT rowid, rank FROM events_fts WHERE events_fts MATCH ? ORDER BY rank LIMIT 5');
const queries: [string, string[]][] = [
  ['topic: rare word', ['Pezeshkian', 'Kobakhidze', 'Mizner', 'Ibadoglu', 'Vardanyan']],
  ['topic: two words', ['border guards', 'court sentenced', 'foreign minister', 'human rights', 'gas pipeline']],
  [`topic: "${FREQUENT_WORD}" (${fmt((100 * frequentMatches) / stats.events, 1)}% of events)`, [FREQUENT_WORD]],
];
// A second connection whose statements count their time in SQLite: the store's own SQL, run by the store.
const timedDb = openDatabase(databasePath);
const sqlTime = timeSqlCalls(timedDb);
const timedStore = createEventStore(timedDb);
for (const [label, words] of queries) {
  const ours = time(200, (i) => { splitIntoMessages(renderTopicPage(findTopicPage(store, words[i % words.length] ?? '', 0, 'rank'), htmlMarkup)); });
  const floor = time(60, (i) => { bareRanked.all(toFtsQuery(words[i % words.length] ?? '')); });
  console.log(line(label, ours, floor));
  const total: number[] = [];
  const inSql: number[] = [];
  for (let i = 0; i < 210; i++) {
    const before = sqlTime.nanoseconds();
    const started = process.hrtime.bigint();
    splitIntoMessages(renderTopicPage(findTopicPage(timedStore, words[i % words.length] ?? '', 0, 'rank'), htmlMarkup));
    if (i < 10) continue;
    total.push(Number(process.hrtime.bigint() - started) / 1e6);
    inSql.push(Number(sqlTime.nanoseconds() - before) / 1e6);
  }
  console.log(line('  the same, beside its own SQL', percentiles(total), percentiles(inSql)));
}
console.log(`  (bare SQL = bm25 over every match, ORDER BY rank LIMIT 5: the naive query, which is the trap for "${FREQUENT_WORD}";`);
console.log('   "its own SQL" = the time the same store calls spend inside SQLite, in the statements the store runs)');
timedDb.close();
db.close();

if (process.env.BENCH_SKIP_BOT !== '1') await benchBotThroughput(databasePath);
if (process.env.BENCH_SKIP_BROADCAST !== '1') await benchBroadcast(join(ROOT, 'data'), Number(process.env.BENCH_CHATS ?? 10_000), Number(process.env.BENCH_TIME_SCALE ?? 10));
if (!process.env.BENCH_DIR) rmSync(workDir, { recursive: true, force: true });
