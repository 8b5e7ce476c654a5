/** One reference mark copied from an encyclopaedia: `[63]`, `[citation needed]`, `[note 2]`. */
export const REFERENCE_MARK = String.raw`\[(?:\d+|[Cc]itation needed|[Nn]ote \d+)\]`;

/** The marks with the spaces before them (`Baku [12] and` keeps one space). */
const REFERENCE_MARKS = new RegExp(`[ \\t]*${REFERENCE_MARK}`, 'g');

/** The text without its reference marks, which mean nothing to a reader away from the article's notes. */
export function withoutReferenceMarks(text: string): string {
  return text.replace(REFERENCE_MARKS, '');
}
