import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlMarkup } from '../../src/digest/markup.js';
import { findTopicPage, renderTopicPage } from '../../src/digest/topic.js';
import { parseDocument } from '../../src/ingest/parse-document.js';
import { openDatabase } from '../../src/store/database.js';
import type { SearchTuning } from '../../src/store/event-search.js';
import { createEventStore } from '../../src/store/event-store.js';
import { useTempDir } from '../support/temp-dir.js';

const newTempDir = useTempDir();

// In 9 events: "the" 9, "a" 8, "ministry", "issued" and "statement" 7, "on" 6: frequent (at least 5 of 9).
// "harbour" 4: rare enough to rank by.
const HARBOUR = [
  '01.03.24: The ministry issued a statement on the harbour.',
  '02.03.24: The ministry issued a statement on the railway.',
  '03.03.24: The ministry issued a statement about the harbour, the harbour police and the harbour fees.',
  '04.03.24: The ministry issued a statement on schools.',
  '05.03.24: The ministry issued a statement on hospitals.',
  '06.03.24: A storm closed the port.',
  '07.03.24: The ministry issued a statement on the harbour budget.',
  '08.03.24: The ministry issued a statement on roads.',
  '09.03.24: Fishermen repaired the harbour wall.',
].join('\n');

const SMALL: SearchTuning = { window: 100, frequentWordShare: 0.5, frequentWordEvents: 3, rankingBudgetEvents: Infinity };

function storeWith(text: string, tuning: SearchTuning) {
  const db = openDatabase(join(newTempDir(), 'events.db'));
  const store = createEventStore(db, tuning);
  const add = (source: string, body: string) => store.replaceDocument({
    source, path: `/corpus/${source}`, sha256: body, bytes: body.length, documentDate: undefined, documentDateMethod: undefined,
    events: parseDocument(source, body).events,
  });
  add('harbour.txt', text);
  return { db, store, add };
}

const dates = (hits: readonly { date: string }[]) => hits.map((hit) => hit.date.slice(-2));

