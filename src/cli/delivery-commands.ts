import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import type { Config } from '../config.js';
import { addCalendarDays, calendarDayIn, formatIsoDay, isoWeekOf } from '../digest/calendar.js';
import { createBroadcaster } from '../schedule/broadcaster.js';
import { dailyPeriod, weeklyPeriod } from '../schedule/plan-deliveries.js';
import { processIsAlive } from '../schedule/scheduler.js';
import { TELEGRAM_LIMITS, createSendLimiter } from '../schedule/send-limiter.js';
import { createLogger } from '../logger.js';
import type { EventStore } from '../store/event-store.js';
import type { DeliveryDecision, PostKind, SubscriptionStore } from '../store/subscription-store.js';
import { parseSettingPatch } from '../bot/features/subscriptions.js';
import { UsageError } from './arguments.js';
import { eventLink } from '../bot/links.js';

export const BROADCAST_CONCURRENCY = 8;

function chatIds(words: readonly string[], command: string): number[] {
  if (words.length === 0) throw new UsageError(`${command} needs at least one CHAT_ID (e.g. -1001234567890)`);
  return words.map((word) => {
    if (!/^-?\d{1,16}$/.test(word)) throw new UsageError(`${command}: "${word}" is not a chat id (a number such as -1001234567890)`);
    return Number(word);
  });
}

/** `subscribe CHAT_ID... [--daily HH:MM] [--weekly DAY HH:MM] [--tz ZONE] [--topic WORDS]` */
export function subscribeChats(subscriptions: SubscriptionStore, words: readonly string[], flags: Map<string, string | true>, timeZone: string, now: Date): string[] {
  const ids = chatIds(words, 'subscribe');
  const patches = [
    ['daily', flags.get('daily')], ['weekly', flags.get('weekly')], ['topic', flags.get('topic')], ['tz', timeZone],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string').map(([setting, value]) => {
    // A script's `--topic ''` clears the filter, as `--topic off` does.
    const patch = parseSettingPatch(setting, setting === 'topic' && value.trim() === '' ? 'off' : value);
    if (typeof patch === 'string') throw new UsageError(`subscribe --${setting}: ${patch}`);
    return patch;
  });
  return ids.map((chatId) => {
    const type = chatId > 0 ? 'private' : String(chatId).startsWith('-100') ? 'channel' : 'group';
    subscriptions.subscribe(chatId, type, null, timeZone, now);
    const subscription = patches.reduce((current, patch) => subscriptions.updateSettings(chatId, patch, now) ?? current, subscriptions.getSubscription(chatId));
    return `subscribed ${chatId}: daily ${subscription?.dailyEnabled ? subscription.dailyTime : 'off'}, weekly ${subscription?.weeklyEnabled ? `day ${subscription.weeklyDay} ${subscription.weeklyTime}` : 'off'}, ${subscription?.timeZone}${subscription?.topicFilter ? `, topic "${subscription.topicFilter}"` : ''}`;
  });
}

export function unsubscribeChats(subscriptions: SubscriptionStore, words: readonly string[]): string[] {
  return chatIds(words, 'unsubscribe').map((chatId) => (subscriptions.unsubscribe(chatId) ? `unsubscribed ${chatId}` : `${chatId} was not subscribed`));
}

/**
 * `send daily|weekly [--now ISO-TIME]`: the post for the period holding that time, to every active
 * subscription that has it on and has not had it, through the same ledger and broadcaster as the scheduler.
 */
export async function sendNow(subscriptions: SubscriptionStore, events: EventStore, kindWord: string | undefined, at: Date, config: Config, log: (line: string) => void) {
  if (kindWord !== 'daily' && kindWord !== 'weekly') throw new UsageError('send needs daily or weekly, e.g. send weekly --now 2026-01-19T10:00:00Z');
  if (!config.TELEGRAM_BOT_TOKEN) throw new UsageError('send needs TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ROOT for a local Bot API server)');
  const kind: PostKind = kindWord;
  const decisions: DeliveryDecision[] = subscriptions.listActiveSubscriptions()
    .filter((subscription) => (kind === 'daily' ? subscription.dailyEnabled : subscription.weeklyEnabled))
    .map((subscription) => {
      const day = calendarDayIn(at, subscription.timeZone);
      // The weekly post due by then: this week's if the chat's weekly day has come, else last week's
      // (a Friday chat sent to on a Monday gets last week's, and keeps this Friday's for the scheduler).
      const postDay = addCalendarDays(isoWeekOf(day).first, subscription.weeklyDay - 1);
      const weekDay = formatIsoDay(postDay) <= formatIsoDay(day) ? day : addCalendarDays(day, -7);
      return { chatId: subscription.chatId, kind, period: kind === 'daily' ? dailyPeriod(day) : weeklyPeriod(weekDay), status: 'pending', dueAt: at.toISOString() };
    });
  const recorded = subscriptions.recordDecisions(decisions, at);
  const released = subscriptions.releaseAbandonedDeliveries(processIsAlive, new Date());
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowHttpErrors: true }));
  // The posts link each event to the bot (t.me/<bot>?start=e_<id>), as the running bot's posts do.
  const { username } = await api.getMe();
  const broadcaster = createBroadcaster({
    subscriptions, events, api, limiter: createSendLimiter(TELEGRAM_LIMITS), logger: createLogger(config.LOG_LEVEL),
    now: () => new Date(), concurrency: BROADCAST_CONCURRENCY, owner: process.pid, linkFor: eventLink(username),
  });
  log(`${recorded} new ${kind} deliveries recorded${released > 0 ? `, ${released} interrupted ones resumed` : ''}`);
  const report = await broadcaster.drain();
  log(`sent ${report.sent}, skipped ${report.skipped}, paused ${report.paused}, failed ${report.failed}, to retry later ${report.retryLater} (${report.messages} messages)`);
  return report;
}
