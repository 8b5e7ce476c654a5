import { describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../src/bot/answer-cache.js';

describe('createAnswerCache', () => {
  it('recomputes answers of an older generation and keeps the most recently used ones', () => {
    let generation = 'g1';
    let computed = 0;
    const cache = createAnswerCache<string>(() => generation, 2);
    const get = (key: string): string => cache.get(key, () => `${key}@${generation}#${++computed}`);
    expect(get('a')).toBe('a@g1#1');
    expect(get('a')).toBe('a@g1#1');
    get('b');
    generation = 'g2';
    expect(get('a')).toBe('a@g2#3');
    get('c'); // evicts the least recently used: b, not the just recomputed a
    expect(get('a')).toBe('a@g2#3');
    expect(get('b')).toBe('b@g2#5');
  });
});
