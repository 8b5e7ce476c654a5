import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest-corpus.js';
import { RETRY_DELAYS_MS } from '../../src/schedule/broadcaster.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { useTempDir } from '../support/temp-dir.js';
import { startScheduleWorld } from './schedule-world.js';

const newTempDir = useTempDir();
let world: Awaited<ReturnType<typeof startScheduleWorld>>;
afterEach(async () => { await world.stop(); });
const TUESDAY_9_UTC = new Date('2026-01-20T09:00:00Z');

async function subscribedWorld(chatIds: number[], limits?: Parameters<typeof startScheduleWorld>[2]) {
  world = await startScheduleWorld(newTempDir(), TUESDAY_9_UTC, limits);
  world.harness.limits = limits; // the emulator answers 429 to anything faster
  for (const chatId of chatIds) {
    world.subscriptions.subscribe(chatId, chatId > 0 ? 'private' : 'group', null, 'UTC', new Date('2026-01-01T00:00:00Z'));
    world.subscriptions.updateSettings(chatId, { weeklyEnabled: false }, TUESDAY_9_UTC);
  }
  return world;
}

describe('broadcaster faults', () => {
  it('treats an unreachable Bot API as a failure to retry later, not a wait without end', async () => {
    await subscribedWorld([607]);
    const { Api } = await import('grammy');
    const { autoRetry } = await import('@grammyjs/auto-retry');
    const { createBroadcaster } = await import('../../src/schedule/broadcaster.js');
    const { createSendLimiter } = await import('../../src/schedule/send-limiter.js');
    const { FAST_LIMITS } = await import('./schedule-world.js');
    const unreachable = new Api(world.harness.token, { apiRoot: 'http://127.0.0.1:9' });
    unreachable.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }));
    world.subscriptions.recordDecisions([{ chatId: 607, kind: 'daily', period: '2026-01-20', status: 'pending', dueAt: TUESDAY_9_UTC.toISOString() }], TUESDAY_9_UTC);
    const broadcaster = createBroadcaster({ subscriptions: world.subscriptions, events: world.events, api: unreachable, limiter: createSendLimiter(FAST_LIMITS), logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => TUESDAY_9_UTC, concurrency: 2, owner: process.pid });
    expect(await broadcaster.drain()).toMatchObject({ retryLater: 1, sent: 0 });
    expect(world.subscriptions.listDeliveries().find((d) => d.period === '2026-01-20')).toMatchObject({ status: 'pending', reason: expect.stringMatching(/^attempt 1 failed: Network request/) });
  });

  it('waits out a 429 and sends', async () => {
    await subscribedWorld([601]);
    world.harness.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 0', parameters: { retry_after: 0 } });
    await world.scheduler.tick(world.now);
    expect(world.harness.callsOf('sendMessage').map((c) => c.response?.ok)).toEqual([false, true]);
    expect(world.subscriptions.listDeliveries().find((d) => d.period === '2026-01-20')).toMatchObject({ status: 'sent' });
  });

  it('pauses the subscription on 403 and records why', async () => {
    await subscribedWorld([602, 603]);
    world.harness.blockChat(602, 'Forbidden: bot was blocked by the user');
    await world.scheduler.tick(world.now);
    expect(world.subscriptions.getSubscription(602)).toMatchObject({ status: 'paused', statusReason: 'Forbidden: bot was blocked by the user' });
    const ledger = world.subscriptions.listDeliveries();
    expect(ledger.find((d) => d.chatId === 602 && d.period === '2026-01-20')).toMatchObject({ status: 'paused', reason: expect.stringMatching(/403: Forbidden.*subscription paused/) });
    expect(ledger.find((d) => d.chatId === 603 && d.period === '2026-01-20')?.status).toBe('sent');
    const before = world.subscriptions.listDeliveries().filter((d) => d.chatId === 602).length;
    world.setClock(new Date('2026-01-21T09:00:00Z'));
    await world.scheduler.tick(world.now);
    expect(world.subscriptions.listDeliveries().filter((d) => d.chatId === 602)).toHaveLength(before);
    expect(world.sentTo(602)).toHaveLength(0);
  });

  it('moves a group upgraded to a supergroup and resends there', async () => {
    await subscribedWorld([-4242]);
    world.harness.migratedChats.set(-4242, -1004242);
    await world.scheduler.tick(world.now);
    expect(world.subscriptions.getSubscription(-4242)).toBeUndefined();
    expect(world.subscriptions.getSubscription(-1004242)).toMatchObject({ status: 'active', chatType: 'supergroup' });
    expect(world.subscriptions.listDeliveries().find((d) => d.period === '2026-01-20')).toMatchObject({ chatId: -1004242, status: 'sent' });
    expect(world.sentTo(-1004242)).toHaveLength(1);
  });

  it('retries other errors with backoff, then gives up and records it', async () => {
    await subscribedWorld([604]);
    world.harness.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' }, { times: 100 });
    await world.scheduler.tick(world.now);
    const today = () => world.subscriptions.listDeliveries().find((d) => d.period === '2026-01-20');
    expect(today()).toMatchObject({ status: 'pending', attempts: 1, reason: 'attempt 1 failed: 400: Bad Request: chat not found' });
    let at = world.now.getTime();
    for (const delay of RETRY_DELAYS_MS) {
      at += delay;
      world.setClock(new Date(at));
      await world.broadcaster.drain();
    }
    expect(today()).toMatchObject({ status: 'failed', attempts: 4, reason: expect.stringMatching(/^gave up after 4 attempts: 400/) });
    expect(world.harness.callsOf('sendMessage')).toHaveLength(4);
  });

  it('splits a long post on event boundaries and spaces the parts per chat', async () => {
    await subscribedWorld([-5005], { perSecond: 100, privateChatIntervalMs: 50, groupChatIntervalMs: 150 });
    const entries = Array.from({ length: 40 }, (_, i) => `20.01.${String(10 + (i % 15)).padStart(2, '0')}: Entry ${i} about <the> council & its "long" deliberations, reported at length by several agencies across the region with quotes from officials.`);
    writeFileSync(join(world.data, 'many.txt'), `Many\n\n${entries.join('\n\n')}\n`);
    ingestPaths(world.events, [world.data], { maxDocumentBytes: 16_000_000 });
    await world.scheduler.tick(world.now);
    const parts = world.sentTo(-5005);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(telegramHtmlProblems(String(part.payload.text))).toEqual([]);
    expect(world.subscriptions.listDeliveries().find((d) => d.period === '2026-01-20')).toMatchObject({ status: 'sent', partsSent: parts.length });
    expect(world.harness.limitViolations).toEqual([]);
    const times = world.harness.calls.filter((c) => c.method === 'sendMessage').map((c) => c.seq);
    expect(times.length).toBe(parts.length);
  });
});

