/**
 * One reference mark copied from an encyclopaedia: `[63]`, `[citation needed]`, `[note 2]`. Not
 * `[2019]`: a bracketed year is text. Written without the `i` flag, so that it fits in any pattern.
 */
export const REFERENCE_MARK = String.raw`\[(?:\d{1,3}|[Cc]itation [Nn]eeded|CITATION NEEDED|[Nn]ote \d{1,3}|NOTE \d{1,3})\]`;

/** The marks with the spaces before them (`Baku [12] and` keeps one space). */
const REFERENCE_MARKS = new RegExp(`[ \\t]*${REFERENCE_MARK}`, 'g');

/** The text without its reference marks, which mean nothing to a reader away from the article's notes. */
export function withoutReferenceMarks(text: string): string {
  // Most texts have no bracket at all, which includes() tells ten times faster than the expression.
  return text.includes('[') ? text.replace(REFERENCE_MARKS, '') : text;
}
