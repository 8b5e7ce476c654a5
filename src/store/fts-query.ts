/** At most this many words go into one full-text query. */
export const MAX_QUERY_WORDS = 12;

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/** The words of a user's query: letters and digits only, so no character of it is FTS5 syntax. */
export function queryWords(userText: string): string[] {
  return (userText.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.toLowerCase());
}

/**
 * Turns a user's words into an FTS5 MATCH expression in which every word is a quoted string,
 * so `NEAR`, `*`, `-`, `"` and `OR` are taken literally. All words must occur (AND).
 */
export function toFtsQuery(userText: string): string {
  const words = queryWords(userText);
  if (words.length === 0) throw new QueryError('the query has no letters or digits to search for');
  if (words.length > MAX_QUERY_WORDS) throw new QueryError(`the query has ${words.length} words; at most ${MAX_QUERY_WORDS} are searched`);
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
}

/** The same words joined by OR: an event matches when any of them occurs. */
export function toFtsAnyQuery(userText: string): string {
  return toFtsQuery(userText).split(' ').join(' OR ');
}
