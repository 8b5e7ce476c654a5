import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { formatPartialDate } from '../ingest/partial-date.js';
import { PARSER_VERSION, type ParsedDocument, parseDocument } from '../ingest/parse-document.js';
import type { DocumentOutcome, EventStore } from '../store/event-store.js';
import { type DecodedDocument, decodeDocument } from './decode-document.js';
import type { ParseReply } from './parse-worker.js';

export const DOCUMENT_EXTENSIONS = ['.txt'];

export interface IngestProblem {
  /** `path:line`, or the path alone when the problem is the whole file. */
  readonly where: string;
  readonly message: string;
}

export interface DocumentReport {
  readonly path: string;
  readonly source: string;
  readonly outcome: DocumentOutcome | 'rejected';
  readonly eventsAdded: number;
  readonly eventsLinked: number;
  readonly eventsRemoved: number;
  readonly problems: IngestProblem[];
}

export interface IngestOptions {
  /** Files larger than this are refused before they are read. */
  readonly maxDocumentBytes: number;
  readonly now?: () => Date;
}

const rejected = (problem: IngestProblem): DocumentReport => {
  const path = problem.where.replace(/:\d+$/, '');
  return { path, source: basename(path), outcome: 'rejected', eventsAdded: 0, eventsLinked: 0, eventsRemoved: 0, problems: [problem] };
};

