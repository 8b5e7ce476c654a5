import { UndecodableTextError, decodeDocumentBytes } from '../ingest/decode-text.js';
import type { IngestProblem } from './ingest-corpus.js';

export type DecodedDocument = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: IngestProblem };

/** A document file's text, or what is wrong with it (empty, not UTF-8 text), naming the file and line. */
export function decodeDocument(path: string, bytes: Uint8Array): DecodedDocument {
  try {
    const { text } = decodeDocumentBytes(bytes);
    if (text.trim() === '') return { ok: false, problem: { where: path, message: 'empty file: no text to read' } };
    return { ok: true, text };
  } catch (error) {
    if (!(error instanceof UndecodableTextError)) throw error;
    return { ok: false, problem: { where: error.line === undefined ? path : `${path}:${error.line}`, message: error.message } };
  }
}
