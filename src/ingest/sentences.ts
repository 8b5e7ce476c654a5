import { REFERENCE_MARK } from '../text/reference-marks.js';

export interface Sentence {
  readonly text: string;
  readonly offset: number;
}

/** Words that end with a full stop without ending a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'nos', 'gen', 'col', 'lt', 'sgt', 'capt', 'jr', 'sr', 'inc',
  'ltd', 'co', 'corp', 'vs', 'etc', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'a.m', 'p.m', 'art', 'prof',
  'rev', 'gov', 'sen', 'rep', 'approx', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'fig', 'vol', 'pp', 'p', 'ed', 'eds', 'dept', 'est', 'mt', 'ft',
  'e.v', 'b.v', 'n.v', 'ave', 'blvd', 'cf', 'ca',
]);

/** A sentence ends at . ! ? … (with closing quotes or brackets, and reference marks such as `[2]`) before a capital or digit. */
const BOUNDARY = new RegExp(`(?<![.!?…])[.!?…]+["”’»)\\]]*(?:${REFERENCE_MARK})*(?=\\s+["“‘«(\\[]?[\\p{Lu}\\d])`, 'gu');

/** Where a quotation opens and closes: the indices of its two marks. */
export interface QuotationSpan {
  readonly open: number;
  readonly close: number;
}

const QUOTATION_MARKS = /["“”«»]/g;
const CLOSING_MARK: Readonly<Record<string, string>> = { '“': '”', '«': '»', '"': '"' };

/**
 * The quotations of a text that close within it: “…”, «…» and "…". A straight mark opens at the
 * start or after a space, bracket, dash or colon, and closes after anything else: an unclosed one
 * (or an inch mark, `12"`) does not pair with the next quotation's opening mark. Single quotes are
 * left out, since ’ is mostly an apostrophe.
 */
export function quotationSpans(text: string): QuotationSpan[] {
  const spans: QuotationSpan[] = [];
  const opened: { mark: string; index: number }[] = [];
  QUOTATION_MARKS.lastIndex = 0;
  for (let match = QUOTATION_MARKS.exec(text); match !== null; match = QUOTATION_MARKS.exec(text)) {
    const last = opened.at(-1);
    const straightOpening = match[0] === '"' && /^[\s([{:–—-]?$/.test(text.slice(Math.max(0, match.index - 1), match.index));
    if (straightOpening) {
      opened.push({ mark: match[0], index: match.index });
    } else if (last && CLOSING_MARK[last.mark] === match[0]) {
      opened.pop();
      spans.push({ open: last.index, close: match.index });
    } else if (CLOSING_MARK[match[0]] !== undefined && match[0] !== '"') {
      opened.push({ mark: match[0], index: match.index });
    }
  }
  return spans;
}

/** Whether the text from `start` to `end` lies within a quotation, its marks excluded. */
export function isInsideQuotation(spans: readonly QuotationSpan[], start: number, end: number): boolean {
  return spans.some((span) => span.open < start && end <= span.close);
}

/**
 * The ends of the text's sentences. A quotation that closes later in the same text is never cut;
 * one that opens a sentence and ends in `!` or `?` is followed by its attribution ("“The masks
 * are off!” Hajiyev pronounced his verdict"), which stays in the sentence.
 */
function* sentenceEnds(text: string): Generator<number> {
  const spans = /["“«]/.test(text) ? quotationSpans(text) : [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match !== null; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviation(text, Math.max(start, match.index - 24), match.index)) continue;
    if (isInsideQuotation(spans, match.index, end)) continue;
    const closed = /^[!?]/.test(match[0]) ? spans.find((span) => span.close > match.index && span.close < end) : undefined;
    if (closed && text.slice(start, closed.open).trim() === '') continue;
    yield end;
    start = end;
  }
}

/** Splits prose into sentences, keeping abbreviations (`U.S.`, `St. Petersburg`, `H. W. Bush`) and quotations whole. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const end of sentenceEnds(text)) {
    pushTrimmed(sentences, text, start, end);
    start = end;
  }
  pushTrimmed(sentences, text, start, text.length);
  return sentences;
}

const LAST_WORD = /([\p{L}.]+)$/u;

/**
 * The letters and full stops that end `text` between `from` and `to` (`U.S`, `St`), read back a
 * character at a time while they are ASCII: the expression, tried from every start of the span, made
 * finding the first sentence twice as slow. Other letters are left to it.
 */
function lastWord(text: string, from: number, to: number): string {
  let start = to;
  for (; start > from; start--) {
    const code = text.charCodeAt(start - 1);
    if (code >= 0x80) return LAST_WORD.exec(text.slice(from, to))?.[1] ?? '';
    const lowerCased = code | 0x20;
    if (code !== 0x2e && (lowerCased < 0x61 || lowerCased > 0x7a)) break;
  }
  return text.slice(start, to);
}

/** Whether the word that ends `text` between `from` and `to` ends with a full stop that does not end a sentence. */
function isAbbreviation(text: string, from: number, to: number): boolean {
  const word = lastWord(text, from, to);
  if (word.length === 0) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: H. W. Bush
  return ABBREVIATIONS.has(word.toLowerCase());
}

function pushTrimmed(into: Sentence[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed.length > 0) into.push({ text: trimmed, offset: start + lead });
}

/** The first sentence only (a chronicle entry's happening date and headline come from it). */
export function firstSentence(text: string): string {
  const end = sentenceEnds(text).next();
  return (end.done ? text : text.slice(0, end.value)).trim();
}
