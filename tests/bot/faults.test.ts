import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/store/event-store.js';
import type { RecordedCall } from '../support/telegram-harness.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { useTempDir } from '../support/temp-dir.js';
import { startBotWorld } from './bot-harness.js';

const newTempDir = useTempDir();
let world: Awaited<ReturnType<typeof startBotWorld>> | undefined;
afterEach(async () => { await world?.stop(); world = undefined; });
const textOf = (call: RecordedCall | undefined): string => String(call?.payload.text ?? '');

describe('abuse and faults', () => {
  it('limits each user’s rate, telling them once', async () => {
    world = await startBotWorld(newTempDir(), { rateLimit: { burst: 3, refillMs: 60_000 } });
    const replies: string[] = [];
    for (let i = 0; i < 6; i++) replies.push(...(await world.sent('/stats')).map(textOf));
    expect(replies.filter((text) => /events from 5 documents/.test(text))).toHaveLength(3);
    expect(replies.filter((text) => /You are asking faster than I can answer: please try again in 60 s\./.test(text))).toHaveLength(1);
    expect(replies).toHaveLength(4);
  });

  it('logs a failing update with the update, answers politely, and carries on', async () => {
    world = await startBotWorld(newTempDir());
    let failures = 1;
    const failing = new Proxy(world.store, {
      get(target, property, receiver) {
        if (property === 'listEventsOnCalendarDays' && failures > 0) {
          return () => { failures--; throw new Error('disk on fire'); };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    }) as EventStore;
    world.restartBot(failing);
    const [apology] = await world.sent('/onthisday 7 January');
    expect(textOf(apology)).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
    const logged = world.logs.find((line) => line.level === 'error');
    expect(logged?.message).toBe('update failed');
    expect(logged?.fields).toMatchObject({ updateId: expect.any(Number), update: expect.objectContaining({ message: expect.anything() }), error: expect.stringMatching(/disk on fire/) });
    expect(textOf((await world.sent('/onthisday 7 January'))[0])).toMatch(/On this day, 7 January/);
  });

  it('splits an answer too long for one message on event boundaries', async () => {
    const entries = Array.from({ length: 45 }, (_, i) => `20.01.${String(10 + (i % 15)).padStart(2, '0')}: Item ${i}: a <long> & detailed report about the council's "deliberations" that runs on for a good while, to fill the message with text.`);
    world = await startBotWorld(newTempDir(), { extraDocuments: { 'many.txt': `Many\n\n${entries.join('\n\n')}\n` } });
    const replies = await world.sent('/onthisday 20 January');
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) expect(telegramHtmlProblems(textOf(reply))).toEqual([]);
    const all = replies.map(textOf).join('\n\n');
    expect(all).toMatch(/^<b>On this day, 20 January<\/b>\n30 of 50 events, newest first, spread over \d+ years/);
    expect(all.match(/Item \d+:/g)).toHaveLength(27); // 3 of the 5 seed events of 2025, then 3 a year from 2024 back
    for (const reply of replies) expect(textOf(reply)).toMatch(/<\/i>$/);
  });
});