describe('broadcaster: a post resumed after a failed part', () => {
  it('sends the rest of the post as first composed, even when the archive changed in between', async () => {
    await subscribedWorld([-5006]);
    const entries = Array.from({ length: 40 }, (_, i) => `20.01.${String(10 + (i % 15)).padStart(2, '0')}: Entry ${i} about the council and its long deliberations, reported at length by several agencies across the region with quotes from officials.`);
    writeFileSync(join(world.data, 'many.txt'), `Many\n\n${entries.join('\n\n')}\n`);
    ingestPaths(world.events, [world.data], { maxDocumentBytes: 16_000_000 });
    let sends = 0;
    world.harness.failNext('sendMessage', { error_code: 400, description: 'Bad Request: try again' }, { match: () => ++sends === 2 });
    await world.scheduler.tick(world.now);
    const delivery = () => world.subscriptions.listDeliveries().find((d) => d.chatId === -5006 && d.period === '2026-01-20');
    expect(delivery()).toMatchObject({ status: 'pending', partsSent: 1 });
    const composed = delivery()?.messages ?? [];
    expect(composed.length).toBeGreaterThan(1);

    writeFileSync(join(world.data, 'late.txt'), `Late\n\n20.01.26: A late entry that would move every part boundary of the post.\n`);
    ingestPaths(world.events, [world.data], { maxDocumentBytes: 16_000_000 });
    world.setClock(new Date(world.now.getTime() + (RETRY_DELAYS_MS[0] ?? 0)));
    await world.broadcaster.drain();
    expect(delivery()).toMatchObject({ status: 'sent', partsSent: composed.length, messages: null });
    expect(world.sentTo(-5006).map((call) => String(call.payload.text))).toEqual(composed);
  });
});
