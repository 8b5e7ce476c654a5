import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const newTempDir = useTempDir();

describe('npm run chat', () => {
  it('talks to the real bot from the terminal: commands, words, pressable buttons, inline queries', () => {
    const dir = newTempDir();
    mkdirSync(join(dir, 'data'));
    for (const name of readdirSync(join(ROOT, 'data')).filter((f) => f.endsWith('.txt'))) copyFileSync(join(ROOT, 'data', name), join(dir, 'data', name));
    const result = spawnSync('npm', ['run', '--silent', 'chat'], {
      cwd: ROOT, encoding: 'utf8', input: `/start\n/topic Azerbaijan\n2\n@Pantsir\n@chronicle_local_bot court\n/onthisday@chronicle_local_bot 20 January\n/subscribe\n/settings\n${'/stats\n'.repeat(12)}/quit\n`,
      env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_PATH: join(dir, 'events.db'), TELEGRAM_BOT_TOKEN: '' },
    });
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/Chronicle Bot, local chat \(233 events\)/);
    expect(out).toMatch(/I know 233 dated events/);
    expect(out).toMatch(/Topic: Azerbaijan\n\d+ matches · page 1 of \d+/);
    expect(out).toMatch(/\[1\] 1 \/ \d+ {3}\[2\] Next ›/);
    expect(out).toMatch(/── bot \(edited message \d+\) ──\nTopic: Azerbaijan\n\d+ matches · page 2 of/);
    expect(out).toMatch(/\(bot\) • Two missiles from the "Pantsir" system/);
    expect(out).toMatch(/• The Khatai District Court/);
    expect(out).toMatch(/On this day, 20 January\n5 events/);
    expect(out.match(/233 events from 5 documents/g)).toHaveLength(12);
    expect(out).toMatch(/This chat is now subscribed: daily “on this day” at 09:00/);
    expect(out).toMatch(/\[1\] Daily: on/);
    expect(out).not.toMatch(/<b>|&lt;/);
  });
});
