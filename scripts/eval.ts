/**
 * `npm run eval`: precision, recall and F1 of the parser against the hand-labelled gold files,
 * beside chrono-node used naively (first date of each sentence) as a baseline.
 * `--verbose` lists every miss and every spurious event.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as chrono from 'chrono-node';
import { parseDocument } from '../src/ingest/parse-document.js';
import { splitSentences } from '../src/ingest/sentences.js';
import { type PredictedEvent, type Score, parseGoldFile, scoreEvents, summarise } from '../src/quality/gold.js';

const root = join(import.meta.dirname, '..');
const verbose = process.argv.includes('--verbose');
/** The seeds the parser was written against, and documents it never saw (labelled separately). */
const SETS = [
  { name: 'default corpus (data/, tests/gold/)', goldDir: join(root, 'tests', 'gold'), dataDir: join(root, 'data') },
  { name: 'held out (tests/holdout/)', goldDir: join(root, 'tests', 'holdout', 'gold'), dataDir: join(root, 'tests', 'holdout', 'docs') },
  { name: 'second probe (tests/holdout2/)', goldDir: join(root, 'tests', 'holdout2', 'gold'), dataDir: join(root, 'tests', 'holdout2', 'docs') },
  { name: 'third probe (tests/holdout3/)', goldDir: join(root, 'tests', 'holdout3', 'gold'), dataDir: join(root, 'tests', 'holdout3', 'docs') },
  { name: 'fourth probe (tests/holdout4/)', goldDir: join(root, 'tests', 'holdout4', 'gold'), dataDir: join(root, 'tests', 'holdout4', 'docs') },
];

function chronoBaseline(text: string, reference: Date): PredictedEvent[] {
  const events: PredictedEvent[] = [];
  for (const line of text.split(/\r?\n/)) {
    for (const sentence of splitSentences(line)) {
      const result = chrono.parse(sentence.text, reference)[0];
      if (!result) continue;
      const { start } = result;
      const year = String(start.get('year')).padStart(4, '0');
      const month = String(start.get('month')).padStart(2, '0');
      const day = String(start.get('day')).padStart(2, '0');
      if (start.isCertain('day')) events.push({ date: `${year}-${month}-${day}`, precision: 'day', text: sentence.text });
      else if (start.isCertain('month')) events.push({ date: `${year}-${month}`, precision: 'month', text: sentence.text });
      else events.push({ date: year, precision: 'year', text: sentence.text });
    }
  }
  return events;
}

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`.padStart(6);
const row = (name: string, s: Score): string =>
  `${name.padEnd(58)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)} ${String(s.matched).padStart(5)}  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}`;

for (const { name: setName, goldDir, dataDir } of SETS) {
  if (!existsSync(goldDir)) continue;
  const totals = { parser: { p: 0, g: 0, m: 0 }, chrono: { p: 0, g: 0, m: 0 } };
  const lines: string[] = [];
  for (const goldFile of readdirSync(goldDir).filter((f) => f.endsWith('.tsv')).sort()) {
    const name = basename(goldFile, '.tsv');
    const text = readFileSync(join(dataDir, `${name}.txt`), 'utf8');
    const gold = parseGoldFile(readFileSync(join(goldDir, goldFile), 'utf8'), goldFile);
    const parsed = parseDocument(`${name}.txt`, text);
    const ours = scoreEvents(parsed.events, gold);
    const d = parsed.documentDate?.date;
    const reference = d ? new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1, 12)) : new Date();
    const baseline = scoreEvents(chronoBaseline(text, reference), gold);
    lines.push(row(`parser   ${name}`, ours), row(`chrono   ${name}`, baseline));
    for (const [key, s] of [['parser', ours], ['chrono', baseline]] as const) {
      totals[key].p += s.predicted; totals[key].g += s.gold; totals[key].m += s.matched;
    }
    if (verbose) {
      for (const miss of ours.missed) lines.push(`  missed   ${goldFile}:${miss.line} ${miss.date} ${miss.precision} "${miss.snippet}"`);
      for (const extra of ours.spurious) lines.push(`  spurious ${name}.txt ${extra.date} ${extra.precision} "${extra.text.slice(0, 80)}"`);
    }
  }
  console.log(`\n${setName}`);
  console.log(`${'system   document'.padEnd(58)}  gold  pred match`);
  console.log(lines.join('\n'));
  console.log('-'.repeat(100));
  console.log(row('parser   ALL', summarise(totals.parser.p, totals.parser.g, totals.parser.m)));
  console.log(row('chrono   ALL (chrono-node, first date per sentence)', summarise(totals.chrono.p, totals.chrono.g, totals.chrono.m)));
}
