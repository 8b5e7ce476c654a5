import { TZDate } from '@date-fns/tz';
import { type CalendarDay, addCalendarDays, calendarDayIn, formatIsoDay, isoWeekOf } from '../digest/calendar.js';
import type { DeliveryDecision, PostKind, Subscription } from '../store/subscription-store.js';

/** A post missed while the bot was down is still sent this long after its time; later, it is skipped. */
export const CATCH_UP_WINDOW_MS: Record<PostKind, number> = { daily: 6 * 3_600_000, weekly: 24 * 3_600_000 };

/** The instant a local day and `HH:MM` fall on in a time zone (DST-aware). */
export function zonedInstant(day: CalendarDay, time: string, timeZone: string): Date {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(new TZDate(day.year, day.month - 1, day.day, hours, minutes, timeZone).getTime());
}

export const dailyPeriod = (day: CalendarDay): string => formatIsoDay(day);

export function weeklyPeriod(day: CalendarDay): string {
  const week = isoWeekOf(day);
  return `${week.weekYear}-W${String(week.week).padStart(2, '0')}`;
}

/** The local day of a period: the daily post's day, or the weekly post's day in that ISO week. */
export function periodDay(kind: PostKind, period: string, weeklyDay: number): CalendarDay | undefined {
  if (kind === 'daily') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
    return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  }
  const match = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!match) return undefined;
  // 4 January is always in ISO week 1.
  const weekOne = isoWeekOf({ year: Number(match[1]), month: 1, day: 4 }).first;
  return addCalendarDays(weekOne, (Number(match[2]) - 1) * 7 + weeklyDay - 1);
}

interface DueCandidate { kind: PostKind; period: string; at: Date; today: boolean }

function candidates(subscription: Subscription, now: Date): DueCandidate[] {
  const today = calendarDayIn(now, subscription.timeZone);
  const found: DueCandidate[] = [];
  if (subscription.dailyEnabled) {
    for (const [day, isToday] of [[addCalendarDays(today, -1), false], [today, true]] as const) {
      found.push({ kind: 'daily', period: dailyPeriod(day), at: zonedInstant(day, subscription.dailyTime, subscription.timeZone), today: isToday });
    }
  }
  if (subscription.weeklyEnabled) {
    for (const offset of [-7, 0]) {
      const period = weeklyPeriod(addCalendarDays(today, offset));
      const day = periodDay('weekly', period, subscription.weeklyDay);
      if (day) found.push({ kind: 'weekly', period, at: zonedInstant(day, subscription.weeklyTime, subscription.timeZone), today: formatIsoDay(day) === formatIsoDay(today) });
    }
  }
  return found;
}

/**
 * Which posts are due now for these subscriptions, each in its own time zone: every period whose
 * time has come since the subscription began and that the ledger does not hold yet. One missed by
 * more than the catch-up window is recorded as skipped, with the reason. Today's post whose time had
 * passed when the subscription last changed (its time moved earlier, or the chat came back) counts
 * as late from that change, so it goes out now instead of being lost.
 */
export function planDeliveries(
  subscriptions: readonly Subscription[],
  now: Date,
  alreadyInLedger: (chatId: number, kind: PostKind, period: string) => boolean,
): DeliveryDecision[] {
  const decisions: DeliveryDecision[] = [];
  for (const subscription of subscriptions) {
    if (subscription.status !== 'active') continue;
    const since = new Date(subscription.createdAt).getTime();
    const changed = new Date(subscription.updatedAt).getTime();
    let due: DueCandidate[];
    try {
      due = candidates(subscription, now).filter((candidate) => !Number.isNaN(candidate.at.getTime()));
    } catch {
      continue; // a malformed setting (time zone, time) must not stop every other chat's posts
    }
    for (const candidate of due) {
      const at = candidate.at.getTime();
      if (at > now.getTime() || at < since) continue;
      if (alreadyInLedger(subscription.chatId, candidate.kind, candidate.period)) continue;
      const late = now.getTime() - (candidate.today && changed > at ? changed : at);
      const base = { chatId: subscription.chatId, kind: candidate.kind, period: candidate.period, dueAt: candidate.at.toISOString() };
      if (late <= CATCH_UP_WINDOW_MS[candidate.kind]) decisions.push({ ...base, status: 'pending' });
      else decisions.push({ ...base, status: 'skipped', reason: `missed: due ${candidate.at.toISOString()}, ${Math.round(late / 3_600_000)} h late, past the ${CATCH_UP_WINDOW_MS[candidate.kind] / 3_600_000} h catch-up window` });
    }
  }
  return decisions;
}
