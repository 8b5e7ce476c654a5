/** A worker thread that decodes and parses documents, so that parsing and database writes overlap. */
import { parentPort } from 'node:worker_threads';
import { type ParsedDocument, parseDocument } from '../ingest/parse-document.js';
import { decodeDocument } from './decode-document.js';
import type { IngestProblem } from './ingest-corpus.js';

export interface ParseRequest { readonly id: number; readonly source: string; readonly path: string; readonly bytes: Uint8Array }
export type ParseReply = { readonly id: number } & ({ readonly parsed: ParsedDocument } | { readonly problem: IngestProblem });

parentPort?.on('message', ({ id, source, path, bytes }: ParseRequest) => {
  const decoded = decodeDocument(path, bytes);
  const reply: ParseReply = decoded.ok ? { id, parsed: parseDocument(source, decoded.text) } : { id, problem: decoded.problem };
  parentPort?.postMessage(reply);
});
