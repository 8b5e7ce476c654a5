import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramHarness } from './support/telegram-harness.js';
import { useTempDir } from './support/temp-dir.js';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = '123456789:AAHmain-process-test-token_abcdefghij';
const newTempDir = useTempDir();
let harness: TelegramHarness | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await harness?.stop();
  harness = undefined;
});

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const dir = newTempDir();
  mkdirSync(join(dir, 'data'));
  for (const name of readdirSync(join(ROOT, 'data')).filter((f) => f.endsWith('.txt'))) copyFileSync(join(ROOT, 'data', name), join(dir, 'data', name));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: join(dir, 'events.db'), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', ...extra };
  delete env.TELEGRAM_BOT_TOKEN;
  return { ...env, ...extra };
}

function start(env: NodeJS.ProcessEnv): { process: ChildProcess; exit: Promise<number | null>; output: () => string } {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  proc.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child = proc;
  return { process: proc, exit: new Promise((resolve) => proc.on('exit', (code) => resolve(code))), output: () => output };
}

const freePort = (): Promise<number> => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

describe('npm start (src/main.ts)', () => {
  it('without a token, ingests data/ and says what to do instead of crashing', async () => {
    const env = environment({});
    const run = start(env);
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/TELEGRAM_BOT_TOKEN is not set[\s\S]*npm run chat/);
    expect(run.output()).not.toMatch(/at .*\.ts:\d+/);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(String(env.DATABASE_PATH), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 233 });
    db.close();
  });

  it('names every bad variable at once', async () => {
    const run = start(environment({ TZ: 'Mars/Olympus', WEBHOOK_URL: 'not a url', WEBHOOK_PORT: 'eighty' }));
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/TZ: must be an IANA time zone[\s\S]*WEBHOOK_URL: must be[\s\S]*WEBHOOK_PORT/);
  });

  it('long polls through the runner, registers its commands, answers, and stops cleanly on SIGTERM', async () => {
    harness = await new TelegramHarness({ token: TOKEN }).start();
    const run = start(environment({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: harness.apiRoot }));
    const commands = await harness.waitForCall('setMyCommands', () => true, { timeoutMs: 20_000 });
    expect((commands.payload.commands as { command: string }[]).map((c) => c.command)).toEqual(expect.arrayContaining(['onthisday', 'topic', 'week', 'subscribe']));
    const client = harness.client({ userId: 5, chatId: 5 });
    const mark = harness.mark();
    await client.sendCommand(client.makeCommand('/stats'));
    const reply = await harness.waitForCall('sendMessage', (p) => Number(p.chat_id) === 5, { after: mark, timeoutMs: 10_000 });
    expect(String(reply.payload.text)).toMatch(/233 events from 5 documents/);
    run.process.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.output()).not.toMatch(/"level":"error"/);
  }, 40_000);

  it('never prints the token when polling fails, and keeps running', async () => {
    harness = await new TelegramHarness({ token: TOKEN }).start();
    const run = start(environment({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: harness.apiRoot }));
    await harness.waitForCall('getUpdates', () => true, { timeoutMs: 20_000 });
    await harness.stop();
    harness = undefined;
    for (let waited = 0; !/polling for updates failed/.test(run.output()) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.output()).toMatch(/polling for updates failed/);
    expect(run.output()).not.toContain(TOKEN);
    expect(run.process.exitCode).toBeNull();
    run.process.kill('SIGTERM');
    await run.exit;
  }, 40_000);

  it('as a webhook server, accepts only updates carrying the secret token', async () => {
    harness = await new TelegramHarness({ token: TOKEN }).start();
    const port = await freePort();
    const run = start(environment({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: harness.apiRoot, WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: 'sesame_42', WEBHOOK_PORT: String(port) }));
    const setWebhook = await harness.waitForCall('setWebhook', () => true, { timeoutMs: 20_000 });
    expect(setWebhook.payload).toMatchObject({ url: 'https://bot.example.org/hook', secret_token: 'sesame_42' });
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 9, type: 'private', first_name: 'W' }, from: { id: 9, is_bot: false, first_name: 'W' }, text: '/latest', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } };
    const post = (secret: string) => fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
    expect((await post('wrong')).status).toBe(401);
    const mark = harness.mark();
    expect((await post('sesame_42')).status).toBe(200);
    const reply = await harness.waitForCall('sendMessage', (p) => Number(p.chat_id) === 9, { after: mark, timeoutMs: 10_000 });
    expect(String(reply.payload.text)).toMatch(/Latest events/);
    run.process.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 40_000);

  it('as a webhook server, answers a slow update at the timeout and keeps running', async () => {
    harness = await new TelegramHarness({ token: TOKEN }).start();
    const port = await freePort();
    const run = start(environment({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: harness.apiRoot, WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: 'sesame_42', WEBHOOK_PORT: String(port), WEBHOOK_TIMEOUT_MS: '300' }));
    await harness.waitForCall('setWebhook', () => true, { timeoutMs: 20_000 });
    harness.sendDelayMs = 1_500;
    const update = { update_id: 2, message: { message_id: 2, date: 0, chat: { id: 11, type: 'private', first_name: 'W' }, from: { id: 11, is_bot: false, first_name: 'W' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } };
    const mark = harness.mark();
    const answered = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'sesame_42' }, body: JSON.stringify(update) });
    expect(answered.status).toBe(200);
    const reply = await harness.waitForCall('sendMessage', (p) => Number(p.chat_id) === 11, { after: mark, timeoutMs: 10_000 });
    expect(String(reply.payload.text)).toMatch(/onthisday/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(run.process.exitCode).toBeNull();
    run.process.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 40_000);

  it('says plainly when the Bot API refuses the token', async () => {
    harness = await new TelegramHarness({ token: TOKEN }).start();
    harness.failNext('getMe', { error_code: 401, description: 'Unauthorized' });
    const run = start(environment({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: harness.apiRoot }));
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/refused TELEGRAM_BOT_TOKEN \(401 Unauthorized\)/);
    expect(run.output()).not.toMatch(/at .*\.ts:\d+/);
  }, 40_000);
});
