/** A worker thread that parses documents, so that parsing and database writes overlap. */
import { parentPort } from 'node:worker_threads';
import { parseDocument } from '../ingest/parse-document.js';

export interface ParseRequest { readonly id: number; readonly source: string; readonly text: string }

parentPort?.on('message', (request: ParseRequest) => {
  parentPort?.postMessage({ id: request.id, parsed: parseDocument(request.source, request.text) });
});
