import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands.js';
import { loadConfig } from '../../src/config.js';
import { useTempDir } from '../support/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DATA = join(ROOT, 'data');
const newTempDir = useTempDir();

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void { this.text += chunk.toString(); done(); }
}

function cliContext(env: Record<string, string> = {}) {
  const dir = newTempDir();
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const name of readdirSync(DATA).filter((f) => f.endsWith('.txt'))) copyFileSync(join(DATA, name), join(data, name));
  const config = loadConfig({ DATA_DIR: data, DATABASE_PATH: join(dir, 'events.db'), TZ: 'Asia/Baku', ...env });
  const run = async (...argv: string[]) => {
    const out = new Collect();
    const err = new Collect();
    const code = await runCommand(argv, { config, out, err, now: () => new Date('2026-01-20T09:00:00Z') });
    return { code, out: out.text, err: err.text };
  };
  return { dir, data, run };
}

describe('npm run --silent cli (the contract other tools rely on)', () => {
  it('parse prints JSON Lines with source, date, precision, text and line, and touches no database', () => {
    const dir = newTempDir();
    const stdout = execFileSync('npm', ['run', '--silent', 'cli', '--', 'parse', join(DATA, '2025-01-monthly-chronicle.txt'), join(DATA, '2016-11-wikipedia-foreign-relations.txt')], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: join(dir, 'never.db') },
    });
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // The chronicle's summary sentences that retell an entry (lines 5, 7, 9, …) are the entries' events.
    expect(events.length).toBe(144 + 65);
    expect(events[0]).toMatchObject({ source: '2025-01-monthly-chronicle.txt', date: '2024-12', precision: 'month', line: 13 });
    expect(events.find((e) => e.line === 35)).toMatchObject({ date: '2025-01-01', kind: 'chronicle' });
    for (const event of events) {
      expect(event).toEqual(expect.objectContaining({ source: expect.any(String), date: expect.stringMatching(/^\d{4}(-\d{2}(-\d{2})?)?$/), precision: expect.stringMatching(/^(day|month|year)$/), text: expect.any(String), line: expect.any(Number) }));
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a bad command or file gets a clear message and a non-zero exit', () => {
    const unknown = spawnSync('npm', ['run', '--silent', 'cli', '--', 'frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const missing = spawnSync('npm', ['run', '--silent', 'cli', '--', 'parse', 'no/such/file.txt'], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no\/such\/file\.txt: cannot read: ENOENT/);
  });
});

describe('runCommand', () => {
  it('ingest reports added, then kept, then a deleted file removed with its events', async () => {
    const { run, data } = cliContext();
    const first = await run('ingest');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/5 added, 0 kept, 0 replaced, 0 removed, 0 rejected/);
    expect((await run('ingest')).out).toMatch(/0 added, 5 kept, 0 replaced, 0 removed, 0 rejected/);
    rmSync(join(data, '2023-11-upr-press-release.txt'));
    const removed = await run('ingest');
    expect(removed.out).toMatch(/^removed +\S+2023-11-upr-press-release\.txt \(0 new events, 0 linked to other documents, \d+ removed\)$/m);
    expect(removed.out).toMatch(/0 added, 4 kept, 0 replaced, 1 removed, 0 rejected/);
    expect((await run('sources')).out).not.toMatch(/2023-11-upr-press-release/);

    // A data directory that is not there (a volume not mounted, a typo) removes nothing.
    renameSync(data, `${data}-away`);
    const missing = await run('ingest');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/data: cannot read the data directory: ENOENT; nothing was added or removed/);
    expect(missing.out).toMatch(/0 added, 0 kept, 0 replaced, 0 removed, 1 rejected/);
    expect((await run('stats')).out).toMatch(/from 4 documents/);
    // Nor does one that is there but empty, as an unmounted volume's mount point is.
    mkdirSync(data);
    const empty = await run('ingest');
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/data: the data directory holds no documents; nothing was removed/);
    expect((await run('stats')).out).toMatch(/from 4 documents/);
  });

  it('answers onthisday, topic, timeline, week, latest, stats and sources, as text and JSON', async () => {
    const { run } = cliContext();
    await run('ingest');
    const today = await run('onthisday');
    expect(today.out).toMatch(/On this day, 20 January/);
    expect(today.out).toMatch(/1 year ago/);
    const json = JSON.parse((await run('onthisday', '7 January', '--json')).out) as { events: { date: string }[] };
    expect(json.events.length).toBeGreaterThan(3);
    expect(json.events.every((e) => e.date.endsWith('-01-07'))).toBe(true);
    expect((await run('onthisday', '29.02')).out).toMatch(/Nothing in the archive happened on 29 February\. The nearest days with events: /);
    expect((await run('topic', 'USAID')).out).toMatch(/Topic: USAID\n\d+ matches · page 1 of \d+/);
    expect((await run('timeline', 'black', 'boxes')).out).toMatch(/— January 2025 —/);
    expect((await run('week', '2025-01-15')).out).toMatch(/The week of 13 January – 19 January 2025\n\d+ events\nBy topic: /);
    expect((await run('week')).out).toMatch(/This week in past years \(19 January – 25 January 2026\)/);
    expect((await run('latest')).out).toMatch(/^Latest events\n\n31 January 2025/);
    expect(JSON.parse((await run('stats', '--json')).out)).toMatchObject({ events: 233, documents: 5 });
    expect((await run('sources')).out).toMatch(/2025-01-monthly-chronicle.txt\n144 events · dated 31 January 2025 \(from the latest chronicle entry\)/);
  });

  it('event shows one event in full with its provenance', async () => {
    const { run } = cliContext();
    await run('ingest');
    const [first] = (JSON.parse((await run('topic', 'Pantsir', '--json')).out) as { result: { hits: { id: string }[] } }).result.hits;
    const shown = await run('event', first?.id ?? '');
    expect(shown.out).toMatch(/Source: 2025-01-monthly-chronicle.txt, line 37, “Chronicle of events”/);
  });

  it('rejects bad arguments with a message naming the command', async () => {
    const { run } = cliContext();
    await expect(run('onthisday', '45 Smarch')).rejects.toThrow(/"45 smarch" names no month|not a date/i);
    await expect(run('topic')).rejects.toThrow(/topic needs words/);
    await expect(run('topic', 'x', '--page', '0')).rejects.toThrow(/--page takes a page number/);
  });
});

