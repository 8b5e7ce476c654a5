import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { createRescanner, ingestPaths } from '../../src/corpus/ingest-corpus.js';
import { createBroadcaster } from '../../src/schedule/broadcaster.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { type SendLimits, createSendLimiter } from '../../src/schedule/send-limiter.js';
import { openDatabase } from '../../src/store/database.js';
import { createEventStore } from '../../src/store/event-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { collectingLogger, type LoggedLine } from '../bot/bot-harness.js';
import { TelegramHarness } from '../support/telegram-harness.js';

export const FAST_LIMITS: SendLimits = { perSecond: 10_000, privateChatIntervalMs: 0, groupChatIntervalMs: 0 };

/** The default corpus in SQLite, the Bot API emulator, and the real broadcaster and scheduler on a simulated clock. */
export async function startScheduleWorld(dir: string, start: Date, limits: SendLimits = FAST_LIMITS) {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  const corpus = join(import.meta.dirname, '..', '..', 'data');
  for (const name of readdirSync(corpus).filter((f) => f.endsWith('.txt'))) copyFileSync(join(corpus, name), join(data, name));
  const db = openDatabase(join(dir, 'events.db'));
  const events = createEventStore(db);
  const subscriptions = createSubscriptionStore(db);
  ingestPaths(events, [data], { maxDocumentBytes: 16_000_000 });
  const harness = await new TelegramHarness().start();
  const api = new Api(harness.token, { apiRoot: harness.apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }));
  let clock = start;
  const now = () => clock;
  const logs: LoggedLine[] = [];
  const logger = collectingLogger(logs);
  const broadcaster = createBroadcaster({ subscriptions, events, api, limiter: createSendLimiter(limits), logger, now, concurrency: 4, owner: process.pid });
  const rescan = createRescanner(events, data, { maxDocumentBytes: 16_000_000 });
  const scheduler = createScheduler({ subscriptions, broadcaster, logger, now, rescan: async () => { await rescan(); }, isAlive: () => false });
  const sentTo = (chatId: number) => harness.calls.filter((c) => c.method === 'sendMessage' && c.response?.ok && Number(c.payload.chat_id) === chatId);
  return {
    data, db, events, subscriptions, harness, scheduler, broadcaster, logs, sentTo,
    get now() { return clock; },
    setClock(instant: Date) { clock = instant; },
    runUntil: (to: Date) => scheduler.runUntil(clock, to, (instant) => { clock = instant; }),
    async stop() { await harness.stop(); db.close(); },
  };
}
