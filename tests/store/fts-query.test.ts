import { describe, expect, it } from 'vitest';
import { QueryError, acronymsLikeWordsIn, filterAlternatives, parseQuery, queryTerms, toFtsFilterQuery, toFtsQuery } from '../../src/store/fts-query.js';

describe('queryTerms', () => {
  it('takes words as typed, without edge punctuation or a possessive', () => {
    expect(queryTerms('Ilham Aliyev’s')).toEqual([['ilham'], ['aliyev']]);
    expect(queryTerms("(Aliyev's), \"Baku\"!")).toEqual([['aliyev'], ['baku']]);
  });

  it('keeps a word joined by punctuation together as a phrase', () => {
    expect(queryTerms('Azerbaijan–Pakistan COVID-19 O’Brien')).toEqual([['azerbaijan pakistan'], ['covid 19'], ['o brien']]);
  });

  it('finds a dotted abbreviation written either way', () => {
    expect(queryTerms('U.S. embassy')).toEqual([['us', 'u s', 'united states'], ['embassy']]);
    expect(toFtsQuery('U.S. embassy')).toBe('("us" OR "u s" OR "united states") AND "embassy"');
    expect(queryTerms('the U.S.’s ALIYEV\'S')).toEqual([['us', 'u s', 'united states'], ['aliyev']]);
    // Capitals that fold into a common word (US) are looked for dotted too, and a search keeps only
    // the events that write them in capitals (see the event store's tests). Other capitals are not
    // an abbreviation: PM would find every "7 p.m.".
    expect(queryTerms('PM US')).toEqual([['pm'], ['us', 'u s', 'united states']]);
    // Small letters: `us` and `u.s.` are the country (no one searches for the pronoun); `it` is the word.
    expect(queryTerms('us')).toEqual([['us', 'u s', 'united states']]);
    expect(queryTerms('news about the u.s.')).toEqual([['us', 'u s', 'united states']]);
    expect(queryTerms('it')).toEqual([['it']]);
    // The pronoun and other dotted small letters stay words.
    expect(queryTerms('tell us about Baku')).toEqual([['us'], ['baku']]);
    expect(acronymsLikeWordsIn('tell us about Baku')).toEqual([]);
    expect(acronymsLikeWordsIn('8 a.m.')).toEqual([]);
    expect(queryTerms('8 a.m.')).toEqual([['8'], ['am', 'a m']]);
  });

  it('finds an acronym by its name and the name by its acronym', () => {
    expect(queryTerms('EU sanctions')).toEqual([['eu', 'e u', 'european union'], ['sanctions']]);
    expect(queryTerms('the European Union’s sanctions')).toEqual([['european union', 'eu'], ['sanctions']]);
    expect(queryTerms('NATO summit')).toEqual([['nato', 'north atlantic treaty organization', 'north atlantic treaty organisation'], ['summit']]);
    expect(toFtsQuery('U.K.')).toBe('("uk" OR "u k" OR "united kingdom")');
    // `US` is the United States too, but the name typed in full does not look for `us`, which the index cannot tell from `use`.
    expect(queryTerms('US')).toEqual([['us', 'u s', 'united states']]);
    expect(queryTerms('United States')).toEqual([['united'], ['states']]);
    expect(queryTerms('union of writers')).toEqual([['union'], ['writers']]);
  });

  it('finds a place by its adjective and the adjective by its place, with or without diacritics', () => {
    expect(queryTerms('Iran')).toEqual([['iran', 'iranian']]);
    expect(queryTerms('Iranians’ protest')).toEqual([['iran', 'iranian'], ['protest']]);
    expect(queryTerms('Armenian Turkiye')).toEqual([['armenia', 'armenian'], ['turkey', 'turkiye', 'turkish']]);
    expect(toFtsQuery('Türkiye')).toBe('("turkey" OR "turkiye" OR "turkish")');
    // Adjectives that are common words too are left alone.
    expect(queryTerms('Polish Chad English')).toEqual([['polish'], ['chad'], ['english']]);
  });

  it('leaves out the words of a question, unless nothing else is left or they are typed as an acronym', () => {
    expect(queryTerms('news about Iran')).toEqual([['iran', 'iranian']]);
    expect(queryTerms('What happened in Baku?')).toEqual([['baku']]);
    expect(queryTerms('how many political prisoners?')).toEqual([['political'], ['prisoners']]);
    expect(queryTerms('Aliyev Said Nuriyev said')).toEqual([['aliyev'], ['said'], ['nuriyev']]);
    expect(queryTerms('can I get news about Iran')).toEqual([['iran', 'iranian']]);
    expect(queryTerms('What Happened In Baku?')).toEqual([['baku']]);
    expect(queryTerms('I want the latest news about PACE')).toEqual([['pace']]);
    expect(queryTerms('the who')).toEqual([['the'], ['who']]);
    expect(queryTerms('WHO in Baku')).toEqual([['who', 'w h o'], ['baku']]);
  });

  it('keeps a letter with a combining mark whole (İ lower-cased is i and a dot above), and drops a lone possessive', () => {
    expect(queryTerms('İlham ’s \'S')).toEqual([['i̇lham']]);
  });

  it('never lets FTS5 syntax through', () => {
    expect(toFtsQuery('NEAR(budget schools) -x "y* or')).toBe('"near budget" AND "schools" AND "x" AND "y" AND "or"');
    expect(() => parseQuery('*** --- "')).toThrowError(QueryError);
    expect(() => parseQuery(Array.from({ length: 13 }, (_, i) => `w${i}`).join(' '))).toThrowError(/13 words; at most 12 can be searched/);
  });
});

describe('topic filters', () => {
  it('separates alternatives by commas; each matches when all its words occur', () => {
    expect(filterAlternatives(' Courts and arrests,aviation, , Aliyev’s ')).toEqual(['courts and arrests', 'aviation', 'aliyev']);
    // Capitals that fold into a common word stay capitals, to be found written so.
    expect(filterAlternatives('US sanctions, Aviation, us')).toEqual(['US sanctions', 'aviation', 'us']);
    expect(toFtsFilterQuery('courts and arrests, aviation')).toBe('("courts" AND "arrests") OR ("aviation")');
    expect(() => toFtsFilterQuery(' , ; ')).toThrowError(QueryError);
  });
});
