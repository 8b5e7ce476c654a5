/**
 * A synthetic corpus in the shapes of the seed documents: monthly chronicles of `DD.MM.YY:` entries
 * (some repeated under a second heading, some with a happening date inside), with prose paragraphs.
 * Entry texts are recombined from the seed chronicle's own sentences, so the vocabulary is real.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every third entry carries this word, so a topic query can hit a third of all events. */
export const FREQUENT_WORD = 'statement';

function seedSentences(seedPath: string): string[] {
  const text = readFileSync(seedPath, 'utf8');
  const sentences = new Set<string>();
  for (const line of text.split('\n')) {
    const entry = /^\d{2}[./]\d{2}[./]\d{2}:\s*(.*)$/.exec(line)?.[1];
    if (!entry) continue;
    for (const sentence of entry.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
      // Seeds' own dates would move events around; the generator sets dates itself.
      if (sentence.length > 30 && !/\b(19|20)\d{2}\b|January|December|July/.test(sentence)) sentences.add(sentence.trim());
    }
  }
  return [...sentences];
}

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same corpus. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCorpus {
  readonly dir: string;
  readonly documents: number;
  readonly entries: number;
  readonly bytes: number;
}

export function buildSyntheticCorpus(dir: string, seedPath: string, targetEvents: number, firstYear = 1996): SyntheticCorpus {
  mkdirSync(dir, { recursive: true });
  const sentences = seedSentences(seedPath);
  const next = random(42);
  const pick = (): string => sentences[Math.floor(next() * sentences.length)] ?? '';
  const months = 12 * (2025 - firstYear + 1);
  const perDocument = Math.ceil(targetEvents / months);
  let entries = 0;
  let bytes = 0;
  let documents = 0;
  for (let m = 0; m < months && entries < targetEvents; m++) {
    const year = firstYear + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const yy = String(year % 100).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    const lines: string[] = [`Monthly summary ${mm}/${year}`, '', `In ${year}, the chronicle kept its usual pace.`, '', 'Chronicle of events', ''];
    const repeated: string[] = [];
    for (let i = 0; i < perDocument && entries < targetEvents; i++, entries++) {
      const day = 1 + Math.floor(next() * 28);
      const dd = String(day).padStart(2, '0');
      let text = `${pick()} ${pick()} (No. ${entries})`;
      if (i % 3 === 0) text += ` The ${FREQUENT_WORD} was published the same day.`;
      if (i % 10 === 0 && day > 1) text = `On ${day - 1} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
      const line = `${dd}.${mm}.${yy}: ${text}`;
      lines.push(line, '');
      if (i % 25 === 0) repeated.push(line);
    }
    lines.push('The point of reference', '', ...repeated.flatMap((line) => [line, '']));
    const content = lines.join('\n');
    writeFileSync(join(dir, `chronicle-${year}-${mm}.txt`), content);
    bytes += Buffer.byteLength(content);
    documents++;
  }
  return { dir, documents, entries, bytes };
}
