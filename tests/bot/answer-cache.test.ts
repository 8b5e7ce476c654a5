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

  it('gives an entry asked for again a second chance before evicting it', () => {
    let computed = 0;
    const cache = createAnswerCache<string>(() => 'g', 2);
    const get = (key: string): string => cache.get(key, () => `${key}#${++computed}`);
    get('a');
    get('b');
    get('a'); // a is the oldest, but was asked for again
    get('c'); // evicts b
    expect(get('a')).toBe('a#1');
    expect(get('b')).toBe('b#4');
  });

  it('keeps the answer it just computed when every older entry was asked for again', () => {
    let computed = 0;
    const cache = createAnswerCache<string>(() => 'g', 2);
    const get = (key: string): string => cache.get(key, () => `${key}#${++computed}`);
    get('a'); get('b'); get('a'); get('b');
    get('c');
    expect(get('c')).toBe('c#3');
  });

  it('evicts answers of an older generation before fresh ones, asked for or not', () => {
    let generation = 'g1';
    let computed = 0;
    const cache = createAnswerCache<string>(() => generation, 2);
    const get = (key: string): string => cache.get(key, () => `${key}#${++computed}`);
    get('a'); get('b'); get('a'); get('b');
    generation = 'g2';
    get('x');
    get('y');
    expect(get('x')).toBe('x#3');
    expect(get('y')).toBe('y#4');
  });
});
