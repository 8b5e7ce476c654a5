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

/** A sentence ends at . ! ? … (with closing quotes or brackets, and citation marks such as `[2]`) before a capital or digit. */
const BOUNDARY = /(?<![.!?…])[.!?…]+["”’»)\]]*(?:\[\d+\])*(?=\s+["“‘«(\[]?[\p{Lu}\d])/gu;

/** Splits prose into sentences, keeping abbreviations (`U.S.`, `St. Petersburg`, `H. W. Bush`) whole. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match !== null; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviation(text.slice(Math.max(start, match.index - 24), match.index))) continue;
    pushTrimmed(sentences, text, start, end);
    start = end;
  }
  pushTrimmed(sentences, text, start, text.length);
  return sentences;
}

function isAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
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
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match !== null; match = BOUNDARY.exec(text)) {
    if (match[0].startsWith('.') && isAbbreviation(text.slice(Math.max(0, match.index - 24), match.index))) continue;
    return text.slice(0, match.index + match[0].length).trim();
  }
  return text.trim();
}
