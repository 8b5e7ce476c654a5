import type { MiddlewareFn } from 'grammy';
import type { ChronicleContext } from './context.js';

export interface RateLimitOptions {
  /** Requests a user may make at once. */
  readonly burst: number;
  /** One more request is allowed every this many milliseconds. */
  readonly refillMs: number;
  readonly now: () => number;
}

/** Above this many users, users whose allowance has refilled are forgotten (a full allowance is the default). */
const TRACKED_USERS_BEFORE_SWEEP = 10_000;

/**
 * A token bucket per user, kept as one number: the time at which the user's bucket will be full
 * again (the generic cell rate algorithm). Each request moves it one refill later; a request that
 * would move it more than a full bucket ahead is refused. Over the limit, the update is dropped;
 * the user is told once per empty bucket, so a flood gets one reply, not one per message.
 */
export function rateLimitPerUser(options: RateLimitOptions): MiddlewareFn<ChronicleContext> & { trackedUsers(): number } {
  // The limiter's own clock: milliseconds since it was made, counting only forward steps of the wall
  // clock (set back, the clock does not charge every user the difference). Small whole numbers,
  // which a Map holds without allocating.
  let wallBefore = options.now();
  let time = 0;
  const tick = (): number => {
    const wall = options.now();
    time += Math.max(0, wall - wallBefore);
    wallBefore = wall;
    return time;
  };
  const fullAt = new Map<number, number>();
  const warned = new Set<number>();
  const fullBucketMs = options.burst * options.refillMs;
  // A sweep walks every user: it runs at most once per time a bucket takes to refill, not per update.
  let nextSweepAt = -Infinity;
  const sweep = (now: number): void => {
    if (fullAt.size <= TRACKED_USERS_BEFORE_SWEEP || now < nextSweepAt) return;
    for (const [id, at] of fullAt) {
      if (at <= now) {
        fullAt.delete(id);
        warned.delete(id);
      }
    }
    nextSweepAt = now + fullBucketMs;
  };
  const tellToWait = async (ctx: ChronicleContext, userId: number, waitMs: number): Promise<void> => {
    if (warned.has(userId)) return;
    warned.add(userId);
    const wait = Math.ceil(waitMs / 1000);
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
    const now = tick();
    sweep(now);
    const after = Math.max(fullAt.get(userId) ?? now, now) + options.refillMs;
    if (after - now <= fullBucketMs) {
      fullAt.set(userId, after);
      if (warned.size > 0) warned.delete(userId);
      return next();
    }
    return tellToWait(ctx, userId, after - now - fullBucketMs);
  };
  return Object.assign(middleware, { trackedUsers: () => fullAt.size });
}
