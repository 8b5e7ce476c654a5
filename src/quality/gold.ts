/** Gold labels (hand-made, see docs/labeling.md) and the scoring of predicted events against them. */
export interface GoldRow {
  readonly date: string;
  readonly precision: string;
  readonly snippet: string;
  readonly line: number;
}

export interface PredictedEvent {
  readonly date: string;
  readonly precision: string;
  readonly text: string;
}

export interface Score {
  readonly predicted: number;
  readonly gold: number;
  readonly matched: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function parseGoldFile(content: string, fileName: string): GoldRow[] {
  const rows: GoldRow[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    if (index === 0 || raw.trim() === '' || raw.startsWith('#')) return;
    const [date, precision, snippet, ...rest] = raw.split('\t');
    if (!date || !precision || !snippet || rest.length > 0) {
      throw new Error(`${fileName}:${index + 1}: expected three tab-separated fields (date, precision, snippet)`);
    }
    rows.push({ date, precision, snippet: fold(snippet), line: index + 1 });
  });
  return rows;
}

/** Each gold row matches at most one predicted event with the same date and precision whose text holds its snippet. */
export function scoreEvents(predicted: readonly PredictedEvent[], gold: readonly GoldRow[]): Score & { missed: GoldRow[]; spurious: PredictedEvent[] } {
  const used = new Set<number>();
  const missed: GoldRow[] = [];
  const texts = predicted.map((event) => fold(event.text));
  for (const row of gold) {
    const index = predicted.findIndex((event, i) => !used.has(i) && event.date === row.date && event.precision === row.precision && (texts[i] ?? '').includes(row.snippet));
    if (index >= 0) used.add(index);
    else missed.push(row);
  }
  const spurious = predicted.filter((_, i) => !used.has(i));
  return { ...summarise(predicted.length, gold.length, used.size), missed, spurious };
}

export function summarise(predicted: number, gold: number, matched: number): Score {
  const precision = predicted === 0 ? 0 : matched / predicted;
  const recall = gold === 0 ? 0 : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, gold, matched, precision, recall, f1 };
}
