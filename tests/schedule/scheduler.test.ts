import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir.js';
import { startScheduleWorld } from './schedule-world.js';

const newTempDir = useTempDir();
let world: Awaited<ReturnType<typeof startScheduleWorld>>;
const MONDAY = new Date('2026-01-19T00:00:00Z');

beforeEach(async () => { world = await startScheduleWorld(newTempDir(), MONDAY); });
afterEach(async () => { await world.stop(); });

describe('scheduled posts in simulated time', () => {
  it('posts daily and weekly, each chat in its own time zone, exactly once per period', async () => {
    const { subscriptions } = world;
    subscriptions.subscribe(501, 'private', null, 'Asia/Baku', new Date('2026-01-18T00:00:00Z'));
    subscriptions.subscribe(-100777, 'channel', 'News', 'America/New_York', new Date('2026-01-18T00:00:00Z'));
    subscriptions.updateSettings(-100777, { dailyTime: '07:30', weeklyEnabled: false }, MONDAY);
    subscriptions.subscribe(-100888, 'channel', 'Paused', 'UTC', new Date('2026-01-18T00:00:00Z'));
    subscriptions.setStatus(-100888, 'paused', 'the bot was removed', MONDAY);

    await world.runUntil(new Date('2026-01-27T00:00:00Z'));

    const ledger = subscriptions.listDeliveries();
    const of = (chatId: number, kind: string) => ledger.filter((d) => d.chatId === chatId && d.kind === kind);
    // Subscribed at 00:00 UTC on the 18th, but the simulated run starts on the 19th: the 18th's post was missed.
    expect(of(501, 'daily').find((d) => d.period === '2026-01-18')).toMatchObject({ status: 'skipped' });
    expect(of(501, 'daily').filter((d) => d.status !== 'skipped' || d.reason?.startsWith('no events')).map((d) => d.period).sort())
      .toEqual(['2026-01-19', '2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23', '2026-01-24', '2026-01-25', '2026-01-26']);
    expect(of(501, 'weekly').map((d) => [d.period, d.status])).toEqual(expect.arrayContaining([['2026-W04', 'sent'], ['2026-W05', 'sent']]));
    expect(of(-100777, 'daily').filter((d) => d.period >= '2026-01-19')).toHaveLength(8);
    expect(of(-100777, 'weekly')).toHaveLength(0);
    expect(of(-100888, 'daily')).toHaveLength(0);
    expect(ledger.every((d) => d.status === 'sent' || d.status === 'skipped')).toBe(true);

    const first = world.sentTo(501)[0];
    expect(String(first?.payload.text)).toMatch(/^<b>On this day, 19 January<\/b>/);
    expect(first?.seq).toBeDefined();
    const sentDays = world.sentTo(-100777).map((c) => /On this day, (\d+ January)/.exec(String(c.payload.text))?.[1]).filter(Boolean);
    expect(new Set(sentDays).size).toBe(sentDays.length);
    const daily = of(501, 'daily');
    expect(daily.filter((d) => d.status === 'sent').reduce((n, d) => n + d.messageIds.length, 0) + world.sentTo(501).filter((c) => /week/i.test(String(c.payload.text))).length)
      .toBe(world.sentTo(501).length);
  });

  it('posts "this week in past years" when the archive has nothing for the past week', async () => {
    world.subscriptions.subscribe(502, 'private', null, 'UTC', new Date('2026-01-18T00:00:00Z'));
    world.subscriptions.updateSettings(502, { dailyEnabled: false }, MONDAY);
    await world.runUntil(new Date('2026-01-19T10:05:00Z'));
    const [weekly] = world.sentTo(502);
    expect(String(weekly?.payload.text)).toMatch(/^<b>This week in past years \(12 January – 18 January 2026\)<\/b>/);
  });

  it('a document dropped into data/ while running reaches the next post', async () => {
    world.subscriptions.subscribe(503, 'private', null, 'UTC', new Date('2026-01-18T00:00:00Z'));
    world.subscriptions.updateSettings(503, { weeklyEnabled: false }, MONDAY);
    await world.runUntil(new Date('2026-01-20T12:00:00Z'));
    writeFileSync(join(world.data, '2026-01-chronicle.txt'), 'January 2026\n\n21.01.26: The new monthly chronicle arrived with its first entry.\n');
    await world.runUntil(new Date('2026-01-21T09:05:00Z'));
    const posts = world.sentTo(503).map((c) => String(c.payload.text));
    expect(posts.at(-1)).toMatch(/On this day, 21 January[\s\S]*The new monthly chronicle arrived/);
    expect(posts.slice(0, -1).join('\n')).not.toMatch(/new monthly chronicle/);
  });

  it('sends posts missed while the bot was down when still relevant, and records the rest as skipped', async () => {
    world.subscriptions.subscribe(504, 'private', null, 'UTC', new Date('2026-01-18T00:00:00Z'));
    world.subscriptions.updateSettings(504, { weeklyEnabled: false }, MONDAY);
    world.setClock(new Date('2026-01-20T13:00:00Z')); // down from Monday 00:00 until Tuesday 13:00
    await world.scheduler.tick(world.now);
    const ledger = world.subscriptions.listDeliveries();
    expect(ledger.find((d) => d.period === '2026-01-19')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/catch-up window/) });
    expect(ledger.find((d) => d.period === '2026-01-20')).toMatchObject({ status: 'sent' });
  });
});

describe('stopping during a broadcast', () => {
  it('claims nothing more and records every message already on its way', async () => {
    const { subscriptions, harness, scheduler } = world;
    const at = new Date('2026-01-20T09:00:00Z');
    world.setClock(at);
    for (let chat = 1; chat <= 12; chat++) {
      subscriptions.subscribe(chat, 'private', null, 'UTC', new Date('2026-01-01T00:00:00Z'));
      subscriptions.updateSettings(chat, { weeklyEnabled: false }, at);
    }
    harness.sendDelayMs = 400;
    const running = scheduler.tick(at);
    await harness.waitForCall('sendMessage', () => true, { timeoutMs: 5_000 });
    await scheduler.stop(5_000);
    await running;
    const delivered = new Set(world.harness.calls.filter((c) => c.method === 'sendMessage' && c.response?.ok).map((c) => Number(c.payload.chat_id)));
    const ledger = subscriptions.listDeliveries().filter((d) => d.kind === 'daily' && d.period === '2026-01-20');
    expect(ledger).toHaveLength(12);
    expect(delivered.size).toBeGreaterThan(0);
    expect(delivered.size).toBeLessThan(12);
    for (const delivery of ledger) {
      expect(delivery.status).not.toBe('sending');
      expect(delivery.status === 'sent').toBe(delivered.has(delivery.chatId));
    }
  });
});
