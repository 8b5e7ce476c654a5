/**
 * `npm run chat`: the real bot, in this terminal, with no token and no network. What you type goes
 * in as updates from a private chat; what the bot sends is printed, buttons numbered: type the
 * number (or /press N) to press one. `@ words` is an inline query. Ctrl-D or /quit ends.
 */
import 'dotenv/config';
import { createInterface } from 'node:readline';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createBot } from '../bot/create-bot.js';
import { ConfigError, loadConfig } from '../config.js';
import { createRescanner } from '../corpus/ingest-corpus.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../store/database.js';
import { createEventStore } from '../store/event-store.js';
import { createSubscriptionStore } from '../store/subscription-store.js';
import { subscriptionsFeature } from '../bot/features/subscriptions.js';
import { type ShownMessage, htmlToTerminal, localTelegram } from './local-telegram.js';

const BOT_INFO: UserFromGetMe = {
  id: 1, is_bot: true, first_name: 'Chronicle Bot', username: 'chronicle_local_bot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;
const YOU = { id: 100, is_bot: false, first_name: 'You' } as const;
const CHAT = { id: 100, type: 'private', first_name: 'You' } as const;

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) { process.stderr.write(`${error.message}\n`); return 1; }
    throw error;
  }
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const db = openDatabase(config.DATABASE_PATH);
  const store = createEventStore(db);
  for (const report of await createRescanner(store, config.DATA_DIR, { maxDocumentBytes: config.MAX_DOCUMENT_BYTES })()) {
    for (const problem of report.problems) process.stderr.write(`${problem.where}: ${problem.message}\n`);
  }

  let lastWithButtons: ShownMessage | undefined;
  const telegram = localTelegram(BOT_INFO, {
    message(message, edited) {
      out(`\n${edited ? `── bot (edited message ${message.messageId}) ──` : '── bot ──'}\n${htmlToTerminal(message.html, color)}`);
      const flat = message.buttons.flat();
      if (flat.length > 0) {
        out(flat.map((button, i) => `[${i + 1}] ${button.text}`).join('   '));
        lastWithButtons = message;
      }
    },
    notice(text) { out(`\n(bot) ${text}`); },
  });
  const subscriptions = createSubscriptionStore(db);
  const deps = {
    store, config, now: () => new Date(), logger: createLogger(config.LOG_LEVEL === 'debug' ? 'debug' : 'warn'),
    chatTimeZone: (chatId: number) => subscriptions.getSubscription(chatId)?.timeZone,
  };
  // One local user: no rate limit to protect anyone from, and pasted lines must all get answers.
  const bot = createBot({ token: 'local-chat', botInfo: BOT_INFO, ...deps, rateLimit: { burst: 1_000_000, refillMs: 1 }, features: [subscriptionsFeature({ ...deps, subscriptions })] });
  bot.api.config.use(telegram.transformer);

  let updateId = 1;
  let messageId = 1_000_000;
  const date = () => Math.floor(Date.now() / 1000);
  const toUpdate = (line: string): Update | string => {
    const press = /^(?:\/press\s+)?(\d{1,2})$/.exec(line);
    if (press && lastWithButtons) {
      const button = lastWithButtons.buttons.flat()[Number(press[1]) - 1];
      if (!button) return `There is no button ${press[1]}.`;
      return { update_id: updateId++, callback_query: { id: String(updateId), from: YOU, chat_instance: '1', data: button.callback_data,
        message: { message_id: lastWithButtons.messageId, date: date(), chat: CHAT, text: htmlToTerminal(lastWithButtons.html, false) } } } as Update;
    }
    if (line.startsWith('@')) {
      // `@words`, or `@botname words` as typed in Telegram.
      const query = line.startsWith(`@${BOT_INFO.username} `) || line === `@${BOT_INFO.username}` ? line.slice(BOT_INFO.username.length + 1) : line.slice(1);
      return { update_id: updateId++, inline_query: { id: String(updateId), from: YOU, query: query.trim(), offset: '' } } as Update;
    }
    // As Telegram marks it: the command and the bot it is addressed to (`/week@name`).
    const command = /^\/\w+(?:@\w+)?/.exec(line);
    return { update_id: updateId++, message: { message_id: messageId++, date: date(), chat: CHAT, from: YOU, text: line,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) } } as Update;
  };

  out(`Chronicle Bot, local chat (${store.stats().events} events). Type /help, words to search, a number to press a button, @words for inline; /quit ends.`);
  const interactive = Boolean(process.stdin.isTTY);
  const input = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, terminal: true } : { terminal: false }) });
  input.on('SIGINT', () => input.close());
  if (interactive) { input.setPrompt('\nyou> '); input.prompt(); }
  for await (const raw of input) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line !== '') {
      const update = toUpdate(line);
      if (typeof update === 'string') out(update);
      else await bot.handleUpdate(update);
    }
    if (interactive) input.prompt();
  }
  input.close();
  db.close();
  return 0;
}

process.exitCode = await main();
