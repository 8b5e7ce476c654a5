/** Runs in its own process so that its peak memory is the ingest's alone. Prints one JSON line. */
import { statSync } from 'node:fs';
import { ingestPathsConcurrently } from '../src/corpus/ingest-corpus.js';
import { openDatabase } from '../src/store/database.js';
import { createEventStore } from '../src/store/event-store.js';

const [corpusDir = '', databasePath = ''] = process.argv.slice(2);
const db = openDatabase(databasePath);
const store = createEventStore(db);
const started = process.hrtime.bigint();
const reports = await ingestPathsConcurrently(store, [corpusDir], { maxDocumentBytes: 64_000_000 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage();
const events = store.stats().events;
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
process.stdout.write(`${JSON.stringify({
  seconds, events, documents: reports.length, cpuSeconds: (cpu.user + cpu.system) / 1e6,
  rejected: reports.filter((r) => r.outcome === 'rejected').length,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  databaseBytes: statSync(databasePath).size,
})}\n`);
