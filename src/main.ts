/**
 * The composition root: config -> store -> ingest -> bot -> (long polling | webhook) -> shutdown.
 * `npm start`.
 */
import 'dotenv/config';
import { createServer } from 'node:http';
import { run } from '@grammyjs/runner';
import { GrammyError, HttpError, webhookCallback } from 'grammy';
import { COMMAND_MENU, createBot } from './bot/create-bot.js';
import { ConfigError, loadConfig } from './config.js';
import { createRescanner } from './corpus/ingest-corpus.js';
import { createLogger } from './logger.js';
import { DatabaseVersionError, openDatabase } from './store/database.js';
import { createEventStore } from './store/event-store.js';
import { createSubscriptionStore } from './store/subscription-store.js';
import { subscriptionsFeature } from './bot/features/subscriptions.js';
import { eventLink } from './bot/links.js';
import { createBroadcaster } from './schedule/broadcaster.js';
import { createScheduler } from './schedule/scheduler.js';
import { TELEGRAM_LIMITS, createSendLimiter } from './schedule/send-limiter.js';
import { BROADCAST_CONCURRENCY } from './cli/delivery-commands.js';

const NO_TOKEN_HELP = `TELEGRAM_BOT_TOKEN is not set, so the bot cannot connect to Telegram.

  To run the bot: create one with @BotFather, put TELEGRAM_BOT_TOKEN=<token> in .env
  (see .env.example), and run npm start again.

  Without a token you can still use everything:
    npm run chat                      talk to the same bot in this terminal
    npm run --silent cli -- help      the same answers from the command line
`;

/** Configuration and database problems are the operator's to fix: said plainly, without a stack trace. */
function openConfigAndDatabase(): { config: ReturnType<typeof loadConfig>; db: ReturnType<typeof openDatabase> } | undefined {
  try {
    const config = loadConfig(process.env);
    return { config, db: openDatabase(config.DATABASE_PATH) };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof DatabaseVersionError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

async function main(): Promise<number> {
  const opened = openConfigAndDatabase();
  if (!opened) return 1;
  const { config, db } = opened;
  const logger = createLogger(config.LOG_LEVEL);
  // The archive is brought up to date even without a token: the CLI and `npm run chat` read it.
  const store = createEventStore(db);
  // The same scan as every 5 minutes later: new and changed files in, deleted ones out.
  const rescanDataDirectory = createRescanner(store, config.DATA_DIR, { maxDocumentBytes: config.MAX_DOCUMENT_BYTES });
  const reports = await rescanDataDirectory();
  for (const report of reports.filter((r) => r.outcome !== 'kept')) {
    logger.info(`ingest: ${report.outcome} ${report.path}`, { added: report.eventsAdded, linked: report.eventsLinked, removed: report.eventsRemoved, problems: report.problems });
  }
  logger.info('event store ready', { ...store.stats() });
  if (!config.TELEGRAM_BOT_TOKEN) {
    process.stderr.write(NO_TOKEN_HELP);
    db.close();
    return 1;
  }

  const now = () => new Date();
  const subscriptions = createSubscriptionStore(db);
  const deps = { store, config, logger, now, chatTimeZone: (chatId: number) => subscriptions.getSubscription(chatId)?.timeZone };
  const bot = createBot({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, ...deps, features: [subscriptionsFeature({ ...deps, subscriptions })] });
  try {
    await bot.init();
    await bot.api.setMyCommands(COMMAND_MENU);
    if (!config.WEBHOOK_URL) await bot.api.deleteWebhook();
  } catch (error) {
    if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
    process.stderr.write(error instanceof GrammyError && error.error_code === 401
      ? 'The Bot API refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token with @BotFather.\n'
      : `Cannot start the bot: ${error.message} (TELEGRAM_API_ROOT is ${config.TELEGRAM_API_ROOT}).\n`);
    db.close();
    return 1;
  }
  logger.info('bot ready', { username: bot.botInfo.username });

  const broadcaster = createBroadcaster({
    subscriptions, events: store, api: bot.api, limiter: createSendLimiter(TELEGRAM_LIMITS), logger, now,
    concurrency: BROADCAST_CONCURRENCY, owner: process.pid, linkFor: eventLink(bot.botInfo.username),
  });
  const scheduler = createScheduler({
    subscriptions, broadcaster, logger, now,
    rescan: async () => {
      const rescanned = await rescanDataDirectory();
      for (const report of rescanned.filter((r) => r.outcome !== 'kept')) logger.info(`ingest: ${report.outcome} ${report.path}`, { added: report.eventsAdded, problems: report.problems });
    },
  });
  scheduler.start();

  let stopReceiving: () => Promise<void>;
  if (config.WEBHOOK_URL) {
    // A slow update (say, a 429 waited out) is answered 200 at the timeout and finishes in the background.
    const handle = webhookCallback(bot, 'http', { secretToken: config.WEBHOOK_SECRET, onTimeout: 'return', timeoutMilliseconds: config.WEBHOOK_TIMEOUT_MS });
    const server = createServer((request, response) => {
      handle(request, response).catch((error: unknown) => {
        logger.error('webhook request failed', { error: String(error) });
        // Answered anyway: Telegram would otherwise send the same failing update again and again.
        if (!response.headersSent) response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(config.WEBHOOK_PORT, resolve));
    await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET ?? '', allowed_updates: ['message', 'edited_message', 'callback_query', 'inline_query', 'channel_post', 'my_chat_member'] });
    logger.info('webhook server listening', { port: config.WEBHOOK_PORT });
    stopReceiving = () => new Promise((resolve) => server.close(() => resolve()));
  } else {
    // The runner's own error output would print request URLs, which hold the token: it is silenced,
    // and failed polls are logged here instead (the runner keeps retrying).
    bot.api.config.use(async (previous, method, payload, signal) => {
      try {
        return await previous(method, payload, signal);
      } catch (error) {
        if (method === 'getUpdates') {
          const message = error instanceof Error ? error.message : String(error);
          logger.warn('polling for updates failed; retrying', { error: message.split(config.TELEGRAM_BOT_TOKEN ?? '').join('<token>') });
        }
        throw error;
      }
    });
    const runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: ['message', 'edited_message', 'callback_query', 'inline_query', 'channel_post', 'my_chat_member'] } } });
    logger.info('long polling');
    stopReceiving = async () => {
      if (runner.isRunning()) await runner.stop();
      // Let updates still in their handlers finish before the database closes (at most 10 s).
      for (let waited = 0; runner.size() > 0 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    };
  }

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info('shutting down', { signal });
      resolve();
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
  await stopReceiving();
  await scheduler.stop();
  db.close();
  logger.info('stopped');
  return 0;
}

process.exitCode = await main();