describe('Ranking when some words are in a large share of all events', () => {
  it('ranks by every word until the word frequencies are counted', () => {
    const { db, store } = storeWith(HARBOUR, SMALL);
    expect(store.searchEvents('ministry statement', 10)).toMatchObject({ total: 7, capped: false, order: 'relevance' });
    db.close();
  });

  it('counts the frequent terms, and counts again once more than 5% of the events were added or removed', () => {
    const { db, store, add } = storeWith(HARBOUR, SMALL);
    expect(store.refreshSearchIndexIfStale()).toBe(true);
    expect(store.refreshSearchIndexIfStale()).toBe(false);
    const counted = db.prepare('SELECT term, events FROM word_frequencies ORDER BY term').all();
    expect(counted).toEqual(expect.arrayContaining([{ term: 'statement', events: 7 }, { term: 'the', events: 9 }]));
    expect(counted).not.toContainEqual(expect.objectContaining({ term: 'harbour' }));
    // The same number of events, other words: one event replaced by another is a change of two.
    add('harbour.txt', HARBOUR.replace('Fishermen repaired the harbour wall.', 'Fishermen mended nets.'));
    expect(store.refreshSearchIndexIfStale()).toBe(true);
    expect(db.prepare('SELECT events, events_changed FROM word_frequencies_counted').get()).toEqual({ events: 9, events_changed: 0 });
    db.close();
  });

  it('counts every word of the index (not numbers), for suggestions, also in an archive too small for frequent words', () => {
    const { db, store } = storeWith(HARBOUR, { ...SMALL, frequentWordEvents: 100 });
    store.replaceDocument({ source: 'n.txt', path: '/corpus/n.txt', sha256: 'n', bytes: 1, documentDate: undefined, documentDateMethod: undefined,
      events: parseDocument('n.txt', '10.03.24: Flight 8243 landed in the harbour.').events });
    store.refreshSearchIndexIfStale();
    const terms = db.prepare('SELECT term, events FROM index_terms').all() as { term: string; events: number }[];
    expect(terms).toContainEqual({ term: 'harbour', events: 5 });
    expect(terms.some(({ term }) => /\d/.test(term))).toBe(false);
    expect(db.prepare('SELECT count(*) FROM word_frequencies').pluck().get()).toBe(0);
    expect(store.explainNoMatches('harbor wall')).toEqual({ unmatched: ['harbor'], suggestion: 'harbour wall' });
    // Only a suggestion that finds something is made.
    expect(store.explainNoMatches('harbor storm')).toEqual({ unmatched: ['harbor'] });
    expect(store.explainNoMatches('Harbour fog')).toEqual({ unmatched: ['fog'] });
    expect(store.explainNoMatches('storm fishermen')).toEqual({ unmatched: [] });
    // A guess must be near the word as typed, not only as stemmed: "fake" is not "Facing" (both "face" to the index).
    store.replaceDocument({ source: 'f.txt', path: '/corpus/f.txt', sha256: 'f', bytes: 1, documentDate: undefined, documentDateMethod: undefined,
      events: parseDocument('f.txt', '11.03.24: Facing the storm, the minister who resigned spoke.').events });
    store.refreshSearchIndexIfStale();
    expect(store.explainNoMatches('fake storm')).toEqual({ unmatched: ['fake'] });
    // Capitals that fold into a common word: what no event writes is the capitals.
    expect(store.explainNoMatches('WHO storm')).toEqual({ unmatched: ['WHO'] });
    // Capitals some event writes are not what is missing: the words are only not together.
    store.replaceDocument({ source: 'w.txt', path: '/corpus/w.txt', sha256: 'w', bytes: 1, documentDate: undefined, documentDateMethod: undefined,
      events: parseDocument('w.txt', '12.03.24: The WHO praised the port.').events });
    store.refreshSearchIndexIfStale();
    expect(store.explainNoMatches('WHO storm')).toEqual({ unmatched: [] });
    // Words are named and kept as typed, whatever their alternatives or their length lower-cased.
    expect(store.explainNoMatches('İlham harbor')).toEqual({ unmatched: ['İlham', 'harbor'] });
    expect(store.explainNoMatches('U.S. harbor wall')).toEqual({ unmatched: ['U.S', 'harbor'] });
    expect(store.explainNoMatches('Fishermen’s harbor')).toEqual({ unmatched: ['harbor'], suggestion: 'Fishermen’s harbour' });
    // The nearest word of the index (`electron`, written `electronic`) is too far as written: the next one is taken.
    store.replaceDocument({ source: 'e.txt', path: '/corpus/e.txt', sha256: 'e', bytes: 1, documentDate: undefined, documentDateMethod: undefined,
      events: parseDocument('e.txt', '13.03.24: An electronic gate opened.\n14.03.24: Elections were held.').events });
    store.refreshSearchIndexIfStale();
    expect(store.explainNoMatches('electons')).toEqual({ unmatched: ['electons'], suggestion: 'elections' });
    db.close();
  });

  it('merges the full-text index into one segment when it counts', () => {
    const { db, store, add } = storeWith(HARBOUR, SMALL);
    for (const day of ['10', '11', '12']) add(`${day}.txt`, `${day}.03.24: Tugs towed a ship.`);
    const segments = () => db.prepare('SELECT count(DISTINCT segid) FROM events_fts_idx').pluck().get();
    expect(segments()).toBeGreaterThan(1);
    store.refreshSearchIndexIfStale();
    expect(segments()).toBe(1);
    expect(store.searchEvents('harbour', 10).total).toBe(4);
    db.close();
  });

  it('does not count again for a change of 5% or less', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `${String(1 + (i % 28)).padStart(2, '0')}.0${1 + Math.floor(i / 28)}.23: Entry number ${i} was filed.`).join('\n');
    const { db, store, add } = storeWith(filler, SMALL);
    expect(store.refreshSearchIndexIfStale()).toBe(true);
    add('one.txt', '01.05.23: One more entry.');
    add('two.txt', '02.05.23: Two more entries.');
    expect(store.refreshSearchIndexIfStale()).toBe(false);
    add('three.txt', '03.05.23: Three more entries.');
    expect(store.refreshSearchIndexIfStale()).toBe(true);
    db.close();
  });

  it('filters by the frequent words and ranks by the rarer ones', () => {
    const { db, store } = storeWith(HARBOUR, SMALL);
    store.refreshSearchIndexIfStale();
    const result = store.searchEvents('ministry harbour', 10);
    expect(result).toMatchObject({ total: 3, capped: false, order: 'relevance' });
    // The event with the harbour three times first; the fishermen's harbour lacks the ministry.
    expect(dates(result.hits)).toEqual(['03', '01', '07']);
    expect(result.hits[0]?.snippet).toContain('\u0001ministry\u0002');
    expect(dates(store.searchEvents('ministry harbour', 1, 1).hits)).toEqual(['01']);
    expect(dates(store.searchEvents('harbour', 10).hits)[0]).toBe('03');
    db.close();
  });

  it('gives a frequent word no weight: repeating it does not lift an event', () => {
    const ports = [
      '01.04.24: Harbour dues rose.',
      '02.04.24: Port fees, port rules, port berths and port cranes changed.',
      '03.04.24: The port reopened.',
      ...['Rain fell.', 'Snow fell.', 'Wind blew.', 'Fog lifted.', 'Ice melted.', 'Sun shone.'].map((text, i) => `0${4 + i}.04.24: ${text}`),
      '10.04.24: Harbour fees fell at the port.',
    ].join('\n');
    // "port" is in 3 of 10 events, "fees" in 2: with 30% as frequent, only "fees" ranks.
    const tuning = { window: 100, frequentWordShare: 0.3, frequentWordEvents: 3, rankingBudgetEvents: Infinity };
    const exact = storeWith(ports, tuning);
    expect(dates(exact.store.searchEvents('port fees', 10).hits)).toEqual(['02', '10']);
    exact.db.close();
    const { db, store } = storeWith(ports, tuning);
    store.refreshSearchIndexIfStale();
    expect(store.searchEvents('port fees', 10)).toMatchObject({ total: 2, order: 'relevance' });
    expect(dates(store.searchEvents('port fees', 10).hits)).toEqual(['10', '02']);
    db.close();
  });

  it('ranks by the rarest words whose events add up to the ranking budget, and lists the newest first when not even one fits', () => {
    const text = [
      '01.09.24: Harbour fees rose.',
      '02.09.24: The harbour board said the harbour and the harbour cranes raised fees.',
      '03.09.24: Fees, fees and more fees: the harbour was busy.',
      '04.09.24: The harbour closed.',
      ...['Rain fell.', 'Snow fell.', 'Wind blew.', 'Fog lifted.', 'Ice melted.', 'Sun shone.'].map((weather, i) => `${String(5 + i).padStart(2, '0')}.09.24: ${weather}`),
    ].join('\n');
    // "fees" is in 3 events, "harbour" in 4; neither is frequent.
    const searched = (budget: number) => {
      const { db, store } = storeWith(text, { window: 100, frequentWordShare: 0.9, frequentWordEvents: 3, rankingBudgetEvents: budget });
      store.refreshSearchIndexIfStale();
      const result = store.searchEvents('harbour fees', 10);
      db.close();
      return { order: result.order, dates: dates(result.hits) };
    };
    expect(searched(Infinity)).toEqual({ order: 'relevance', dates: ['01', '03', '02'] });
    // Only "fees" fits in 3: the event saying fees three times leads.
    expect(searched(3)).toEqual({ order: 'relevance', dates: ['03', '01', '02'] });
    expect(searched(2)).toEqual({ order: 'newest', dates: ['03', '02', '01'] });
  });

  it('counts a phrase\'s frequent word toward the budget without forbidding the phrase to rank (US is "us" or "u s")', () => {
    const text = ['01.08.24: The US imposed sanctions.', '02.08.24: The U.S. embassy closed.', "03.08.24: Baku's port opened.",
      "04.08.24: Iran's envoy left.", "05.08.24: Russia's ship docked.", "06.08.24: The mayor's office shut."].join('\n');
    const { db, store } = storeWith(text, { ...SMALL, rankingBudgetEvents: 100 });
    store.refreshSearchIndexIfStale();
    expect(db.prepare('SELECT term FROM word_frequencies').pluck().all()).toContain('s');
    expect(store.searchEvents('US', 10)).toMatchObject({ total: 2, order: 'relevance' });
    db.close();
  });

  it('lists the newest first when every word is frequent, recognising a word by its stem', () => {
    const { db, store } = storeWith(HARBOUR, SMALL);
    expect(store.searchEvents('ministry statement', 3).order).toBe('relevance');
    store.refreshSearchIndexIfStale();
    const result = store.searchEvents('Ministry STATEMENTS', 3);
    expect(result).toMatchObject({ total: 7, capped: false, order: 'newest' });
    expect(dates(result.hits)).toEqual(['08', '07', '05']);
    expect(dates(store.searchEvents('ministry statements', 3, 3).hits)).toEqual(['04', '03', '02']);
    db.close();
  });

  it('finds a place\'s adjective, and lets a place word only filter when one of its forms is frequent', () => {
    const text = [
      '01.06.24: The Iranian ambassador met the minister.',
      '02.06.24: Iran signed a trade deal with the ministry.',
      '03.06.24: Iran praised goods.',
      '04.06.24: Iran, Iran and Iran again.',
      '05.06.24: The ministry welcomed an Iranian delegation.',
      '06.06.24: Rain fell.',
    ].join('\n');
    const exact = storeWith(text, SMALL);
    expect(dates(exact.store.searchEvents('Iran', 10).hits).sort()).toEqual(['01', '02', '03', '04', '05']);
    expect(exact.store.searchEvents('Iranians', 10).total).toBe(5);
    exact.db.close();
    // "iran" is in 3 of 6 events: frequent, so "iran" or "iranian" filters and "ministry" ranks alone.
    const { db, store } = storeWith(text, SMALL);
    store.refreshSearchIndexIfStale();
    expect(db.prepare('SELECT term FROM word_frequencies').pluck().all()).toEqual(['iran', 'the']);
    expect(store.searchEvents('ministry Iran', 10)).toMatchObject({ total: 2, order: 'relevance' });
    expect(store.searchEvents('Iran', 10)).toMatchObject({ total: 5, order: 'newest' });
    db.close();
  });

  it('counts a place word as frequent when its forms together are, though neither is alone', () => {
    const text = [
      '01.07.24: Iran signed a deal.', '02.07.24: Iran held talks.', '03.07.24: The Iranian envoy left.',
      '04.07.24: An Iranian ship docked.', '05.07.24: Rain fell.', '06.07.24: Snow fell.',
    ].join('\n');
    const { db, store } = storeWith(text, SMALL);
    store.refreshSearchIndexIfStale();
    // "iran" and "iranian" are in 2 of 6 events each, under the 3 that make a word frequent; together in 4.
    expect(db.prepare('SELECT term FROM word_frequencies').pluck().all()).toEqual([]);
    expect(store.searchEvents('Iran', 10)).toMatchObject({ total: 4, order: 'newest' });
    expect(store.searchEvents('envoy Iran', 10)).toMatchObject({ total: 1, order: 'relevance' });
    db.close();
  });

  it('a topic filter of capitals that fold into a common word (US) matches them written so, not "use"', () => {
    const text = ['01.08.24: The US imposed sanctions.', '02.08.24: Officials use force.', '03.08.24: The U.S. embassy closed.', '04.08.24: Planes landed.'].join('\n');
    const { db, store } = storeWith(text, SMALL);
    expect(store.countEventsMatchingTopic('US', 100)).toBe(2);
    expect(store.countEventsMatchingTopic('US, planes', 100)).toBe(3);
    expect(dates(store.filterEventsMatchingTopic(store.listEventsBetween('2024-08-01', '2024-08-04', 10), 'US'))).toEqual(['01', '03']);
    // Typed in lower case, it is the word: "US" and "use" (stemmed alike), not "U.S.".
    expect(store.countEventsMatchingTopic('us', 100)).toBe(2);
    // However many events use the word, the one that writes US counts.
    const many = storeWith([...Array.from({ length: 30 }, (_, i) => `${String(1 + (i % 28)).padStart(2, '0')}.09.24: Crews will use new gear ${i}.`), '29.09.24: The US embassy opened.'].join('\n'), SMALL);
    expect(many.store.countEventsMatchingTopic('US', 1)).toBe(1);
    expect(many.store.explainNoMatches('US gear')).toEqual({ unmatched: [] });
    many.db.close();
    db.close();
  });

  it('searches only the newest matches of a query that has more than the window holds', () => {
    const { db, store } = storeWith(HARBOUR, { ...SMALL, window: 5 });
    store.refreshSearchIndexIfStale();
    // One word: a window of 5, the last five events ingested, newest first.
    expect(store.searchEvents('the', 10)).toMatchObject({ total: 5, capped: true, order: 'newest' });
    expect(dates(store.searchEvents('the', 10).hits)).toEqual(['09', '08', '07', '06', '05']);
    // Two words: a window of 2, ranked by the rarer word.
    const ranked = store.searchEvents('ministry harbour', 10);
    expect(ranked).toMatchObject({ total: 2, capped: true, order: 'relevance' });
    expect(dates(ranked.hits)).toEqual(['03', '07']);
    expect(store.searchEventsByDate('ministry harbour', 10)).toMatchObject({ total: 2, capped: true, order: 'date' });
    db.close();
  });

  it('tells the reader when the matches come newest first, and when only the newest were searched', () => {
    const { db, store } = storeWith(HARBOUR, { ...SMALL, window: 5 });
    store.refreshSearchIndexIfStale();
    const [newest] = renderTopicPage(findTopicPage(store, 'the', 0, 'rank'), htmlMarkup);
    expect(newest).toContain('More than 5 matches; the 5 added last are shown · page 1 of 1\nNewest first: these words are in too many events to rank by.');
    const [ranked] = renderTopicPage(findTopicPage(store, 'ministry harbour', 0, 'rank'), htmlMarkup);
    expect(ranked).toContain('More than 2 matches; the 2 added last are ranked · page 1 of 1');
    expect(ranked).not.toContain('Newest first');
    db.close();
  });
});
