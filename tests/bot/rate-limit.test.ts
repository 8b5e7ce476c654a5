import { describe, expect, it } from 'vitest';
import type { ChronicleContext } from '../../src/bot/context.js';
import { rateLimitPerUser } from '../../src/bot/rate-limit.js';

function messageFrom(userId: number, replies: string[]): ChronicleContext {
  return { from: { id: userId }, chat: { id: userId }, reply: async (text: string) => { replies.push(text); } } as unknown as ChronicleContext;
}

describe('rateLimitPerUser', () => {
  it('lets a burst through, then tells the user once, then refills', async () => {
    let now = 0;
    const limit = rateLimitPerUser({ burst: 2, refillMs: 1_000, now: () => now });
    const replies: string[] = [];
    let handled = 0;
    for (let i = 0; i < 4; i++) await limit(messageFrom(7, replies), async () => { handled++; });
    expect(handled).toBe(2);
    expect(replies).toEqual(['You are asking faster than I can answer: please try again in 1 s.']);
    now = 1_000;
    await limit(messageFrom(7, replies), async () => { handled++; });
    expect(handled).toBe(3);
  });

  it('forgets users whose buckets have refilled once it tracks many, and keeps the ones still limited', async () => {
    let now = 0;
    const limit = rateLimitPerUser({ burst: 2, refillMs: 1_000, now: () => now });
    const replies: string[] = [];
    for (let user = 1; user <= 10_001; user++) await limit(messageFrom(user, replies), async () => {});
    expect(limit.trackedUsers()).toBe(10_001);
    now = 2_000;
    await limit(messageFrom(1, replies), async () => {});
    await limit(messageFrom(1, replies), async () => {});
    await limit(messageFrom(1, replies), async () => {});
    expect(limit.trackedUsers()).toBe(1);
    expect(replies).toHaveLength(1);
  });

  it('does not charge users for a clock set back', async () => {
    let now = 5_000;
    const limit = rateLimitPerUser({ burst: 2, refillMs: 1_000, now: () => now });
    const replies: string[] = [];
    let handled = 0;
    await limit(messageFrom(7, replies), async () => { handled++; });
    now = 1_000;
    await limit(messageFrom(7, replies), async () => { handled++; });
    expect(handled).toBe(2);
    now = 2_000;
    await limit(messageFrom(7, replies), async () => { handled++; });
    expect(handled).toBe(3);
  });

  it('does not fail the update when the warning cannot be sent', async () => {
    const limit = rateLimitPerUser({ burst: 1, refillMs: 60_000, now: () => 0 });
    const refusing = { from: { id: 9 }, chat: { id: 9 }, reply: async () => { throw new Error('Forbidden: not enough rights to send text messages'); } } as unknown as ChronicleContext;
    await limit(refusing, async () => {});
    await expect(limit(refusing, async () => {})).resolves.toBeUndefined();
  });
});
