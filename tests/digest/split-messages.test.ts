import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlMarkup } from '../../src/digest/markup.js';
import { renderEventInFull } from '../../src/digest/event-format.js';
import { splitIntoMessages } from '../../src/digest/split-messages.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

describe('splitIntoMessages', () => {
  it('packs blocks into as few messages as fit, never splitting a block', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `<b>Event ${i}</b>\n${'x'.repeat(300)}`);
    const messages = splitIntoMessages(blocks);
    expect(messages.length).toBe(3);
    expect(messages.every((m) => m.length <= 4096)).toBe(true);
    expect(messages.join('\n\n')).toBe(blocks.join('\n\n'));
  });

  it('cuts a block longer than the limit at a line or word boundary', () => {
    const messages = splitIntoMessages([`${'word '.repeat(2000)}`], 4096);
    expect(messages.length).toBe(3);
    expect(messages.every((m) => m.length <= 4096 && !m.startsWith(' '))).toBe(true);
  });
});

describe('an event in full with a very long text', () => {
  it('is cut between words, never inside a character or an HTML entity', () => {
    const words = Array.from({ length: 3000 }, (_, i) => ['parliamentary', '"quoted"', 'A&B', '🇦🇿flag', 'word'][i % 5] ?? '');
    const event: StoredEvent = {
      id: 'e', date: '2025-01-07', precision: 'day', endDate: null, reportedDate: null, kind: 'prose', headline: 'A long one',
      text: words.join(' '), people: [], organisations: [], places: [], topics: [],
      source: { source: 'x.txt', line: 1, section: null }, sourceCount: 1, repeats: 0, ongoing: false,
    };
    const messages = splitIntoMessages(renderEventInFull({ ...event, sources: [{ source: 'x.txt', line: 1, section: null }] }, htmlMarkup));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(4096);
      expect(telegramHtmlProblems(message)).toEqual([]);
      expect(message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half of a character
    }
    const shown = messages.join(' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').split(/\s+/);
    for (const word of new Set(shown.filter((w) => /^(parl|quot|"|A&|🇦|flag)/.test(w)))) expect(['parliamentary', '"quoted"', 'A&B', '🇦🇿flag']).toContain(word);
  });
});

describe('markup', () => {
  it('escapes everything Telegram HTML reads, and highlights snippets safely', () => {
    expect(escapeHtml('<b>&"x"</b>')).toBe('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    expect(htmlMarkup.highlight('a \u0001<tag>\u0002 & b')).toBe('a <b>&lt;tag&gt;</b> &amp; b');
    expect(htmlMarkup.link('https://t.me/x?start=e_1&a="b"', '<x>')).toBe('<a href="https://t.me/x?start=e_1&amp;a=&quot;b&quot;">&lt;x&gt;</a>');
  });
});
