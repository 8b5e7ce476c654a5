import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { ChronicleContext, Logger } from '../../src/bot/context.js';
import { createBot } from '../../src/bot/create-bot.js';
import { ingestPaths } from '../../src/corpus/ingest-corpus.js';
import { openDatabase } from '../../src/store/database.js';
import { type EventStore, createEventStore } from '../../src/store/event-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { subscriptionsFeature } from '../../src/bot/features/subscriptions.js';
import { TelegramHarness } from '../support/telegram-harness.js';

export const CORPUS = join(import.meta.dirname, '..', '..', 'data');

export interface LoggedLine { level: string; message: string; fields: Record<string, unknown> | undefined }

export function collectingLogger(lines: LoggedLine[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => { lines.push({ level, message, fields }); };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The default corpus in a temp SQLite file, and the real bot talking HTTP to the Bot API emulator. */
export async function startBotWorld(dir: string, options: { now?: Date; extraDocuments?: Record<string, string>; rateLimit?: { burst: number; refillMs: number } } = {}) {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))) copyFileSync(join(CORPUS, name), join(data, name));
  const { writeFileSync } = await import('node:fs');
  for (const [name, text] of Object.entries(options.extraDocuments ?? {})) writeFileSync(join(data, name), text);
  const db = openDatabase(join(dir, 'events.db'));
  const store = createEventStore(db);
  ingestPaths(store, [data], { maxDocumentBytes: 16_000_000 });
  const harness = await new TelegramHarness({ username: 'chronicle_test_bot' }).start();
  const logs: LoggedLine[] = [];
  let clock = options.now ?? new Date('2026-01-20T09:00:00Z');
  const subscriptions = createSubscriptionStore(db);
  const make = (withStore: EventStore = store): Bot<ChronicleContext> => {
    const deps = {
      store: withStore, config: { TZ: 'Asia/Baku' }, logger: collectingLogger(logs), now: () => clock,
      chatTimeZone: (chatId: number) => subscriptions.getSubscription(chatId)?.timeZone,
    };
    return createBot({
      token: harness.token, apiRoot: harness.apiRoot, botInfo: harness.botInfo, ...deps,
      rateLimit: options.rateLimit ?? { burst: 1000, refillMs: 1 },
      features: [subscriptionsFeature({ ...deps, subscriptions })],
    });
  };
  let bot = make();
  const client = harness.client({ userId: 7, chatId: 7, firstName: 'Reader' });

  /** Delivers what the emulator queued to the bot, and returns the Bot API calls that followed. */
  async function deliver(action: () => Promise<unknown> | unknown) {
    const mark = harness.mark();
    await action();
    for (const update of harness.drainUpdates()) await bot.handleUpdate(update as Update);
    return harness.calls.slice(mark).filter((call) => call.method !== 'getUpdates');
  }
  const sent = async (text: string) => (await deliver(() => (text.startsWith('/') ? client.sendCommand(client.makeCommand(text)) : client.sendMessage(client.makeMessage(text)))))
    .filter((call) => call.method === 'sendMessage');

  return {
    harness, store, subscriptions, db, logs, client, deliver, sent,
    get bot() { return bot; },
    restartBot(withStore?: EventStore) { bot = make(withStore); },
    setClock(instant: Date) { clock = instant; },
    async stop() { await harness.stop(); db.close(); },
  };
}
