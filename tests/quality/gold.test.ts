import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse-document.js';
import { parseGoldFile, scoreEvents, summarise } from '../../src/quality/gold.js';

const ROOT = join(import.meta.dirname, '..', '..');
const goldFiles = readdirSync(join(ROOT, 'tests', 'gold')).filter((f) => f.endsWith('.tsv'));

describe('parser against the hand-labelled gold files', () => {
  it('has a gold file for every document of the default corpus', () => {
    const documents = readdirSync(join(ROOT, 'data')).filter((f) => f.endsWith('.txt')).map((f) => basename(f, '.txt'));
    expect(goldFiles.map((f) => basename(f, '.tsv')).sort()).toEqual(documents.sort());
  });

  it.each([
    ['the default corpus', join(ROOT, 'tests', 'gold'), join(ROOT, 'data')],
    ['the held-out documents', join(ROOT, 'tests', 'holdout', 'gold'), join(ROOT, 'tests', 'holdout', 'docs')],
    ['the second probe', join(ROOT, 'tests', 'holdout2', 'gold'), join(ROOT, 'tests', 'holdout2', 'docs')],
    ['the third probe', join(ROOT, 'tests', 'holdout3', 'gold'), join(ROOT, 'tests', 'holdout3', 'docs')],
    ['the fourth probe', join(ROOT, 'tests', 'holdout4', 'gold'), join(ROOT, 'tests', 'holdout4', 'docs')],
  ])('reaches F1 >= 0.95 over %s', (_name, goldDir, docsDir) => {
    let predicted = 0;
    let gold = 0;
    let matched = 0;
    for (const file of readdirSync(goldDir).filter((f) => f.endsWith('.tsv'))) {
      const name = basename(file, '.tsv');
      const rows = parseGoldFile(readFileSync(join(goldDir, file), 'utf8'), file);
      const score = scoreEvents(parseDocument(`${name}.txt`, readFileSync(join(docsDir, `${name}.txt`), 'utf8')).events, rows);
      predicted += score.predicted;
      gold += score.gold;
      matched += score.matched;
    }
    expect(gold).toBeGreaterThan(50);
    expect(summarise(predicted, gold, matched).f1).toBeGreaterThanOrEqual(0.95);
  });

  it('scores a miss and a spurious event', () => {
    const rows = parseGoldFile('date\tprecision\tsnippet\n2025-01-01\tday\tthe first\n2025-01-02\tday\tthe second\n', 'x.tsv');
    const score = scoreEvents([{ date: '2025-01-01', precision: 'day', text: 'This is the first.' }, { date: '2025-01-03', precision: 'day', text: 'the second' }], rows);
    expect(score).toMatchObject({ matched: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(() => parseGoldFile('h\n2025\tyear\n', 'bad.tsv')).toThrowError(/bad\.tsv:2: expected three/);
  });
});
