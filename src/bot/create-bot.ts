import { Bot, BotError, Composer, GrammyError, HttpError, type NextFunction } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import type { BotDependencies, ChronicleContext } from './context.js';
import { helpFeature } from './features/help.js';
import { inlineFeature } from './features/inline.js';
import { onThisDayFeature } from './features/on-this-day.js';
import { overviewFeature } from './features/overview.js';
import { topicFeature } from './features/topic.js';
import { weekFeature } from './features/week.js';
import { rateLimitPerUser } from './rate-limit.js';
import { oneUpdateAtATimePerChat } from './chat-order.js';
import { routeCommands } from './command-routing.js';

/** The command menu registered with setMyCommands on start. */
export const COMMAND_MENU = [
  { command: 'onthisday', description: 'This day in past years (or a date: 7 January)' },
  { command: 'topic', description: 'Search events: /topic words' },
  { command: 'timeline', description: 'Matches in date order: /timeline words' },
  { command: 'week', description: 'The week’s summary' },
  { command: 'latest', description: 'The newest events' },
  { command: 'sources', description: 'The documents I have read' },
  { command: 'stats', description: 'What the archive holds' },
  { command: 'subscribe', description: 'Daily and weekly posts here (admins)' },
  { command: 'settings', description: 'Post times, time zone, topic filter' },
  { command: 'preview', description: 'Preview the next post: /preview daily|weekly' },
  { command: 'unsubscribe', description: 'Stop the posts' },
  { command: 'help', description: 'How to ask' },
] as const;

export interface CreateBotOptions extends BotDependencies {
  readonly token: string;
  readonly apiRoot?: string;
  /** Known bot identity: skips getMe (tests, the local chat). */
  readonly botInfo?: UserFromGetMe;
  /** Extra features (subscriptions) composed after the reader features. */
  readonly features?: readonly Composer<ChronicleContext>[];
  readonly rateLimit?: { burst: number; refillMs: number };
}

export function createBot(options: CreateBotOptions): Bot<ChronicleContext> {
  const bot = new Bot<ChronicleContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  // Network errors are rethrown: auto-retry would retry them forever, stalling replies and broadcasts.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  const { logger } = options;
  // Concurrent long polling (@grammyjs/runner) still handles one chat's updates in order. A user's
  // updates without a chat (inline queries) queue with their private chat, whose id is theirs.
  const inChatOrder = oneUpdateAtATimePerChat<ChronicleContext>((ctx) => ctx.chat?.id ?? ctx.from?.id);
  const withinRateLimit = rateLimitPerUser({ burst: options.rateLimit?.burst ?? 8, refillMs: options.rateLimit?.refillMs ?? 2_500, now: () => options.now().getTime() });
  const fallback = new Composer<ChronicleContext>();
  fallback.chatType('private').on('message:text', (ctx) =>
    ctx.reply('I don’t know that command. /help lists what I can do; or just type words to search.'));
  const answer = routeCommands([
    // Plain text goes to the first feature that takes it: dates, weeks and the latest news before the topic search, which takes the rest.
    helpFeature(options), onThisDayFeature(options), weekFeature(options), overviewFeature(options), topicFeature(options), inlineFeature(options),
    ...(options.features ?? []),
    fallback,
  ]);
  // The error boundary: every feature's errors, in every mode (polling, webhook, handleUpdate), are
  // logged and answered with an apology, as grammY's errorBoundary would.
  const answerOrApologise = async (ctx: ChronicleContext, next: NextFunction): Promise<void> => {
    try {
      await answer(ctx, next);
    } catch (error) {
      await reportFailure(new BotError(error, ctx));
    }
  };
  // One layer of middleware for all three: every layer costs grammY two async calls per update.
  bot.use((ctx, next) => inChatOrder(ctx, () => withinRateLimit(ctx, () => answerOrApologise(ctx, next)) as Promise<void>));
  bot.catch((error) => reportFailure(error));

  async function reportFailure(error: BotError<ChronicleContext>): Promise<void> {
    const { ctx } = error;
    const cause = error.error;
    const kind = cause instanceof GrammyError ? `Bot API error ${cause.error_code}: ${cause.description}`
      : cause instanceof HttpError ? `network error: ${cause.message}` : String(cause instanceof Error ? cause.stack ?? cause.message : cause);
    logger.error('update failed', { updateId: ctx.update.update_id, update: ctx.update, error: kind });
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: 'Sorry, that did not work. Please try again.' });
      else if (ctx.chat && !(cause instanceof GrammyError)) await ctx.reply('Sorry, something went wrong on my side. Please try again in a moment.');
    } catch (replyError) {
      logger.warn('could not tell the user about the failure', { updateId: ctx.update.update_id, error: String(replyError) });
    }
  }
  return bot;
}
