import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlMarkup } from '../../src/digest/markup.js';
import { splitIntoMessages } from '../../src/digest/split-messages.js';

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

describe('markup', () => {
  it('escapes everything Telegram HTML reads, and highlights snippets safely', () => {
    expect(escapeHtml('<b>&"x"</b>')).toBe('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    expect(htmlMarkup.highlight('a \u0001<tag>\u0002 & b')).toBe('a <b>&lt;tag&gt;</b> &amp; b');
    expect(htmlMarkup.link('https://t.me/x?start=e_1&a="b"', '<x>')).toBe('<a href="https://t.me/x?start=e_1&amp;a=&quot;b&quot;">&lt;x&gt;</a>');
  });
});
