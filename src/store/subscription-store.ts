import type { SqliteDatabase } from './database.js';

export type PostKind = 'daily' | 'weekly';
export type SubscriptionStatus = 'active' | 'paused';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'paused';

export interface Subscription {
  readonly chatId: number;
  readonly chatType: string;
  readonly title: string | null;
  readonly status: SubscriptionStatus;
  readonly statusReason: string | null;
  readonly dailyEnabled: boolean;
  /** `HH:MM` in the subscription's time zone. */
  readonly dailyTime: string;
  readonly weeklyEnabled: boolean;
  /** ISO day of the week: 1 Monday … 7 Sunday. */
  readonly weeklyDay: number;
  readonly weeklyTime: string;
  readonly timeZone: string;
  readonly topicFilter: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type SubscriptionSettings = Partial<Pick<Subscription, 'dailyEnabled' | 'dailyTime' | 'weeklyEnabled' | 'weeklyDay' | 'weeklyTime' | 'timeZone' | 'topicFilter'>>;

export interface Delivery {
  readonly id: number;
  readonly chatId: number;
  readonly kind: PostKind;
  /** `YYYY-MM-DD` for a daily post, `YYYY-Www` (ISO week) for a weekly one. */
  readonly period: string;
  readonly status: DeliveryStatus;
  readonly reason: string | null;
  readonly dueAt: string;
  readonly nextAttemptAt: string;
  readonly attempts: number;
  readonly partsSent: number;
  readonly messageIds: number[];
  /** The parts of a post in several parts, kept once its first part is sent, until the delivery ends. */
  readonly messages: string[] | null;
  readonly updatedAt: string;
}

export interface DeliveryDecision {
  readonly chatId: number;
  readonly kind: PostKind;
  readonly period: string;
  readonly status: 'pending' | 'skipped';
  readonly reason?: string;
  readonly dueAt: string;
}

export const DEFAULT_SETTINGS = { dailyTime: '09:00', weeklyDay: 1, weeklyTime: '10:00' } as const;

interface SubscriptionRow {
  chat_id: number; chat_type: string; title: string | null; status: SubscriptionStatus; status_reason: string | null;
  daily_enabled: number; daily_time: string; weekly_enabled: number; weekly_day: number; weekly_time: string;
  time_zone: string; topic_filter: string | null; created_at: string; updated_at: string;
}
interface DeliveryRow {
  id: number; chat_id: number; kind: PostKind; period: string; status: DeliveryStatus; reason: string | null; due_at: string;
  next_attempt_at: string; attempts: number; parts_sent: number; message_ids: string; messages: string | null; updated_at: string;
}

const toSubscription = (row: SubscriptionRow): Subscription => ({
  chatId: row.chat_id, chatType: row.chat_type, title: row.title, status: row.status, statusReason: row.status_reason,
  dailyEnabled: row.daily_enabled === 1, dailyTime: row.daily_time, weeklyEnabled: row.weekly_enabled === 1,
  weeklyDay: row.weekly_day, weeklyTime: row.weekly_time, timeZone: row.time_zone, topicFilter: row.topic_filter,
  createdAt: row.created_at, updatedAt: row.updated_at,
});
const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id, chatId: row.chat_id, kind: row.kind, period: row.period, status: row.status, reason: row.reason,
  dueAt: row.due_at, nextAttemptAt: row.next_attempt_at, attempts: row.attempts, partsSent: row.parts_sent,
  messageIds: JSON.parse(row.message_ids) as number[], messages: row.messages === null ? null : JSON.parse(row.messages) as string[],
  updatedAt: row.updated_at,
});

