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

/**
 * A token bucket per user. Over the limit, the update is dropped; the user is told once per
 * empty bucket, so a flood gets one reply, not one per message.
 */
export function rateLimitPerUser(options: RateLimitOptions): MiddlewareFn<ChronicleContext> {
  const buckets = new Map<number, Bucket>();
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const now = options.now();
    const bucket = buckets.get(userId) ?? { tokens: options.burst, updatedAt: now, warned: false };
    bucket.tokens = Math.min(options.burst, bucket.tokens + Math.max(0, now - bucket.updatedAt) / options.refillMs);
    bucket.updatedAt = now;
    buckets.set(userId, bucket);
    if (buckets.size > 10_000) for (const [id, b] of buckets) if (b.tokens >= options.burst) buckets.delete(id);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return next();
    }
    if (bucket.warned) return;
    bucket.warned = true;
    const wait = Math.ceil(((1 - bucket.tokens) * options.refillMs) / 1000);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: `Too many requests: try again in ${wait} s.` });
    else if (ctx.chat) await ctx.reply(`You are asking faster than I can answer: please try again in ${wait} s.`);
  };
}
