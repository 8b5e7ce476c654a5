/** Updates per second through the whole bot (handleUpdate, API calls recorded, no network) beside a bare grammY bot. */
import { closeSync, openSync, readSync } from 'node:fs';
import { Bot, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createBot } from '../src/bot/create-bot.js';
import { createLogger } from '../src/logger.js';
import { openDatabase } from '../src/store/database.js';
import { createEventStore } from '../src/store/event-store.js';

const BOT_INFO = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;
/** The bots' clock: a fixed instant, read as production reads the time (a new Date per call, no parsing). */
const BENCH_TIME = Date.parse('2026-01-20T09:00:00Z');
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function recordingTransformer(): { transformer: Transformer; calls: () => number } {
  let calls = 0;
  const transformer: Transformer = async (_prev, method, payload) => {
    calls++;
    const chatId = (payload as { chat_id?: number }).chat_id ?? 0;
    return { ok: true, result: method === 'sendMessage' ? { message_id: calls, date: 0, chat: { id: chatId, type: 'private' } } : true } as never;
  };
  return { transformer, calls: () => calls };
}

/** Reads the file through once, so that the OS holds its pages in memory. */
function readWholeFile(path: string): void {
  const buffer = Buffer.alloc(16 << 20);
  const fd = openSync(path, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

const update = (i: number, text: string): Update => ({
  update_id: i, message: { message_id: i, date: 0, chat: { id: 10_000 + i, type: 'private', first_name: 'U' }, from: { id: 10_000 + i, is_bot: false, first_name: 'U' }, text,
    entities: text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] : [] },
} as Update);

async function measure(bot: Bot<never> | Bot, texts: string[], passes: number): Promise<{ perSecond: number; p50: number; p99: number; max: number }> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < texts.length * passes; i++) {
    const t = performance.now();
    await bot.handleUpdate(update(1_000 + i, texts[i % texts.length] ?? '/start'));
    samples.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    perSecond: samples.length / seconds, p50: samples[Math.floor(samples.length * 0.5)] ?? 0,
    p99: samples[Math.floor(samples.length * 0.99)] ?? 0, max: samples.at(-1) ?? 0,
  };
}

export async function benchBotThroughput(databasePath: string): Promise<void> {
  const db = openDatabase(databasePath);
  const store = createEventStore(db);
  const newBot = (botStore = store) => {
    const bot = createBot({ token: 'bench', botInfo: BOT_INFO, store: botStore, config: { TZ: 'UTC' }, logger: createLogger('error'), now: () => new Date(BENCH_TIME) });
    bot.api.config.use(recordingTransformer().transformer);
    return bot;
  };
  const floor = new Bot('bench', { botInfo: BOT_INFO });
  floor.api.config.use(recordingTransformer().transformer);
  floor.on('message', (ctx) => ctx.reply('constant'));

  // 336 distinct days; 300 distinct topic queries: rare words, pairs, words in a large share of all
  // events (Azerbaijan 55%, president 25%, Baku 20%), and "statement", in a third of all events.
  const days = Array.from({ length: 336 }, (_, i) => `/onthisday ${1 + (i % 28)}.${1 + Math.floor(i / 28)}`);
  const words = ['Pezeshkian', 'border guards', 'court sentenced', 'Kobakhidze', 'statement', 'gas pipeline', 'Bayramov', 'black boxes',
    'Toplum TV', 'PACE', 'Ibadoglu', 'Vardanyan', 'Mizner', 'foreign minister', 'human rights', 'journalist', 'Lachin', 'election',
    'protest', 'Ukraine', 'Karabakh', 'USAID', 'Putin', 'Macron', 'explosion'];
  const others = ['', 'Baku', 'Azerbaijan', 'Iran', 'Russia', 'EU', 'Armenia', 'Georgia', 'Turkey', 'president', 'Aliyev', 'peace'];
  const topicTexts = Array.from({ length: words.length * others.length }, (_, i) => `/topic ${words[i % words.length]} ${others[Math.floor(i / words.length)]}`.trim());
  // Repeated runs go on for 20,000 updates: over a few hundred, one garbage collection moves the
  // figure by half. They alternate with the bare bot's, five rounds each, because this machine's
  // speed drifts over seconds: each round's ratio is against the bare bot's run just before it.
  const passesFor = (texts: readonly string[]) => Math.ceil(20_000 / texts.length);
  const ROUNDS = 5;
  await measure(floor, days.slice(0, 50), 1);
  const floorRuns = [await measure(floor, days, passesFor(days))];
  const rows: string[] = [];
  for (const [label, texts] of [['/onthisday', days], ['/topic (frequent word incl.)', topicTexts]] as const) {
    // New questions on a connection of their own, twice: with the file's pages as the OS left them
    // (this VM pages out file pages idle for ~30 s), then with the whole file just read.
    for (const fileCached of [false, true]) {
      if (fileCached) readWholeFile(databasePath);
      const coldDb = openDatabase(databasePath);
      const cold = await measure(newBot(createEventStore(coldDb)), [...texts], 1);
      coldDb.close();
      rows.push(`  ${`${label}, every query new${fileCached ? ' (file cached)' : ''}`.padEnd(45)} ${fmt(cold.perSecond).padStart(7)} updates/s   p50 ${fmt(cold.p50, 2)} ms  p99 ${fmt(cold.p99, 2)} ms  max ${fmt(cold.max, 2)} ms   ${fmt(cold.perSecond / floorRuns.at(-1)!.perSecond, 2)} of the floor`);
    }
    const warmBot = newBot();
    await measure(warmBot, [...texts], 1);
    const rounds: { result: Awaited<ReturnType<typeof measure>>; ratio: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const floorRun = await measure(floor, days, passesFor(days));
      floorRuns.push(floorRun);
      const result = await measure(warmBot, [...texts], passesFor(texts));
      rounds.push({ result, ratio: result.perSecond / floorRun.perSecond });
    }
    rounds.sort((a, b) => a.ratio - b.ratio);
    const median = rounds[Math.floor(ROUNDS / 2)]!;
    rows.push(`  ${`${label}, asked again (answer cached)`.padEnd(45)} ${fmt(median.result.perSecond).padStart(7)} updates/s   p50 ${fmt(median.result.p50, 2)} ms  p99 ${fmt(median.result.p99, 2)} ms  max ${fmt(median.result.max, 2)} ms   ${fmt(median.ratio, 2)} of the floor (median of ${ROUNDS} rounds: ${rounds.map((r) => fmt(r.ratio, 2)).join(' ')})`);
  }
  floorRuns.sort((a, b) => a.perSecond - b.perSecond);
  const floorResult = floorRuns[Math.floor(floorRuns.length / 2)]!;
  console.log(`\nbot throughput (handleUpdate, recording API transformer, ${fmt(store.stats().events)} events)`);
  console.log(`  bare grammY bot, constant reply               ${fmt(floorResult.perSecond).padStart(7)} updates/s   p50 ${fmt(floorResult.p50, 2)} ms  p99 ${fmt(floorResult.p99, 2)} ms  max ${fmt(floorResult.max, 2)} ms   (median of its ${floorRuns.length} runs: ${fmt(floorRuns[0]!.perSecond)}–${fmt(floorRuns.at(-1)!.perSecond)})`);
  for (const row of rows) console.log(row);
  db.close();
}
