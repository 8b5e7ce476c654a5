import { isInsideQuotation, quotationSpans } from './sentences.js';

/** Present forms of the verbs that describe a state: `Israel is a major supplier`, `do not have relations`, `remains neutral`. */
const STATE_VERBS = new Set(['is', 'are', 'am', 'has', 'have', 'remain', 'remains']);
const REMAIN = new Set(['remain', 'remains']);
/** Before a state verb: it is not the clause's own present (`will have talks`, `did not have`, `which is`). */
const NOT_PRESENT_BEFORE = new Set([
  'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'to', 'did', 'who', 'which', 'that', 'where', 'whose', 'whom',
]);
/** After `is`/`has`: a happening, planned or done (`is due to resume`, `is set to`, `has been`, `is being`). */
const HAPPENING_AFTER = new Set(['to', 'due', 'about', 'set', 'expected', 'scheduled', 'going', 'being', 'been']);
const SKIPPED = new Set(['not', 'never', 'also', 'still', 'already', 'now', 'only', 'just', 'yet', 'even', 'again', 'no', 'longer', 'today']);
/** Participles without -ed, for `has met`, `is held`. */
const IRREGULAR_PARTICIPLES = new Set([
  'met', 'held', 'made', 'taken', 'given', 'seen', 'said', 'told', 'sent', 'left', 'begun', 'won', 'lost', 'brought', 'found',
  'kept', 'paid', 'put', 'shown', 'spoken', 'written', 'chosen', 'driven', 'fallen', 'flown', 'gone', 'known', 'thrown',
  'broken', 'caught', 'fought', 'hit', 'hurt', 'led', 'shut', 'sold', 'spent', 'struck', 'sworn', 'withdrawn', 'become', 'come',
  'run', 'read', 'heard', 'built', 'beaten', 'bought', 'forbidden', 'frozen', 'risen', 'stolen', 'torn',
]);

const isParticipleOrProgressive = (word: string): boolean => /(?:ed|ing)$/.test(word) || IRREGULAR_PARTICIPLES.has(word);
const isSkipped = (word: string): boolean => SKIPPED.has(word) || /ly$/.test(word);

/** The clause around `index`: between the nearest semicolons, colons or spaced dashes. */
function clauseAround(text: string, index: number): string {
  const boundary = /;|:|\s[–—-]\s/g;
  let start = 0;
  let end = text.length;
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    if (match.index < index) start = match.index + match[0].length;
    else {
      end = match.index;
      break;
    }
  }
  return text.slice(start, end);
}

/** Whether the clause's verb is a present-tense state (`is a major supplier`, `do not have relations`), not a happening. */
function describesPresentState(clause: string): boolean {
  const words = (clause.toLowerCase().match(/[\p{L}'’]+/gu) ?? []).map((word) => word.replace(/n['’]t$/, ''));
  return words.some((word, index) => {
    if (!STATE_VERBS.has(word)) return false;
    let before = index - 1;
    while (before >= 0 && isSkipped(words[before] ?? '')) before--;
    if (before >= 0 && NOT_PRESENT_BEFORE.has(words[before] ?? '')) return false;
    if (REMAIN.has(word)) return true;
    let after = index + 1;
    while (after < words.length && isSkipped(words[after] ?? '')) after++;
    const next = words[after] ?? '';
    return !HAPPENING_AFTER.has(next) && !isParticipleOrProgressive(next);
  });
}

/**
 * Whether a `today` or `yesterday` at `index` counts from the document's date. In quoted speech it
 * counts from the speaker's day, which the document does not give. A `today` whose clause states
 * how things are (`Israel is a major arms supplier today`) dates a state, not a happening.
 */
export function countsFromDocumentDate(text: string, index: number, length: number): boolean {
  if (/["“«]/.test(text) && isInsideQuotation(quotationSpans(text), index, index + length)) return false;
  const word = text.slice(index, index + length).toLowerCase();
  return word !== 'today' || !describesPresentState(clauseAround(text, index));
}
