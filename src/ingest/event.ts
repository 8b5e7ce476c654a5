import { hash } from 'node:crypto';
import type { Precision } from './partial-date.js';
import { withoutReferenceMarks } from '../text/reference-marks.js';

export type EventKind = 'chronicle' | 'prose' | 'table';

/** One dated happening, as read from one place in one document. */
export interface ParsedEvent {
  /** Stable: the same happening (date and wording) gets the same id in every document. */
  readonly id: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the start of a range. */
  readonly date: string;
  readonly precision: Precision;
  /** The end of a range (`1918–1921`), at its own precision. */
  readonly endDate?: string;
  /** The date the document reported it, where that differs from `date`. */
  readonly reportedDate?: string;
  /**
   * A state that began at `date` and still held when the document was written (`has been a member
   * since 1992`), not a happening of that date only; dated by its start, where a reader looks for it.
   */
  readonly ongoing?: true;
  readonly text: string;
  readonly headline: string;
  /** The document's base name. */
  readonly source: string;
  readonly line: number;
  readonly section?: string;
  readonly kind: EventKind;
  readonly people: readonly string[];
  readonly organisations: readonly string[];
  readonly places: readonly string[];
  readonly topics: readonly string[];
  /** How many more times the document repeats it (an editor's highlight), when it does. */
  readonly repeats?: number;
}

const HEADLINE_LENGTH = 110;
/** Runs of spacing, except a lone space, which would be replaced by itself (the fold is then about twice as fast). */
const SPACING_TO_FOLD = /[^\S ]\s*| \s+/g;

/** The first sentence, cut at a word boundary to fit a short line. */
export function makeHeadline(firstSentence: string): string {
  const text = withoutReferenceMarks(firstSentence).replace(SPACING_TO_FOLD, ' ').trim();
  if (text.length <= HEADLINE_LENGTH) return text;
  const cut = text.slice(0, HEADLINE_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > 60 ? lastSpace : HEADLINE_LENGTH).replace(/[\s,;:–-]+$/, '')}…`;
}

const PUNCTUATION = '!-/:-@[-`{-~\\u00a0-\\u00bf\\u2000-\\u206f';
/** What `\s` matches, less the plain space. */
const SPACING_OTHER_THAN_SPACE = '\\t-\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/**
 * Runs of spacing and punctuation, except a lone space, which would be replaced by itself: skipping
 * the space between every two words made the key twice as fast.
 */
const NOT_WORD_CHARACTERS = new RegExp(`[${SPACING_OTHER_THAN_SPACE}${PUNCTUATION}][\\s${PUNCTUATION}]*| [\\s${PUNCTUATION}]+`, 'g');

/** The wording, lower-cased, with punctuation and spacing folded: copies of one text get one id. */
export function contentKey(text: string): string {
  return text.replace(NOT_WORD_CHARACTERS, ' ').trim().toLowerCase();
}

export function eventId(date: string, text: string): string {
  return hash('sha1', `${date}|${contentKey(text)}`, 'hex').slice(0, 16);
}
