/**
 * The ingest's floor: the rows an ingest stored, written again into an empty database of the same
 * schema by bare SQL (INSERT … SELECT from the finished database, 20,000 events a transaction, the
 * index merged once at the end): no reading, parsing, JavaScript or per-row binding. What one
 * writer can do on this machine with this schema, whatever the parser costs.
 */
import { rmSync } from 'node:fs';
import { openDatabase } from '../src/store/database.js';

const EVENTS_PER_TRANSACTION = 20_000;

export function timeBareIngest(sourcePath: string, targetPath: string): { events: number; seconds: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(targetPath + suffix, { force: true });
  const db = openDatabase(targetPath);
  try {
    db.prepare('ATTACH ? AS source').run(sourcePath);
    const columns = db.prepare('SELECT * FROM source.events LIMIT 1').columns().map((column) => column.name).join(', ');
    const lastRowid = (db.prepare('SELECT max(rowid) FROM source.events').pluck().get() as number | null) ?? 0;
    const copyEvents = db.prepare(`INSERT INTO events (${columns}) SELECT ${columns} FROM source.events WHERE rowid > ? AND rowid <= ?`);
    const indexText = db.prepare('INSERT INTO events_fts (rowid, text) SELECT rowid, text FROM source.events WHERE rowid > ? AND rowid <= ?');
    const copySources = db.prepare('INSERT INTO event_sources SELECT * FROM source.event_sources WHERE event_rowid > ? AND event_rowid <= ?');
    const copyRange = db.transaction((after: number, upTo: number) => {
      copyEvents.run(after, upTo);
      indexText.run(after, upTo);
      copySources.run(after, upTo);
    });
    const started = process.hrtime.bigint();
    db.exec('INSERT INTO documents SELECT * FROM source.documents');
    db.exec("INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 0)");
    for (let after = 0; after < lastRowid; after += EVENTS_PER_TRANSACTION) copyRange(after, after + EVENTS_PER_TRANSACTION);
    db.exec("INSERT INTO events_fts (events_fts) VALUES ('optimize')");
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events: db.prepare('SELECT count(*) FROM events').pluck().get() as number, seconds };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(targetPath + suffix, { force: true });
  }
}
