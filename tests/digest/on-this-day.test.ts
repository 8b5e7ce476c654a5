import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainMarkup } from '../../src/digest/markup.js';
import { findOnThisDay, renderOnThisDay } from '../../src/digest/on-this-day.js';
import { composeScheduledPost } from '../../src/digest/scheduled-post.js';
import { parseDocument } from '../../src/ingest/parse-document.js';
import { openDatabase } from '../../src/store/database.js';
import { createEventStore } from '../../src/store/event-store.js';
import { useTempDir } from '../support/temp-dir.js';

const newTempDir = useTempDir();

function storeWith(text: string) {
  const db = openDatabase(join(newTempDir(), 'events.db'));
  const store = createEventStore(db);
  store.replaceDocument({ source: 'a.txt', path: '/a.txt', sha256: text, bytes: text.length, documentDate: undefined, documentDateMethod: undefined, events: parseDocument('a.txt', text).events });
  return { db, store };
}

describe('on this day', () => {
  it('shows every year even when one year has more events on the day than fit, the day’s events in their document’s order', () => {
    const busy = Array.from({ length: 40 }, (_, i) => `10.02.25: Busy day item ${i + 1}.`);
    const years = Array.from({ length: 10 }, (_, i) => `10.02.${15 + i}: The event of ${2015 + i}.`);
    const { db, store } = storeWith([...busy, ...years].join('\n'));
    const found = findOnThisDay(store, { year: 2026, month: 2, day: 10 });
    expect(found.total).toBe(50);
    expect(found.events).toHaveLength(30);
    expect(new Set(found.events.map((event) => event.date.slice(0, 4))).size).toBe(11);
    expect(found.events.slice(0, 3).map((event) => event.text)).toEqual(['Busy day item 1.', 'Busy day item 2.', 'Busy day item 3.']);
    expect(found.events.at(-1)?.date).toBe('2015-02-10');
    expect(renderOnThisDay(found, plainMarkup)[0]).toContain('30 of 50 events, newest first, spread over 11 years');
    db.close();
  });

  it('shows an event spanning several days on each of its days', () => {
    const { db, store } = storeWith('News digest\n\nOn 2–3 March 2024, talks were held in Baku.\n\nOn 30 December 2023 – 2 January 2024, the border was closed.');
    const texts = (month: number, day: number) => findOnThisDay(store, { year: 2026, month, day }).events.map((event) => event.text);
    expect(texts(3, 2)).toEqual(['On 2–3 March 2024, talks were held in Baku.']);
    expect(texts(3, 3)).toEqual(['On 2–3 March 2024, talks were held in Baku.']);
    expect(texts(3, 4)).toEqual([]);
    expect(texts(1, 1)).toEqual(['On 30 December 2023 – 2 January 2024, the border was closed.']);
    expect(texts(1, 3)).toEqual([]);
    db.close();
  });

  it('shows a span starting on 28 February once, also when 29 February joins it in a common year', () => {
    const { db, store } = storeWith('News digest\n\nOn 28 February – 1 March 2024, the water summit met in Baku.');
    expect(findOnThisDay(store, { year: 2025, month: 2, day: 28 }).events).toHaveLength(1);
    expect(findOnThisDay(store, { year: 2024, month: 2, day: 29 }).events).toHaveLength(1);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT rowid, date, end_date FROM events WHERE end_date IS NOT NULL AND precision = 'day'").all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING COVERING INDEX events_spanning_days/);
    db.close();
  });

  it('chooses a filtered daily post among all the day’s events, not among the 30 shown unfiltered', () => {
    const busy = Array.from({ length: 40 }, (_, i) => `10.02.25: ${i < 35 ? 'Parliament met' : 'An aviation safety board met'} for session ${i + 1}.`);
    const { db, store } = storeWith([...busy, '10.02.10: Parliament met in 2010.', '10.02.09: An aviation show opened.'].join('\n'));
    const unfiltered = findOnThisDay(store, { year: 2026, month: 2, day: 10 });
    expect(unfiltered.events.filter((event) => event.text.includes('aviation'))).toHaveLength(1);
    const post = composeScheduledPost(store, 'daily', { year: 2026, month: 2, day: 10 }, 'aviation, air show');
    const text = 'messages' in post ? post.messages.join('\n') : post.skip;
    expect(text).toContain('6 events');
    expect(text.match(/aviation/g)).toHaveLength(6);
    expect(text).not.toContain('Parliament');
    db.close();
  });

  it('counts the years ago from the reader’s year, not from the year the date was read as', () => {
    const { db, store } = storeWith('29.02.24: A leap-day event.\n07.01.25: A January event.');
    const leapDay = renderOnThisDay(findOnThisDay(store, { year: 2024, month: 2, day: 29 }, 2026), plainMarkup);
    expect(leapDay[1]).toContain('2 years ago');
    const january = renderOnThisDay(findOnThisDay(store, { year: 2025, month: 1, day: 7 }, 2026), plainMarkup);
    expect(january[1]).toContain('1 year ago');
    db.close();
  });
});