/** The one place with SQL for subscriptions and the delivery ledger. */
export function createSubscriptionStore(db: SqliteDatabase) {
  const s = {
    get: db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE chat_id = ?'),
    insert: db.prepare(`INSERT INTO subscriptions (chat_id, chat_type, title, status, status_reason, daily_enabled, daily_time,
      weekly_enabled, weekly_day, weekly_time, time_zone, topic_filter, created_at, updated_at)
      VALUES (@chatId, @chatType, @title, 'active', NULL, 1, @dailyTime, 1, @weeklyDay, @weeklyTime, @timeZone, NULL, @now, @now)`),
    resume: db.prepare("UPDATE subscriptions SET status = 'active', status_reason = NULL, title = coalesce(@title, title), updated_at = @now WHERE chat_id = @chatId"),
    remove: db.prepare('DELETE FROM subscriptions WHERE chat_id = ?'),
    setStatus: db.prepare('UPDATE subscriptions SET status = ?, status_reason = ?, updated_at = ? WHERE chat_id = ?'),
    update: db.prepare(`UPDATE subscriptions SET daily_enabled = @dailyEnabled, daily_time = @dailyTime, weekly_enabled = @weeklyEnabled,
      weekly_day = @weeklyDay, weekly_time = @weeklyTime, time_zone = @timeZone, topic_filter = @topicFilter, updated_at = @now WHERE chat_id = @chatId`),
    moveSubscription: db.prepare('UPDATE subscriptions SET chat_id = ?, chat_type = ?, updated_at = ? WHERE chat_id = ?'),
    moveDeliveries: db.prepare('UPDATE OR IGNORE deliveries SET chat_id = ? WHERE chat_id = ?'),
    active: db.prepare<[], SubscriptionRow>("SELECT * FROM subscriptions WHERE status = 'active' ORDER BY chat_id"),
    all: db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY chat_id'),
    recordDecision: db.prepare(`INSERT OR IGNORE INTO deliveries (chat_id, kind, period, status, reason, due_at, next_attempt_at, updated_at)
      VALUES (@chatId, @kind, @period, @status, @reason, @dueAt, @dueAt, @now)`),
    hasDelivery: db.prepare<[number, string, string], { found: number }>('SELECT 1 AS found FROM deliveries WHERE chat_id = ? AND kind = ? AND period = ?'),
    claimable: db.prepare<[string, number], DeliveryRow>("SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"),
    claim: db.prepare("UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claimed_by = ?, updated_at = ? WHERE id = ? AND status = 'pending'"),
    partSent: db.prepare(`UPDATE deliveries SET parts_sent = parts_sent + 1, message_ids = json_insert(message_ids, '$[#]', ?),
      messages = coalesce(messages, ?), updated_at = ? WHERE id = ?`),
    finish: db.prepare('UPDATE deliveries SET status = ?, reason = ?, claimed_by = NULL, messages = NULL, updated_at = ? WHERE id = ?'),
    retryLater: db.prepare("UPDATE deliveries SET status = 'pending', reason = ?, next_attempt_at = ?, claimed_by = NULL, updated_at = ? WHERE id = ?"),
    sending: db.prepare<[], { id: number; claimed_by: number | null }>("SELECT id, claimed_by FROM deliveries WHERE status = 'sending'"),
    release: db.prepare("UPDATE deliveries SET status = 'pending', reason = ?, claimed_by = NULL, updated_at = ? WHERE id = ? AND status = 'sending'"),
    byId: db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?'),
    list: db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries ORDER BY due_at DESC, chat_id LIMIT ?'),
    counts: db.prepare<[], { status: DeliveryStatus; n: number }>('SELECT status, count(*) AS n FROM deliveries GROUP BY status'),
    waiting: db.prepare<[], { next: string | null }>("SELECT min(next_attempt_at) AS next FROM deliveries WHERE status = 'pending'"),
  };

  return {
    getSubscription(chatId: number): Subscription | undefined {
      const row = s.get.get(chatId);
      return row ? toSubscription(row) : undefined;
    },
    /** Subscribes a chat with default settings, or resumes a paused subscription. */
    subscribe(chatId: number, chatType: string, title: string | null, timeZone: string, now: Date): { subscription: Subscription; created: boolean } {
      return db.transaction(() => {
        const existing = s.get.get(chatId);
        if (existing) s.resume.run({ chatId, title, now: now.toISOString() });
        else s.insert.run({ chatId, chatType, title, timeZone, now: now.toISOString(), ...DEFAULT_SETTINGS });
        return { subscription: toSubscription(s.get.get(chatId) as SubscriptionRow), created: !existing };
      })();
    },
    unsubscribe(chatId: number): boolean {
      return s.remove.run(chatId).changes > 0;
    },
    setStatus(chatId: number, status: SubscriptionStatus, reason: string | null, now: Date): boolean {
      return s.setStatus.run(status, reason, now.toISOString(), chatId).changes > 0;
    },
    updateSettings(chatId: number, settings: SubscriptionSettings, now: Date): Subscription | undefined {
      const current = this.getSubscription(chatId);
      if (!current) return undefined;
      const next = { ...current, ...settings };
      s.update.run({
        chatId, dailyEnabled: next.dailyEnabled ? 1 : 0, dailyTime: next.dailyTime, weeklyEnabled: next.weeklyEnabled ? 1 : 0,
        weeklyDay: next.weeklyDay, weeklyTime: next.weeklyTime, timeZone: next.timeZone, topicFilter: next.topicFilter, now: now.toISOString(),
      });
      return this.getSubscription(chatId);
    },
    /** A group became a supergroup: the subscription and its ledger move to the new chat id. */
    migrateChat(fromChatId: number, toChatId: number, now: Date): boolean {
      return db.transaction(() => {
        if (!s.get.get(fromChatId) || s.get.get(toChatId)) return false;
        s.moveSubscription.run(toChatId, 'supergroup', now.toISOString(), fromChatId);
        s.moveDeliveries.run(toChatId, fromChatId);
        return true;
      })();
    },
    listActiveSubscriptions(): Subscription[] {
      return s.active.all().map(toSubscription);
    },
    listSubscriptions(): Subscription[] {
      return s.all.all().map(toSubscription);
    },
    hasDelivery(chatId: number, kind: PostKind, period: string): boolean {
      return s.hasDelivery.get(chatId, kind, period) !== undefined;
    },
    /** Writes the decisions to send (or skip) in one transaction; a period already in the ledger is left alone. */
    recordDecisions(decisions: readonly DeliveryDecision[], now: Date): number {
      return db.transaction(() => decisions.reduce((inserted, decision) => inserted + s.recordDecision.run({
        chatId: decision.chatId, kind: decision.kind, period: decision.period, status: decision.status,
        reason: decision.reason ?? null, dueAt: decision.dueAt, now: now.toISOString(),
      }).changes, 0))();
    },
    /** Marks up to `limit` due deliveries as being sent by `owner` (a process id) and returns them. */
    claimDueDeliveries(now: Date, limit: number, owner: number): Delivery[] {
      return db.transaction(() => {
        const claimed: Delivery[] = [];
        for (const row of s.claimable.all(now.toISOString(), limit)) {
          if (s.claim.run(owner, now.toISOString(), row.id).changes === 1) claimed.push(toDelivery({ ...row, status: 'sending', attempts: row.attempts + 1 }));
        }
        return claimed;
      })();
    },
    /**
     * One part confirmed by Telegram. With the first part of a post in several parts, the post is
     * kept, so that a retry sends the rest of this same post; finishing the delivery drops it.
     */
    recordPartSent(deliveryId: number, messageId: number, now: Date, postToKeep?: readonly string[]): void {
      s.partSent.run(messageId, postToKeep ? JSON.stringify(postToKeep) : null, now.toISOString(), deliveryId);
    },
    finishDelivery(deliveryId: number, status: 'sent' | 'skipped' | 'failed' | 'paused', reason: string | null, now: Date): void {
      s.finish.run(status, reason, now.toISOString(), deliveryId);
    },
    retryDeliveryLater(deliveryId: number, at: Date, reason: string, now: Date): void {
      s.retryLater.run(reason, at.toISOString(), now.toISOString(), deliveryId);
    },
    /** A claimed delivery handed back untouched (a shutdown): pending again, to resume at its next part. */
    releaseDelivery(deliveryId: number, reason: string, now: Date): void {
      s.release.run(reason, now.toISOString(), deliveryId);
    },
    /**
     * Deliveries left 'sending' by a process that is gone (a hard kill) go back to 'pending': they
     * are sent again from the first part not recorded as sent, so a chat may get that part twice.
     */
    releaseAbandonedDeliveries(isAlive: (owner: number) => boolean, now: Date): number {
      let released = 0;
      for (const row of s.sending.all()) {
        if (row.claimed_by !== null && isAlive(row.claimed_by)) continue;
        released += s.release.run('resumed after an interrupted send (the message in flight then may arrive twice)', now.toISOString(), row.id).changes;
      }
      return released;
    },
    getDelivery(id: number): Delivery | undefined {
      const row = s.byId.get(id);
      return row ? toDelivery(row) : undefined;
    },
    listDeliveries(limit = 1000): Delivery[] {
      return s.list.all(limit).map(toDelivery);
    },
    deliveryCounts(): Record<DeliveryStatus, number> {
      const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0, paused: 0 };
      for (const row of s.counts.all()) counts[row.status] = row.n;
      return counts;
    },
    nextWaitingAttempt(): string | null {
      return s.waiting.get()?.next ?? null;
    },
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
