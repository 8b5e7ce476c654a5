/** Reference marks copied from an encyclopaedia: `1991.[63]`, `[citation needed]`, `[note 2]`. */
const REFERENCE_MARKS = /\[(?:\d+|citation needed|note \d+)\]/gi;

/** The text without its reference marks, which mean nothing to a reader away from the article's notes. */
export function withoutReferenceMarks(text: string): string {
  return text.replace(REFERENCE_MARKS, '');
}
