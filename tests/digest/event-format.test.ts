import { describe, expect, it } from 'vitest';
import { renderEventBlock, renderEventInFull } from '../../src/digest/event-format.js';
import { plainMarkup } from '../../src/digest/markup.js';
import type { StoredEvent } from '../../src/store/event-store.js';

const event: StoredEvent = {
  id: 'e1', date: '1992-04-07', precision: 'day', endDate: null, reportedDate: null, kind: 'prose',
  headline: 'Israel recognized Azerbaijan on April 7, 1992.', text: 'Israel recognized Azerbaijan on April 7, 1992.[63] Relations followed.[64][citation needed]',
  people: [], organisations: [], places: ['Israel'], topics: [], source: { source: 'wiki.txt', line: 9, section: null }, sourceCount: 1, repeats: 0, ongoing: false,
};

describe('event blocks', () => {
  it('leave out an encyclopaedia’s reference marks from snippets and full texts', () => {
    expect(renderEventBlock(event, plainMarkup, { snippet: 'Israel recognized Azerbaijan on April 7, 1992.[63] Relations \u0001followed\u0002.[64]' }))
      .toBe('7 April 1992\nIsrael recognized Azerbaijan on April 7, 1992. Relations [followed].\nSource: wiki.txt:9');
    expect(renderEventInFull({ ...event, sources: [{ source: 'wiki.txt', line: 9, section: null }] }, plainMarkup).join('\n'))
      .toContain('Israel recognized Azerbaijan on April 7, 1992. Relations followed.');
  });

  it('show a snippet that opens with the headline once, though the text spaces its words otherwise', () => {
    const spaced = { ...event, headline: 'Ilham Aliyev issued a decree.', text: 'Ilham Aliyev\u00a0 issued a decree.' };
    expect(renderEventBlock(spaced, plainMarkup, { snippet: 'Ilham \u0001Aliyev\u0002\u00a0 issued a decree.' }))
      .toBe('7 April 1992\nIlham [Aliyev]\u00a0 issued a decree.\nSource: wiki.txt:9');
  });
});

describe('a state that holds since its date', () => {
  it('shows its date as the start it is, not as a happening of that day or year', () => {
    const state = { ...event, date: '1995', precision: 'year' as const, headline: 'Romania has had an embassy in Ashgabat since 1995.', text: 'Romania has had an embassy in Ashgabat since 1995.', ongoing: true };
    expect(renderEventBlock(state, plainMarkup)).toBe('since 1995\nRomania has had an embassy in Ashgabat since 1995.\nSource: wiki.txt:9');
    expect(renderEventInFull({ ...state, date: '1994-12-16', precision: 'day', sources: [] }, plainMarkup)[0]).toBe('since 16 December 1994');
  });
});
