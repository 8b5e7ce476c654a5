/**
 * A weekly digest to many subscribed chats against the Bot API emulator enforcing Telegram's
 * limits (answering 429 past them), with time scaled: every limit is multiplied by `scale`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { ingestPaths } from '../src/corpus/ingest-corpus.js';
import { createLogger } from '../src/logger.js';
import { createBroadcaster } from '../src/schedule/broadcaster.js';
import { TELEGRAM_LIMITS, createSendLimiter } from '../src/schedule/send-limiter.js';
import { openDatabase } from '../src/store/database.js';
import { createEventStore } from '../src/store/event-store.js';
import { createSubscriptionStore } from '../src/store/subscription-store.js';
import { TelegramHarness } from '../tests/support/telegram-harness.js';

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchBroadcast(dataDir: string, chats: number, scale: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-broadcast-'));
  const db = openDatabase(join(dir, 'events.db'));
  const events = createEventStore(db);
  const subscriptions = createSubscriptionStore(db);
  ingestPaths(events, [dataDir], { maxDocumentBytes: 16_000_000 });
  const chatIds = Array.from({ length: chats }, (_, i) => -1_000_000_000 - i);
  db.transaction(() => { for (const id of chatIds) subscriptions.subscribe(id, 'channel', null, 'UTC', new Date('2026-01-01T00:00:00Z')); })();
  const now = new Date('2026-01-19T10:00:00Z');
  subscriptions.recordDecisions(chatIds.map((chatId) => ({ chatId, kind: 'weekly', period: '2026-W04', status: 'pending', dueAt: now.toISOString() })), now);

  const limits = { perSecond: TELEGRAM_LIMITS.perSecond * scale, privateChatIntervalMs: TELEGRAM_LIMITS.privateChatIntervalMs / scale, groupChatIntervalMs: TELEGRAM_LIMITS.groupChatIntervalMs / scale };
  const harness = await new TelegramHarness({ token: '123456789:AAHbroadcast-bench-token_abcdefghijk' }).start();
  harness.limits = limits;
  const api = new Api(harness.token, { apiRoot: harness.apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 5, rethrowHttpErrors: true }));
  const broadcaster = createBroadcaster({ subscriptions, events, api, limiter: createSendLimiter(limits), logger: createLogger('error'), now: () => now, concurrency: 8, owner: process.pid });

  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
  const started = performance.now();
  const report = await broadcaster.drain();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const perChat = new Map<number, number>();
  for (const call of harness.calls) if (call.method === 'sendMessage' && call.response?.ok) perChat.set(Number(call.payload.chat_id), (perChat.get(Number(call.payload.chat_id)) ?? 0) + 1);
  const ledger = subscriptions.listDeliveries(chats + 10);
  const expectedParts = ledger.reduce((n, d) => n + d.partsSent, 0);
  const received = [...perChat.values()].reduce((a, b) => a + b, 0);
  const lost = chatIds.filter((id) => (perChat.get(id) ?? 0) === 0).length;
  console.log(`\nweekly digest broadcast to ${fmt(chats)} chats (time scaled ×${scale}: allowed ${fmt(limits.perSecond)} messages/s)`);
  console.log(`  messages sent        ${fmt(report.messages)} in ${fmt(seconds, 1)} s = ${fmt(report.messages / seconds)} messages/s, ${fmt(report.messages / seconds / limits.perSecond, 2)} of the allowed rate`);
  console.log(`  ledger               ${report.sent} sent, ${report.skipped} skipped, ${report.failed} failed, ${report.paused} paused`);
  console.log(`  duplicates           ${received - expectedParts}    losses ${lost}    429s from the emulator ${harness.limitViolations.length}`);
  console.log(`  peak memory (RSS)    ${fmt(peakRss / 1e6, 1)} MB (bench process, emulator included)`);
  await harness.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
