import { describe, expect, it } from 'vitest';
import { plainMarkup } from '../../src/digest/markup.js';
import { chooseHighlights, renderWeekEventsPage, renderWeekSummary, summariseWeek } from '../../src/digest/week.js';
import { parseDocument } from '../../src/ingest/parse-document.js';
import { openDatabase } from '../../src/store/database.js';
import { type StoredEvent, createEventStore } from '../../src/store/event-store.js';

function storeWith(documents: Record<string, string>) {
  const db = openDatabase(':memory:');
  const store = createEventStore(db);
  for (const [source, text] of Object.entries(documents)) {
    store.replaceDocument({ source, path: `/corpus/${source}`, sha256: text, bytes: text.length, documentDate: undefined, documentDateMethod: undefined, events: parseDocument(source, text).events });
  }
  return { db, store };
}

describe('the week’s summary', () => {
  it('names both years of a week across the new year', () => {
    const { db, store } = storeWith({ 'a.txt': 'A\n\n31.12.24: The old year ended.\n02.01.25: The new year began.' });
    const [header] = renderWeekSummary(summariseWeek(store, { year: 2025, month: 1, day: 1 }), plainMarkup);
    expect(header).toMatch(/^The week of 30 December 2024 – 5 January 2025\n2 events/);
    db.close();
  });

  it('holds the news of its days: an earlier happening reported that week comes on its reported day, saying so', () => {
    const { db, store } = storeWith({ 'a.txt': 'A\n\n06.01.25: The talks opened.\n08.01.25: On July 1, 2024, the agency was closed, the ministry said.\n10.01.25: The talks ended.' });
    const summary = summariseWeek(store, { year: 2025, month: 1, day: 8 });
    expect(summary.events.map((e) => [e.date, e.reportedDate ?? null])).toEqual([['2025-01-06', null], ['2024-07-01', '2025-01-08'], ['2025-01-10', null]]);
    expect(renderWeekSummary(summary, plainMarkup).join('\n')).toContain('1 July 2024 · reported 8 January 2025\nOn July 1, 2024, the agency was closed');
    expect(summariseWeek(store, { year: 2024, month: 7, day: 1 }).events.map((e) => e.date)).toEqual(['2024-07-01']);
    db.close();
  });

  it('holds an event reported a few days late in its own week only, not also in the week it was reported', () => {
    const { db, store } = storeWith({ 'a.txt': 'A\n\n13.01.25: On 12 January the border closed.\n14.01.25: The border reopened.' });
    expect(summariseWeek(store, { year: 2025, month: 1, day: 8 }).events.map((e) => e.date)).toEqual(['2025-01-12']);
    expect(summariseWeek(store, { year: 2025, month: 1, day: 14 }).events.map((e) => e.date)).toEqual(['2025-01-14']);
    db.close();
  });

  it('falls back to past years, says so, lists them oldest first, and keeps 29 February in a common year', () => {
    const { db, store } = storeWith({
      'a.txt': 'A\n\n27.02.24: Leap-year Tuesday.\n29.02.24: The leap day itself.\n01.03.24: First of March.',
      'b.txt': 'B\n\n28.02.23: An older 28 February.\n01.03.20: Long ago.',
    });
    const summary = summariseWeek(store, { year: 2026, month: 2, day: 25 });
    expect(summary.kind).toBe('past-years');
    expect(summary.events.map((e) => e.date)).toEqual(['2020-03-01', '2023-02-28', '2024-02-27', '2024-02-29', '2024-03-01']);
    const [header] = renderWeekSummary(summary, plainMarkup);
    expect(header).toMatch(/^This week in past years \(23 February – 1 March 2026\)\nThe archive has nothing from this week itself/);
    expect(renderWeekEventsPage(summary, 0, 10, plainMarkup)[0]).toMatch(/^All events, past years, 23 February – 1 March 2026/);
    db.close();
  });

  it('with a topic filter: a week without matching events is skipped, not replaced by past years; past years are filtered before they are chosen', async () => {
    const { composeScheduledPost } = await import('../../src/digest/scheduled-post.js');
    const older = Array.from({ length: 30 }, (_, i) => `07.01.${String(5 + (i % 20)).padStart(2, '0')}: Parliament met, sitting ${i + 1}.`);
    const { db, store } = storeWith({
      'a.txt': `A\n\n07.01.25: Parliament met.\n08.01.25: A court ruled.\n${older.join('\n')}\n07.01.03: An aviation safety board met.\nOn 6–8 January 2002, an aviation fair was held.`,
    });
    const thisWeek = composeScheduledPost(store, 'weekly', { year: 2025, month: 1, day: 13 }, 'aviation');
    expect(thisWeek).toEqual({ skip: 'no events that week match "aviation"' });
    const pastYears = summariseWeek(store, { year: 2026, month: 1, day: 7 }, 'aviation');
    expect(pastYears.kind).toBe('past-years');
    // The fair spans three of the week's days and comes once.
    expect(pastYears.events.map((e) => e.date)).toEqual(['2002-01-06', '2003-01-07']);
    db.close();
  });

  it('picks first a story told in several events, not events that only share the usual places', () => {
    const event = (i: number, text: string, places: string[] = []): StoredEvent => ({
      id: String(i), date: `2025-01-1${i % 7}`, precision: 'day', endDate: null, reportedDate: null, kind: 'chronicle',
      headline: text, text, people: [], organisations: [], places, topics: [], source: { source: 'x.txt', line: i, section: null }, sourceCount: 1, repeats: 0, ongoing: false,
    });
    const usual = ['Azerbaijan', 'Baku'];
    const week = [
      event(1, 'Azerbaijan opened a school in Baku.', usual), event(2, 'Azerbaijan signed a trade deal in Baku.', usual),
      event(3, 'The court sentenced the activist Bakhtiyar Hajiyev to ten years.'), event(4, 'Baku hosted the national chess final.', ['Baku']),
      event(5, 'The embassy criticised the sentence of Bakhtiyar Hajiyev.'), event(6, 'The national chess final ended in a draw.'),
      event(7, 'The ministry rejected criticism of the Hajiyev sentence.'), event(8, 'Azerbaijan reopened a museum in Baku.', usual),
    ];
    const [first] = chooseHighlights(week, 1);
    expect(first?.text).toMatch(/Hajiyev/);
    // The second pick is the other story, not the first one told again.
    const two = chooseHighlights(week, 2).map((e) => e.text).join(' | ');
    expect(two).toMatch(/Hajiyev.*\|.*chess|chess.*\|.*Hajiyev/);
  });

  it('picks an entry its editor repeated', () => {
    const event = (i: number, text: string, repeats = 0): StoredEvent => ({
      id: String(i), date: `2025-01-1${i % 7}`, precision: 'day', endDate: null, reportedDate: null, kind: 'chronicle',
      headline: text, text, people: [], organisations: [], places: [], topics: [], source: { source: 'x.txt', line: i, section: null }, sourceCount: 1, repeats, ongoing: false,
    });
    const week = [
      event(1, 'The court sentenced the activist to ten years.'), event(2, 'The embassy criticised the sentence.'),
      event(3, 'The ministry rejected criticism of the sentence.'), event(4, 'Two missiles were fired at the airliner.', 1),
      event(5, 'A museum reopened.'), event(6, 'A school opened.'),
    ];
    expect(chooseHighlights(week, 2).map((e) => e.id).sort()).toContain('4');
    expect(chooseHighlights(week.map((e) => ({ ...e, repeats: 0 })), 1).map((e) => e.id)).not.toContain('4');
  });

  it('takes no more than two picks from one day while other days have news, though the editor repeated all of that day', () => {
    const event = (i: number, day: number, text: string, repeats = 0): StoredEvent => ({
      id: String(i), date: `2025-01-${String(day).padStart(2, '0')}`, precision: 'day', endDate: null, reportedDate: null, kind: 'chronicle',
      headline: text, text, people: [], organisations: [], places: [], topics: [], source: { source: 'x.txt', line: i, section: null }, sourceCount: 1, repeats, ongoing: false,
    });
    const interview = ['The president said relations with the neighbour remain uncertain.', 'The president said the union’s prospects are dim.',
      'The president said the new administration may bring change.', 'The president said the lands question stays open.'].map((text, i) => event(i, 7, text, 1));
    const others = [event(10, 8, 'The envoy of the union met the president.'), event(11, 9, 'The court ended the trial of an activist.'),
      event(12, 10, 'The airline suspended its flights to the city.')];
    const picks = chooseHighlights([...interview, ...others], 5);
    expect(picks.filter((e) => e.date === '2025-01-07')).toHaveLength(2);
    expect(picks).toHaveLength(5);
  });

  it('judges a busy week on events from all of its days', () => {
    const event = (i: number, day: number, people: string[]): StoredEvent => ({
      id: String(i), date: `2025-01-${String(day).padStart(2, '0')}`, precision: 'day', endDate: null, reportedDate: null, kind: 'chronicle',
      headline: `Event ${i}`, text: `Event ${i}: ${people.join(', ')} spoke.`, people, organisations: [], places: [], topics: [], source: { source: 'x.txt', line: i, section: null }, sourceCount: 1, repeats: 0, ongoing: false,
    });
    const early = Array.from({ length: 700 }, (_, i) => event(i, 13, [`Person ${i}`]));
    const late = Array.from({ length: 300 }, (_, i) => event(700 + i, 19, ['Central Figure']));
    const days = new Set(chooseHighlights([...early, ...late], 3).map((e) => e.date));
    expect(days.has('2025-01-19')).toBe(true);
  });
});

describe('counts in words', () => {
  it('says 1 event from 1 document', async () => {
    const { renderStats } = await import('../../src/digest/overview.js');
    const { db, store } = storeWith({ 'a.txt': 'A\n\n31.12.24: The only entry.' });
    expect(renderStats(store.stats(), plainMarkup).join('\n')).toContain('1 event from 1 document');
    db.close();
  });
});
