import { describe, expect, it } from 'vitest';
import { periodDay, planDeliveries, weeklyPeriod, zonedInstant } from '../../src/schedule/plan-deliveries.js';
import type { Subscription } from '../../src/store/subscription-store.js';

const subscription = (overrides: Partial<Subscription> = {}): Subscription => ({
  chatId: -100123, chatType: 'channel', title: null, status: 'active', statusReason: null, dailyEnabled: true, dailyTime: '09:00',
  weeklyEnabled: true, weeklyDay: 1, weeklyTime: '10:00', timeZone: 'Asia/Baku', topicFilter: null,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...overrides,
});
const none = () => false;

describe('planDeliveries', () => {
  it('is due at the local time in the subscription’s own time zone', () => {
    expect(planDeliveries([subscription()], new Date('2026-01-20T04:59:00Z'), none).filter((d) => d.period === '2026-01-20')).toEqual([]);
    const due = planDeliveries([subscription()], new Date('2026-01-20T05:00:00Z'), none);
    expect(due).toContainEqual({ chatId: -100123, kind: 'daily', period: '2026-01-20', status: 'pending', dueAt: '2026-01-20T05:00:00.000Z' });
    const newYork = planDeliveries([subscription({ timeZone: 'America/New_York', dailyTime: '07:30' })], new Date('2026-01-20T12:30:00Z'), none);
    expect(newYork.map((d) => [d.period, d.dueAt])).toContainEqual(['2026-01-20', '2026-01-20T12:30:00.000Z']);
  });

  it('follows daylight saving time', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 28 }, '09:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedInstant({ year: 2026, month: 3, day: 30 }, '09:00', 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('names weekly periods by ISO week and finds their day', () => {
    expect(weeklyPeriod({ year: 2026, month: 1, day: 1 })).toBe('2026-W01');
    expect(weeklyPeriod({ year: 2027, month: 1, day: 1 })).toBe('2026-W53');
    expect(periodDay('weekly', '2026-W04', 1)).toEqual({ year: 2026, month: 1, day: 19 });
    expect(periodDay('weekly', '2026-W04', 7)).toEqual({ year: 2026, month: 1, day: 25 });
  });

  it('catches up a post missed while down within the window, and skips it after', () => {
    const late = planDeliveries([subscription({ weeklyEnabled: false })], new Date('2026-01-20T10:00:00Z'), none);
    expect(late.find((d) => d.period === '2026-01-20')?.status).toBe('pending');
    const tooLate = planDeliveries([subscription({ weeklyEnabled: false })], new Date('2026-01-20T12:00:00Z'), none);
    expect(tooLate.find((d) => d.period === '2026-01-20')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/7 h late, past the 6 h catch-up window/) });
  });

  it('sends today’s post at once when a change of settings moved its time into the past, however long ago that time was', () => {
    // Baku is UTC+4. At 10:00 local (06:00 UTC) the admin moves the daily post to 02:00, 8 h before.
    const moved = subscription({ weeklyEnabled: false, dailyTime: '02:00', updatedAt: '2026-01-20T06:00:00Z' });
    const justAfter = planDeliveries([moved], new Date('2026-01-20T06:01:00Z'), none);
    expect(justAfter.find((d) => d.period === '2026-01-20')).toMatchObject({ status: 'pending', dueAt: '2026-01-19T22:00:00.000Z' });
    // Yesterday's post is not brought back by today's change.
    expect(justAfter.find((d) => d.period === '2026-01-19')?.status).toBe('skipped');
    // Seven hours after the change, today's post is missed like any other.
    expect(planDeliveries([moved], new Date('2026-01-20T13:01:00Z'), none).find((d) => d.period === '2026-01-20')?.status).toBe('skipped');
  });

  it('leaves alone what the ledger holds, paused subscriptions, and times before the subscription began', () => {
    const now = new Date('2026-01-20T05:00:00Z');
    expect(planDeliveries([subscription()], now, () => true)).toEqual([]);
    expect(planDeliveries([subscription({ status: 'paused' })], now, none)).toEqual([]);
    expect(planDeliveries([subscription({ createdAt: '2026-01-20T05:30:00Z' })], new Date('2026-01-20T06:00:00Z'), none)).toEqual([]);
  });
});