describe('operators’ commands: subscribe, send, deliveries', () => {
  it('subscribes chats, sends once per period through the ledger, and lists what happened', async () => {
    const { TelegramHarness } = await import('../support/telegram-harness.js');
    const harness = await new TelegramHarness({ token: '123456789:AAHcli-operators-test-token_abcdefgh' }).start();
    try {
      const { run } = cliContext({ TELEGRAM_BOT_TOKEN: harness.token, TELEGRAM_API_ROOT: harness.apiRoot });
      await run('ingest');
      const subscribed = await run('subscribe', '-1001', '-1002', '501', '--daily', '07:15', '--weekly', 'fri', '18:00', '--tz', 'Europe/Berlin', '--topic', 'court');
      expect(subscribed.out).toMatch(/^subscribed -1001: daily 07:15, weekly day 5 18:00, Europe\/Berlin, topic "court"$/m);
      await expect(run('subscribe', 'chat-one')).rejects.toThrow(/"chat-one" is not a chat id/);
      await expect(run('subscribe', '1', '--tz', 'Nowhere/Land')).rejects.toThrow(/not an IANA time zone/);
      const cleared = await run('subscribe', '501', '--topic', '');
      expect(cleared.out).toMatch(/^subscribed 501: [^"]+$/m);
      await run('unsubscribe', '501');

      const first = await run('send', 'daily', '--now', '2026-01-13T08:00:00Z');
      expect(first.out).toMatch(/^2 new daily deliveries recorded\nsent 2, skipped 0/);
      expect(harness.callsOf('sendMessage').map((c) => Number(c.payload.chat_id)).sort((a, b) => a - b)).toEqual([-1002, -1001]);
      expect(String(harness.callsOf('sendMessage')[0]?.payload.text)).toMatch(/court/i);
      const again = await run('send', 'daily', '--now', '2026-01-13T20:00:00Z');
      expect(again.out).toMatch(/^0 new daily deliveries recorded\nsent 0/);
      expect(harness.callsOf('sendMessage')).toHaveLength(2);

      const list = await run('deliveries');
      expect(list.out).toMatch(/^2 sent, 0 skipped, 0 failed, 0 paused, 0 waiting/);
      expect(list.out).toMatch(/sent {5}daily  2026-01-13 chat -1001/);
      const json = JSON.parse((await run('deliveries', '--json')).out) as { deliveries: { status: string }[] };
      expect(json.deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
      await expect(run('send', 'monthly')).rejects.toThrow(/send needs daily or weekly/);

      // On a Tuesday, chats posting on Fridays get the weekly post already due: last week's.
      const weekly = await run('send', 'weekly', '--now', '2026-01-13T08:00:00Z');
      expect(weekly.out).toMatch(/^2 new weekly deliveries recorded/);
      expect((await run('deliveries')).out).toMatch(/sent {5}weekly 2026-W02 {3}chat -1001/);
    } finally {
      await harness.stop();
    }
  });
});

describe('runCommand: usage', () => {
  it('takes options before the command, checks --tz, and names the command in usage errors', async () => {
    const { run } = cliContext();
    await run('ingest');
    expect(JSON.parse((await run('--json', 'stats')).out)).toMatchObject({ events: 233 });
    await expect(run('onthisday', '--tz', 'Mars/Olympus')).rejects.toThrow(/--tz "Mars\/Olympus" is not an IANA time zone/);
    expect((await run('onthisday', '07.01', '--tz', 'asia/BAKU')).out).toMatch(/On this day, 7 January/);
    const usage = spawnSync('npm', ['run', '--silent', 'cli', '--', 'topic', '--pge', '2', 'Baku'], { cwd: ROOT, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^chronicle: topic: unknown option --pge/);
    const { commandNamed } = await import('../../src/cli/commands.js');
    expect(commandNamed(['--tz', 'Asia/Baku', 'onthisday', '31', 'February'])).toBe('onthisday');
    expect(commandNamed(['--weekly', 'mon', '09:00', 'subscribe', '7'])).toBe('subscribe');
  });
});
