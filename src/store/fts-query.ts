import { placeWordsOf } from './place-adjectives.js';

/** At most this many words go into one full-text query. */
export const MAX_QUERY_WORDS = 12;

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/**
 * One searched word: the phrases any of which must occur, each a run of index tokens separated by
 * spaces. Usually one token; `azerbaijan–pakistan` is the phrase `azerbaijan pakistan`, `U.S.` is
 * `us` or `u s`, and `Iran` is `iran` or `iranian`.
 */
export type QueryTerm = readonly string[];

// Combining marks belong to their word: lower-cased, `İlham` is `i` + U+0307 + `lham`, one word to the index.
const TOKENS = /[\p{L}\p{N}\p{M}]+/gu;
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu;
const POSSESSIVE = /(?<=[\p{L}\p{N}\p{M}.])['’ʼ]s$/iu;
const LONE_POSSESSIVE = /^['’ʼ]s$/iu;
const DOTTED_LETTERS = /^(\p{L}\.)+\p{L}?$/u;

/** The user's words as typed, minus edge punctuation and possessive `'s`: `Aliyev's,` is `Aliyev`. */
function typedQueryWords(userText: string): string[] {
  return userText.normalize('NFC').split(/[\s,;/]+/)
    .filter((chunk) => !LONE_POSSESSIVE.test(chunk))
    .map((chunk) => chunk.replace(EDGES, '').replace(POSSESSIVE, ''))
    .filter((chunk) => /[\p{L}\p{N}]/u.test(chunk));
}

/** The user's words as typed, minus edge punctuation and possessive `'s`, lower-cased: `Aliyev's,` is `aliyev`. */
export function cleanQueryWords(userText: string): string[] {
  return typedQueryWords(userText).map((word) => word.toLowerCase());
}

function termOf(word: string): QueryTerm {
  const tokens = word.match(TOKENS) ?? [];
  if (tokens.length === 1) return tokens;
  if (DOTTED_LETTERS.test(word)) return [tokens.join(''), tokens.join(' ')];
  return [tokens.join(' ')];
}

/**
 * Words of a question that say nothing about what is asked for (`news about Iran`, `what happened
 * in Baku?`): left out of a query that has other words, since every word must occur.
 */
const QUESTION_WORDS = new Set([
  'what', 'which', 'when', 'where', 'who', 'whom', 'why', 'how', 'about', 'news', 'happened', 'happen', 'happens', 'happening',
  'anything', 'something', 'tell', 'me', 'show', 'find', 'search', 'any', 'please', 'is', 'are', 'was', 'were', 'did', 'does',
  'do', 'there', 'the', 'a', 'an', 'of', 'on', 'in', 'at', 'to', 'for', 'and', 'with', 'say', 'says', 'said', 'latest', 'recent',
  'event', 'events', 'how', 'many', 'much', 'i', 'want', 'know', 'you', 'can', 'could', 'would', 'give', 'list', 'some', 'get',
]);

/**
 * The search terms of a user's text. Only letters and digits reach the index, so no character of
 * the text is FTS5 syntax.
 */
export function queryTerms(userText: string): QueryTerm[] {
  return searchedWords(userText).map(({ term }) => term);
}

/** Whether the text holds a word to search for besides the words of a question (`of`, `news about`: no). */
export function holdsSearchWords(userText: string): boolean {
  const acronyms = new Set(acronymsLikeWordsIn(userText).map((chunk) => chunk.replace(/\./g, '').toLowerCase()));
  return cleanQueryWords(userText).some((word) => acronyms.has(word) || !QUESTION_WORDS.has(word));
}

/** Each search term of a user's text (as `queryTerms`) with the word it was typed as. */
export function searchedWords(userText: string): { typed: string; term: QueryTerm }[] {
  const acronyms = new Set(acronymsLikeWordsIn(userText).map((chunk) => chunk.replace(/\./g, '').toLowerCase()));
  const words = typedQueryWords(userText).map((typed) => ({ typed, word: typed.toLowerCase() }));
  // A question word written with a capital before a capitalised name, after the first word and in a
  // query not written in capitals throughout, is a name (`Aliyev and Said Nuriyev`); `I` never is.
  const capitalised = (typed: string): boolean => /^\p{Lu}/u.test(typed);
  const titleCase = words.every(({ typed }) => capitalised(typed));
  const isName = (index: number): boolean => {
    const { typed, word } = words[index] ?? { typed: '', word: '' };
    const next = words[index + 1];
    return index > 0 && word !== 'i' && !titleCase && capitalised(typed) && next !== undefined && capitalised(next.typed) && !QUESTION_WORDS.has(next.word);
  };
  const meaningful = words.filter(({ word }, index) => acronyms.has(word) || !QUESTION_WORDS.has(word) || isName(index));
  // `US` typed in capitals is also `U.S.` (the index reads that as `u s`) and `United States`; `Iran` is also `Iranian`.
  return joinNamesOfAcronyms(meaningful.length > 0 ? meaningful : words).map(({ typed, word }) => {
    const undotted = word.replace(/\./g, '');
    return { typed, term: acronyms.has(undotted) ? [undotted, [...undotted].join(' '), ...namesOf(undotted)] : acronymTermOf(word) ?? placeWordsOf(word) ?? termOf(word) };
  });
}

/**
 * Acronyms and the names news also writes in full: a reader searching for `EU` means the European
 * Union however a text names it. Typed in full, the name finds the acronym too, except `US`, which
 * the index cannot tell from `use`.
 */
const NAMES_OF_ACRONYMS = new Map<string, readonly string[]>([
  ['us', ['united states']], ['usa', ['united states']], ['uk', ['united kingdom']], ['eu', ['european union']],
  ['un', ['united nations']], ['uae', ['united arab emirates']], ['ussr', ['soviet union']],
  ['nato', ['north atlantic treaty organization', 'north atlantic treaty organisation']],
]);
const ACRONYM_OF_NAME = new Map([...NAMES_OF_ACRONYMS].filter(([acronym]) => acronym !== 'us' && acronym !== 'usa')
  .flatMap(([acronym, names]) => names.map((name) => [name, acronym] as const)));

const namesOf = (acronym: string): readonly string[] => NAMES_OF_ACRONYMS.get(acronym) ?? [];

/** `EU` or `E.U.`: the acronym, dotted or not, and its names; `european union` (joined): the name and `eu`. */
function acronymTermOf(word: string): QueryTerm | undefined {
  const acronym = word.replace(/\./g, '');
  if (ACRONYMS_LIKE_WORDS.has(acronym)) return undefined;
  const names = NAMES_OF_ACRONYMS.get(acronym);
  // Dotted, as `U.K.` and `E.U.` are written; a longer acronym seldom is.
  if (names) return [acronym, ...(acronym.length <= 3 ? [[...acronym].join(' ')] : []), ...names];
  const named = ACRONYM_OF_NAME.get(word);
  return named ? [word, named] : undefined;
}

/** The query's words with a name of an acronym typed in full (`European Union`) made one word. */
function joinNamesOfAcronyms<T extends { typed: string; word: string }>(words: readonly T[]): T[] {
  const joined: T[] = [];
  for (let index = 0; index < words.length; index++) {
    const name = [...ACRONYM_OF_NAME.keys()].find((candidate) => {
      const parts = candidate.split(' ');
      return parts.every((part, offset) => words[index + offset]?.word === part);
    });
    const word = words[index] as T;
    if (!name) { joined.push(word); continue; }
    const length = name.split(' ').length;
    joined.push({ ...word, typed: words.slice(index, index + length).map((part) => part.typed).join(' '), word: name });
    index += length - 1;
  }
  return joined;
}

/**
 * Capitals that the index cannot tell from common English words, because it folds case and stems
 * (`US` and `use` are both `us`; `IT` is `it`; `WHO` is `who`).
 */
const ACRONYMS_LIKE_WORDS = new Set(['us', 'it', 'who', 'is', 'am', 'as', 'an', 'me', 'no', 'or', 'in', 'on', 'at', 'be', 'do', 'so', 'we', 'he', 'up']);

/**
 * The chunks of the user's text typed as capitals (dotted or not) that read as a common word once
 * folded, in capitals. `u.s.` is the country typed lazily, and so is `us` alone or after `the` or
 * `about` (`news about the us`); `tell us` and `8 a.m.` keep their small letters.
 */
export function acronymsLikeWordsIn(userText: string): string[] {
  const chunks = userText.normalize('NFC').split(/[\s,;/]+/)
    .map((chunk) => chunk.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '').replace(/['’ʼ]s$/u, ''));
  const lazyCountry = (chunk: string, index: number): boolean => /^u\.s\.?$/.test(chunk)
    || (chunk === 'us' && (chunks.filter((other) => other !== '').length === 1 || /^(?:the|about)$/i.test(chunks[index - 1] ?? '')));
  return chunks
    .filter((chunk, index) => (/^(?:\p{Lu}\.?){2,3}$/u.test(chunk) || lazyCountry(chunk, index))
      && ACRONYMS_LIKE_WORDS.has(chunk.replace(/\./g, '').toLowerCase()))
    .map((chunk) => chunk.toUpperCase());
}

/**
 * Words typed in capitals that fold into a common word (`US`, `U.S.`, `IT`), as patterns to find them
 * written so in a text: the index stems `us` and `use` alike, so `US` must be checked in the text.
 */
export function writtenAcronymsIn(userText: string): RegExp[] {
  return acronymsLikeWordsIn(userText).map((chunk) => {
    const acronym = chunk.replace(/\./g, '');
    // Its names, capitalised as written in news: `United States`.
    const names = namesOf(acronym.toLowerCase()).map((name) => name.replace(/(^| )(\p{L})/gu, (_, space: string, letter: string) => `${space}${letter.toUpperCase()}`).replace(/ /g, '\\s+'));
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${[[...acronym].join('\\.?') + '\\.?', ...names].join('|')})(?![\\p{L}\\p{N}])`, 'u');
  });
}

/**
 * An FTS5 MATCH expression in which every phrase is a quoted string, so `NEAR`, `*`, `-`, `"` and
 * `OR` are taken literally. All terms must occur (AND).
 */
export function ftsExpression(terms: readonly QueryTerm[]): string {
  const phrase = (tokens: string): string => `"${tokens.replace(/"/g, '""')}"`;
  return terms.map((term) => (term.length === 1 ? phrase(term[0] ?? '') : `(${term.map(phrase).join(' OR ')})`)).join(' AND ');
}

/** The terms of a user's query, refused when there are none or too many. */
export function parseQuery(userText: string): QueryTerm[] {
  const terms = queryTerms(userText);
  if (terms.length === 0) throw new QueryError('the query has no letters or digits to search for');
  if (terms.length > MAX_QUERY_WORDS) throw new QueryError(`the query has ${terms.length} words; at most ${MAX_QUERY_WORDS} can be searched, so leave some out`);
  return terms;
}

export function toFtsQuery(userText: string): string {
  return ftsExpression(parseQuery(userText));
}

/**
 * A topic filter's alternatives, separated by commas: `courts and arrests, aviation` matches an
 * event holding all of "courts", "and", "arrests", or holding "aviation". Lower-cased, except
 * capitals that fold into a common word (`US`), which must be found written so.
 */
export function filterAlternatives(filter: string): string[] {
  return filter.split(',').map((item) => {
    const acronyms = new Set(acronymsLikeWordsIn(item).map((acronym) => acronym.replace(/\./g, '')));
    return typedQueryWords(item).map((word) => (acronyms.has(word.replace(/\./g, '')) ? word : word.toLowerCase())).join(' ');
  }).filter((item) => item.length > 0);
}

export function toFtsFilterQuery(filter: string): string {
  const alternatives = filterAlternatives(filter);
  if (alternatives.length === 0) throw new QueryError('the topic filter has no letters or digits');
  return alternatives.map((item) => `(${toFtsQuery(item)})`).join(' OR ');
}
