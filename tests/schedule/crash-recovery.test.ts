import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROADCAST_CONCURRENCY } from '../../src/cli/delivery-commands.js';
import { ingestPaths } from '../../src/corpus/ingest-corpus.js';
import { openDatabase } from '../../src/store/database.js';
import { createEventStore } from '../../src/store/event-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { TelegramHarness } from '../support/telegram-harness.js';
import { useTempDir } from '../support/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const newTempDir = useTempDir();
const CHATS = Array.from({ length: 40 }, (_, i) => -1009000 - i);
let harness: TelegramHarness;
afterEach(async () => { await harness.stop(); });

function runSend(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'send', 'weekly', '--now', '2026-01-19T10:00:00Z'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}
const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.on('exit', (code) => resolve(code)));

describe('a broadcast killed half way (SIGKILL) and run again', () => {
  it('reaches every chat, with duplicates only among the messages in flight at the kill', async () => {
    const dir = newTempDir();
    mkdirSync(join(dir, 'data'));
    for (const name of readdirSync(join(ROOT, 'data')).filter((f) => f.endsWith('.txt'))) copyFileSync(join(ROOT, 'data', name), join(dir, 'data', name));
    const databasePath = join(dir, 'events.db');
    const db = openDatabase(databasePath);
    ingestPaths(createEventStore(db), [join(dir, 'data')], { maxDocumentBytes: 16_000_000 });
    const subscriptions = createSubscriptionStore(db);
    for (const chatId of CHATS) subscriptions.subscribe(chatId, 'channel', null, 'UTC', new Date('2026-01-01T00:00:00Z'));
    db.close();

    harness = await new TelegramHarness({ token: '123456789:AAHcrash-recovery-test-token_0123456' }).start();
    harness.sendDelayMs = 30;
    const env = { ...process.env, DATABASE_PATH: databasePath, DATA_DIR: join(dir, 'data'), TELEGRAM_BOT_TOKEN: harness.token, TELEGRAM_API_ROOT: harness.apiRoot, LOG_LEVEL: 'error' };
    const received = () => harness.calls.filter((c) => c.method === 'sendMessage' && c.response?.ok);

    const first = runSend(env);
    let firstErrors = '';
    first.stderr?.on('data', (chunk: Buffer) => { firstErrors += chunk.toString(); });
    const firstExit = exited(first);
    const deadline = Date.now() + 20_000;
    while (received().length < 12) {
      if (Date.now() > deadline) throw new Error(`the first send never got going: ${firstErrors}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.kill('SIGKILL');
    await firstExit;
    const atKill = received().length;
    expect(atKill).toBeLessThan(CHATS.length);

    const second = runSend(env);
    let output = '';
    second.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    expect(await exited(second)).toBe(0);
    expect(output).toMatch(/interrupted ones resumed|0 new weekly deliveries/);

    const check = openDatabase(databasePath);
    const ledger = createSubscriptionStore(check).listDeliveries().filter((d) => d.kind === 'weekly');
    check.close();
    expect(ledger).toHaveLength(CHATS.length);
    expect(ledger.every((d) => d.status === 'sent')).toBe(true);
    let duplicates = 0;
    for (const chatId of CHATS) {
      const got = received().filter((c) => Number(c.payload.chat_id) === chatId).length;
      const parts = ledger.find((d) => d.chatId === chatId)?.partsSent ?? 0;
      expect(got).toBeGreaterThanOrEqual(parts);
      duplicates += got - parts;
    }
    expect(duplicates).toBeLessThanOrEqual(BROADCAST_CONCURRENCY);
    // Each event in the posts links to the bot, as the running bot's own posts do.
    expect(String(received()[0]?.payload.text)).toContain('href="https://t.me/test_harness_bot?start=e_');

    const third = runSend(env);
    let thirdOutput = '';
    third.stdout?.on('data', (chunk: Buffer) => { thirdOutput += chunk.toString(); });
    const before = received().length;
    expect(await exited(third)).toBe(0);
    expect(received().length).toBe(before);
    expect(thirdOutput).toMatch(/^0 new weekly deliveries recorded/);
  }, 60_000);
});