/** The document files under the given paths (directories are read recursively), in a stable order. */
export function listDocumentFiles(paths: readonly string[]): { files: string[]; problems: IngestProblem[] } {
  const files: string[] = [];
  const problems: IngestProblem[] = [];
  const visit = (path: string, explicit: boolean): void => {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      problems.push({ where: path, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    if (isDirectory) {
      let entries: string[];
      try {
        entries = readdirSync(path).sort();
      } catch (error) {
        // `lost+found` at the top of a mounted volume, say: its files are neither read nor removed.
        problems.push({ where: path, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
        return;
      }
      for (const entry of entries) {
        if (!entry.startsWith('.')) visit(join(path, entry), false);
      }
    } else if (explicit || DOCUMENT_EXTENSIONS.includes(extname(path).toLowerCase())) {
      files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return { files, problems };
}

export type DocumentRead =
  | { readonly ok: true; readonly bytes: Buffer; readonly sha256: string; decode(): DecodedDocument }
  | { readonly ok: false; readonly problem: IngestProblem };

/** Reads a document file's bytes within the size limit; decoding is a second step, so unchanged files skip it. */
export function readDocumentFile(path: string, maxDocumentBytes: number): DocumentRead {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxDocumentBytes) {
      return { ok: false, problem: { where: path, message: `${(size / 1e6).toFixed(1)} MB is over the ${(maxDocumentBytes / 1e6).toFixed(1)} MB limit for one document (MAX_DOCUMENT_BYTES); split it into smaller files` } };
    }
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, problem: { where: path, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
  }
  return {
    ok: true, bytes, sha256: createHash('sha256').update(bytes).digest('hex'),
    decode: () => decodeDocument(path, bytes),
  };
}

type PreparedDocument =
  | { readonly done: DocumentReport }
  | { readonly path: string; readonly source: string; readonly sha256: string; readonly bytes: Buffer };

/** Reads a document, or settles it at once (unreadable, unchanged); decoding is left to whoever parses it. */
function prepareDocument(store: EventStore, path: string, options: IngestOptions): PreparedDocument {
  const source = basename(path);
  const read = readDocumentFile(path, options.maxDocumentBytes);
  if (!read.ok) return { done: rejected(read.problem) };
  const stored = store.storedDocument(source);
  if (stored?.sha256 === read.sha256 && stored.parserVersion === PARSER_VERSION) {
    // Moved, not copied: the path it was read from is gone.
    if (stored.path !== resolve(path) && !existsSync(stored.path)) store.moveDocument(source, resolve(path));
    return { done: { path, source, outcome: 'kept', eventsAdded: 0, eventsLinked: 0, eventsRemoved: 0, problems: [] } };
  }
  return { path, source, sha256: read.sha256, bytes: read.bytes };
}

type ReadDocument = Exclude<PreparedDocument, { done: DocumentReport }>;

/** Stores parsed documents in one transaction, each whole or not at all (see `replaceDocuments`). */
function storeParsedDocuments(store: EventStore, documents: readonly { document: ReadDocument; parsed: ParsedDocument }[], options: IngestOptions): DocumentReport[] {
  const results = store.replaceDocuments(documents.map(({ document, parsed }) => ({
    source: document.source, path: resolve(document.path), sha256: document.sha256, bytes: document.bytes.length,
    documentDate: parsed.documentDate ? formatPartialDate(parsed.documentDate.date) : undefined,
    documentDateMethod: parsed.documentDate?.method,
    events: parsed.events,
  })), (options.now?.() ?? new Date()).toISOString());
  return documents.map(({ document: { path, source }, parsed }, index) => {
    const problems: IngestProblem[] = parsed.issues.map((issue) => ({ where: `${path}:${issue.line}`, message: issue.message }));
    if (parsed.events.length === 0) problems.push({ where: path, message: 'no dated events found' });
    const result = results[index];
    if (!result) throw new Error(`no result stored for ${path}`);
    return { path, source, ...result, problems };
  });
}

/** Reads, parses and stores one document; any fault comes back as a rejected report, never thrown. */
export function ingestDocumentFile(store: EventStore, path: string, options: IngestOptions): DocumentReport {
  const prepared = prepareDocument(store, path, options);
  if ('done' in prepared) return prepared.done;
  const decoded = decodeDocument(path, prepared.bytes);
  if (!decoded.ok) return rejected(decoded.problem);
  return storeParsedDocuments(store, [{ document: prepared, parsed: parseDocument(prepared.source, decoded.text) }], options)[0] as DocumentReport;
}

const sha256OfFile = (path: string): string | undefined => {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
};

/**
 * The files to ingest, one per file name (events are keyed by it). Of several files with one name,
 * the one the store holds wins (at its path, else with its content: it moved), else the first; the
 * others are reported.
 */
function documentFilesOnce(store: EventStore, paths: readonly string[]): { reports: DocumentReport[]; files: string[] } {
  const { files, problems } = listDocumentFiles(paths);
  const reports: DocumentReport[] = problems.map(rejected);
  const byName = new Map<string, string[]>();
  for (const path of files) byName.set(basename(path), [...(byName.get(basename(path)) ?? []), path]);
  const chosen = new Set<string>();
  for (const [name, candidates] of byName) {
    const stored = candidates.length > 1 ? store.storedDocument(name) : undefined;
    const keep = candidates.find((path) => resolve(path) === stored?.path)
      ?? (stored ? candidates.find((path) => sha256OfFile(path) === stored.sha256) : undefined) ?? candidates[0] ?? '';
    chosen.add(keep);
    for (const path of candidates) {
      if (path !== keep) reports.push(rejected({ where: path, message: `has the same file name as ${keep}; events are keyed by file name, so rename one` }));
    }
  }
  return { reports, files: files.filter((path) => chosen.has(path)) };
}

/** After an ingest, the word counts that guide ranking are brought up to date if the archive changed enough. */
function countWordsAfterChanges(store: EventStore, reports: DocumentReport[]): DocumentReport[] {
  store.refreshSearchIndexIfStale();
  return reports;
}

/** Ingests every document under `paths`; a bad file is reported and skipped, the rest still go in. */
export function ingestPaths(store: EventStore, paths: readonly string[], options: IngestOptions): DocumentReport[] {
  const { reports, files } = documentFilesOnce(store, paths);
  for (const path of files) reports.push(ingestDocumentFile(store, path, options));
  return countWordsAfterChanges(store, reports);
}

/** Below this much changed text, a worker thread costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 4_000_000;

const MAX_PARSE_WORKERS = 4;

/** A write transaction takes the parsed documents waiting to be stored until it holds this many events. */
const EVENTS_PER_TRANSACTION = 20_000;

type QueuedDocument =
  | { readonly prepared: { readonly done: DocumentReport } }
  | { readonly prepared: ReadDocument; readonly reply: Promise<ParseReply>; settled?: ParseReply };

/** A queued document's parse, once its worker has replied with one. */
function parsedOf(entry: QueuedDocument): ParsedDocument | undefined {
  return 'reply' in entry && entry.settled && 'parsed' in entry.settled ? entry.settled.parsed : undefined;
}

/**
 * The same as `ingestPaths`, with parsing in worker threads while this thread writes to the
 * database, in file order. Documents parsed while the previous ones were being written are
 * stored together, in one transaction with a savepoint each (each whole or not at all), and the
 * full-text index merges once at the end rather than as it grows. Used for large batches.
 */
export async function ingestPathsConcurrently(store: EventStore, paths: readonly string[], options: IngestOptions & { workers?: number }): Promise<DocumentReport[]> {
  const { reports, files } = documentFilesOnce(store, paths);
  // Parsing an event costs more than writing it: as many parsers as cores, beside the writing thread,
  // up to four (the one writer keeps more than that busy no longer, and each holds documents in memory).
  const workerCount = Math.max(1, options.workers ?? Math.min(availableParallelism(), MAX_PARSE_WORKERS));
  let totalBytes = 0;
  for (const path of files) {
    try { totalBytes += statSync(path).size; } catch { /* reported when read */ }
  }
  if (totalBytes < WORKER_THRESHOLD_BYTES) {
    for (const path of files) reports.push(ingestDocumentFile(store, path, options));
    return countWordsAfterChanges(store, reports);
  }
  const resumeIndexMerges = store.deferIndexMerges();
  const workers = Array.from({ length: workerCount }, () => ({ thread: new Worker(new URL('./parse-worker-entry.mjs', import.meta.url)), parsing: 0 }));
  const pending = new Map<number, { resolve: (reply: ParseReply) => void; reject: (error: Error) => void }>();
  let workerFailure: Error | undefined;
  const failPending = (error: Error): void => {
    workerFailure ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
  };
  for (const worker of workers) {
    worker.thread.on('message', (reply: ParseReply) => {
      worker.parsing--;
      pending.get(reply.id)?.resolve(reply);
    });
    worker.thread.on('error', failPending);
    worker.thread.on('exit', (code) => { if (code !== 0) failPending(new Error(`a parse worker stopped (exit code ${code})`)); });
  }
  try {
    const queue: QueuedDocument[] = [];
    let next = 0;
    const inFlightLimit = workerCount * 2;
    const fill = (): void => {
      if (workerFailure) throw workerFailure;
      while (next < files.length && queue.length < inFlightLimit) {
        const id = next++;
        const prepared = prepareDocument(store, files[id] ?? '', options);
        if ('done' in prepared) { queue.push({ prepared }); continue; }
        const reply = new Promise<ParseReply>((resolve, reject) => pending.set(id, {
          resolve: (result) => { pending.delete(id); resolve(result); },
          reject,
        }));
        const entry: QueuedDocument = { prepared, reply };
        // Awaited in file order below; until then a failure must not count as unhandled.
        reply.then((settled) => { entry.settled = settled; }, () => undefined);
        const idlest = workers.reduce((a, b) => (b.parsing < a.parsing ? b : a));
        idlest.parsing++;
        // The bytes, copied: the worker decodes them too.
        idlest.thread.postMessage({ id, source: prepared.source, path: prepared.path, bytes: prepared.bytes });
        queue.push(entry);
      }
    };
    fill();
    while (queue.length > 0) {
      const head = queue[0];
      if (head && 'reply' in head) await head.reply;
      // The head, and after it every document already parsed (or settled without parsing), up to the transaction's size.
      const batch: QueuedDocument[] = [];
      let events = 0;
      for (let entry = queue[0]; entry && events < EVENTS_PER_TRANSACTION; entry = queue[0]) {
        if ('reply' in entry && !entry.settled) break;
        batch.push(entry);
        queue.shift();
        events += parsedOf(entry)?.events.length ?? 0;
      }
      // The workers get the next documents before this thread starts writing.
      fill();
      const parsedDocuments = batch.flatMap((entry) => {
        const parsed = parsedOf(entry);
        return parsed && 'reply' in entry ? [{ document: entry.prepared, parsed }] : [];
      });
      const stored = parsedDocuments.length > 0 ? storeParsedDocuments(store, parsedDocuments, options) : [];
      for (const entry of batch) {
        if (!('reply' in entry)) reports.push(entry.prepared.done);
        else if (entry.settled && 'problem' in entry.settled) reports.push(rejected(entry.settled.problem));
        else reports.push(stored.shift() as DocumentReport);
      }
    }
  } finally {
    try {
      resumeIndexMerges();
    } finally {
      await Promise.all(workers.map((worker) => worker.thread.terminate()));
    }
  }
  return countWordsAfterChanges(store, reports);
}


/** Only a file that is certainly not there (not one that cannot be read) counts as deleted. */
function isGone(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

function unreadableDirectory(path: string): string | undefined {
  try {
    if (!statSync(path).isDirectory()) return 'not a directory';
    readdirSync(path);
    return undefined;
  } catch (error) {
    return `cannot read the data directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

/**
 * Re-ingests a directory on demand, reading only files whose size or modification time changed
 * since the last scan (the store's hash check still decides what really changed).
 */
export function createRescanner(store: EventStore, dir: string, options: IngestOptions) {
  const root = resolve(dir);
  /** The size and modification time each file had when it was last ingested. */
  const seen = new Map<string, string>();
  /** Same-named files already reported, so each is reported once per change, not every scan. */
  const reportedDuplicates = new Map<string, string>();
  const signatureOf = (path: string): string | undefined => {
    try {
      const stat = statSync(path);
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
  };
  /** Documents read from this directory whose file has since been deleted: their events go too. */
  const removeVanished = (): DocumentReport[] => store.listDocuments()
    .filter((doc) => doc.path.startsWith(root + sep) && isGone(doc.path))
    .map((doc) => {
      const eventsRemoved = store.removeDocument(doc.source);
      seen.delete(doc.path);
      return { path: doc.path, source: doc.source, outcome: 'removed' as const, eventsAdded: 0, eventsLinked: 0, eventsRemoved, problems: [] };
    });
  return async (): Promise<DocumentReport[]> => {
    // A directory that cannot be read (not mounted, mistyped) says nothing about its files: keep them all.
    const unreadable = unreadableDirectory(root);
    if (unreadable) return [rejected({ where: root, message: `${unreadable}; nothing was added or removed` })];
    // Duplicate names are judged against the whole directory, not just the changed files.
    const { reports: duplicates, files } = documentFilesOnce(store, [root]);
    // An empty mount point looks like a directory whose every file was deleted: that takes a person.
    if (files.length === 0 && store.listDocuments().some((doc) => doc.path.startsWith(root + sep))) {
      return [rejected({ where: root, message: 'the data directory holds no documents; nothing was removed (to empty the archive, delete the database)' })];
    }
    const changed = files.map((path) => ({ path, signature: signatureOf(path) }))
      .filter(({ path, signature }) => signature === undefined || seen.get(path) !== signature);
    const newDuplicates = duplicates.filter((report) => reportedDuplicates.get(report.path) !== signatureOf(report.path));
    for (const report of newDuplicates) reportedDuplicates.set(report.path, signatureOf(report.path) ?? '');
    for (const path of reportedDuplicates.keys()) if (!duplicates.some((report) => report.path === path)) reportedDuplicates.delete(path);
    const reports = changed.length === 0 ? [] : await ingestPathsConcurrently(store, changed.map(({ path }) => path), options);
    // Remembered only once ingested: a failed run (say, the database busy) is tried again next time.
    for (const { path, signature } of changed) if (signature !== undefined) seen.set(path, signature);
    const removed = removeVanished();
    if (removed.length > 0) countWordsAfterChanges(store, removed);
    return [...newDuplicates, ...reports, ...removed];
  };
}
