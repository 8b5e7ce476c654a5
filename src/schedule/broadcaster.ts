import { type Api, GrammyError } from 'grammy';
import type { Logger } from '../bot/context.js';
import { type ScheduledPost, composeScheduledPost } from '../digest/scheduled-post.js';
import type { EventStore } from '../store/event-store.js';
import type { Delivery, SubscriptionStore } from '../store/subscription-store.js';
import { periodDay } from './plan-deliveries.js';
import type { SendLimiter } from './send-limiter.js';

/** After a failure that may pass (network, 5xx, 400s other than migration), wait this long; then give up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000];

export interface BroadcasterOptions {
  readonly subscriptions: SubscriptionStore;
  readonly events: EventStore;
  readonly api: Api;
  readonly limiter: SendLimiter;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Deliveries sent at once; also the most messages whose fate a hard kill can leave uncertain. */
  readonly concurrency: number;
  /** Who claims deliveries in the ledger (the process id). */
  readonly owner: number;
  readonly linkFor?: (eventId: string) => string;
}

export interface DrainReport {
  sent: number;
  skipped: number;
  paused: number;
  failed: number;
  retryLater: number;
  messages: number;
}

const describe = (error: unknown): string =>
  error instanceof GrammyError ? `${error.error_code}: ${error.description}` : error instanceof Error ? error.message : String(error);

/**
 * Sends the ledger's due deliveries within Telegram's limits, recording each message as it goes,
 * so that a crash resumes at the first part not yet recorded.
 */
export function createBroadcaster(options: BroadcasterOptions) {
  const { subscriptions, logger, now } = options;
  /** Set on shutdown: nothing new is claimed or started; messages already on their way finish. */
  let stopping = false;
  /** Posts composed under the store's current generation: chats with the same settings share one. */
  let composed = { generation: '', posts: new Map<string, ScheduledPost>() };
  function postFor(delivery: Delivery, weeklyDay: number, topicFilter: string | null): ScheduledPost {
    const generation = options.events.generation();
    if (composed.generation !== generation || composed.posts.size >= 1_000) composed = { generation, posts: new Map() };
    const key = `${delivery.kind}|${delivery.period}|${weeklyDay}|${topicFilter ?? ''}`;
    let post = composed.posts.get(key);
    if (!post) {
      const day = periodDay(delivery.kind, delivery.period, weeklyDay);
      post = day ? composeScheduledPost(options.events, delivery.kind, day, topicFilter, options.linkFor ? { linkFor: options.linkFor } : {}) : { skip: `unreadable period ${delivery.period}` };
      composed.posts.set(key, post);
    }
    return post;
  }

  async function deliver(delivery: Delivery, report: DrainReport): Promise<void> {
    const subscription = subscriptions.getSubscription(delivery.chatId);
    if (!subscription || subscription.status !== 'active') {
      subscriptions.finishDelivery(delivery.id, 'paused', subscription ? `subscription paused: ${subscription.statusReason ?? ''}` : 'no longer subscribed', now());
      report.paused++;
      return;
    }
    let messages = delivery.messages;
    if (messages === null) {
      const post = postFor(delivery, subscription.weeklyDay, subscription.topicFilter);
      if ('skip' in post) {
        subscriptions.finishDelivery(delivery.id, 'skipped', post.skip, now());
        report.skipped++;
        return;
      }
      messages = post.messages;
    }
    // A retry resumes at the first part not sent: the parts must stay the ones first composed.
    const postToKeep = messages.length > 1 && delivery.messages === null ? messages : undefined;
    let chatId = delivery.chatId;
    let migrated = false;
    for (let part = delivery.partsSent; part < messages.length; part++) {
      await options.limiter.acquire(chatId, subscription.chatType !== 'private');
      if (stopping) {
        subscriptions.releaseDelivery(delivery.id, 'interrupted by a shutdown before the next part', now());
        return;
      }
      try {
        const message = await options.api.sendMessage(chatId, messages[part] ?? '', { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
        subscriptions.recordPartSent(delivery.id, message.message_id, now(), postToKeep);
        report.messages++;
      } catch (error) {
        const newChatId = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
        if (newChatId !== undefined && !migrated) {
          subscriptions.migrateChat(chatId, newChatId, now());
          logger.info('chat migrated to a supergroup; subscription moved', { from: chatId, to: newChatId });
          chatId = newChatId;
          migrated = true;
          part--;
          continue;
        }
        if (error instanceof GrammyError && error.error_code === 403) {
          subscriptions.setStatus(chatId, 'paused', error.description, now());
          subscriptions.finishDelivery(delivery.id, 'paused', `${describe(error)}; subscription paused`, now());
          logger.warn('bot cannot post to the chat; subscription paused', { chatId, error: describe(error) });
          report.paused++;
          return;
        }
        const delay = RETRY_DELAYS_MS[delivery.attempts - 1];
        if (delay === undefined) {
          subscriptions.finishDelivery(delivery.id, 'failed', `gave up after ${delivery.attempts} attempts: ${describe(error)}`, now());
          logger.error('delivery failed for good', { deliveryId: delivery.id, chatId, error: describe(error) });
          report.failed++;
        } else {
          subscriptions.retryDeliveryLater(delivery.id, new Date(now().getTime() + delay), `attempt ${delivery.attempts} failed: ${describe(error)}`, now());
          logger.warn('delivery will be retried', { deliveryId: delivery.id, chatId, inMs: delay, error: describe(error) });
          report.retryLater++;
        }
        return;
      }
    }
    subscriptions.finishDelivery(delivery.id, 'sent', null, now());
    report.sent++;
  }

  return {
    /** Claims nothing more; a running `drain` resolves once the messages already on their way are recorded. */
    stop(): void {
      stopping = true;
    },
    /** Sends everything due now, `concurrency` deliveries at a time; resolves when none is left. */
    async drain(): Promise<DrainReport> {
      const report: DrainReport = { sent: 0, skipped: 0, paused: 0, failed: 0, retryLater: 0, messages: 0 };
      const active = new Set<Promise<void>>();
      for (;;) {
        const room = stopping ? 0 : options.concurrency - active.size;
        const claimed = room > 0 ? subscriptions.claimDueDeliveries(now(), room, options.owner) : [];
        for (const delivery of claimed) {
          const task: Promise<void> = deliver(delivery, report)
            .catch((error: unknown) => {
              const delay = RETRY_DELAYS_MS[delivery.attempts - 1];
              logger.error('delivery crashed', { deliveryId: delivery.id, error: describe(error), retryInMs: delay ?? null });
              if (delay === undefined) subscriptions.finishDelivery(delivery.id, 'failed', `gave up after ${delivery.attempts} attempts: crashed: ${describe(error)}`, now());
              else subscriptions.retryDeliveryLater(delivery.id, new Date(now().getTime() + delay), `crashed: ${describe(error)}`, now());
            })
            .finally(() => active.delete(task));
          active.add(task);
        }
        if (active.size === 0) return report;
        await Promise.race(active);
      }
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
