import type { MiddlewareFn } from 'grammy';
import type { ChronicleContext } from './context.js';

export interface RateLimitOptions {
  /** Requests a user may make at once. */
  readonly burst: number;
  /** One more request is allowed every this many milliseconds. */
  readonly refillMs: number;
  readonly now: () => number;
}

interface Bucket { tokens: number; updatedAt: number; warned: boolean }

/** Above this many users, buckets that have refilled are forgotten (a full bucket is the default). */
const TRACKED_USERS_BEFORE_SWEEP = 10_000;

/**
 * A token bucket per user. Over the limit, the update is dropped; the user is told once per
 * empty bucket, so a flood gets one reply, not one per message.
 */
export function rateLimitPerUser(options: RateLimitOptions): MiddlewareFn<ChronicleContext> & { trackedUsers(): number } {
  const buckets = new Map<number, Bucket>();
  const refilledBy = (bucket: Bucket, now: number): number => bucket.tokens + Math.max(0, now - bucket.updatedAt) / options.refillMs;
  // A sweep walks every bucket: it runs at most once per time a bucket takes to refill, not per update.
  let nextSweepAt = -Infinity;
  const sweep = (now: number): void => {
    if (buckets.size <= TRACKED_USERS_BEFORE_SWEEP || now < nextSweepAt) return;
    for (const [id, bucket] of buckets) if (refilledBy(bucket, now) >= options.burst) buckets.delete(id);
    nextSweepAt = now + options.burst * options.refillMs;
  };
  const tellToWait = async (ctx: ChronicleContext, bucket: Bucket): Promise<void> => {
    if (bucket.warned) return;
    bucket.warned = true;
    const wait = Math.ceil(((1 - bucket.tokens) * options.refillMs) / 1000);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: `Too many requests: try again in ${wait} s.` });
      else if (ctx.chat) await ctx.reply(`You are asking faster than I can answer: please try again in ${wait} s.`);
    } catch {
      // Telling the user is a courtesy: a chat where the bot may not write must not fail the update.
    }
  };
  // Not async: an update within its user's limit goes on without a promise of its own.
  const middleware: MiddlewareFn<ChronicleContext> = (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const now = options.now();
    sweep(now);
    let bucket = buckets.get(userId);
    if (bucket) {
      bucket.tokens = Math.min(options.burst, refilledBy(bucket, now));
      bucket.updatedAt = now;
    } else {
      bucket = { tokens: options.burst, updatedAt: now, warned: false };
      buckets.set(userId, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return next();
    }
    return tellToWait(ctx, bucket);
  };
  return Object.assign(middleware, { trackedUsers: () => buckets.size });
}
