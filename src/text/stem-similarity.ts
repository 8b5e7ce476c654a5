/** Word stems: the first six letters of words of five letters or more (`sentenced`, `sentences` → `senten`). */
export function stemsOf(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]{5,}/gu) ?? []) stems.add(word.slice(0, 6));
  return stems;
}

export interface Similarity {
  /** The summed weight of the stems two texts share. */
  readonly score: number;
  /** The cosine of their weighted stems: the share of both that they have in common. */
  readonly cosine: number;
}

/**
 * How much texts of one collection share, each stem weighted by how rare it is in the collection
 * (its inverse document frequency): a word that most texts use says little about any two of them.
 */
export function stemSimilarity<T>(items: readonly T[], textOf: (item: T) => string): (a: T, b: T) => Similarity {
  const stems = new Map(items.map((item) => [item, stemsOf(textOf(item))]));
  const itemsWith = new Map<string, number>();
  for (const set of stems.values()) for (const stem of set) itemsWith.set(stem, (itemsWith.get(stem) ?? 0) + 1);
  const weight = (stem: string): number => Math.log(items.length / (itemsWith.get(stem) ?? 1));
  const length = new Map([...stems].map(([item, set]) => [item, Math.sqrt([...set].reduce((sum, stem) => sum + weight(stem) ** 2, 0))]));
  return (a, b) => {
    let score = 0;
    let dot = 0;
    const of = stems.get(b) ?? new Set<string>();
    for (const stem of stems.get(a) ?? []) {
      if (!of.has(stem)) continue;
      score += weight(stem);
      dot += weight(stem) ** 2;
    }
    return { score, cosine: dot / ((length.get(a) ?? 1) * (length.get(b) ?? 1) || 1) };
  };
}

/**
 * The cosine of every two texts' weighted stems, as a matrix, computed through the stems they
 * share rather than pair by pair. Stems in more than half of the texts weigh little and would cost
 * the most: they count toward a text's length but not toward what two texts share, so the values
 * are a little below `stemSimilarity`'s.
 */
export function stemCosines(texts: readonly string[]): Float64Array[] {
  const stems = texts.map(stemsOf);
  const holders = new Map<string, number[]>();
  stems.forEach((set, index) => { for (const stem of set) holders.get(stem)?.push(index) ?? holders.set(stem, [index]); });
  const weightOf = (count: number): number => Math.log(texts.length / count);
  const lengths = stems.map((set) => Math.sqrt([...set].reduce((sum, stem) => sum + weightOf(holders.get(stem)?.length ?? 1) ** 2, 0)) || 1);
  const dot = texts.map(() => new Float64Array(texts.length));
  for (const indexes of holders.values()) {
    if (indexes.length < 2 || indexes.length > texts.length / 2) continue;
    const squared = weightOf(indexes.length) ** 2;
    for (let a = 0; a < indexes.length; a++) {
      const row = dot[indexes[a] as number] as Float64Array;
      for (let b = 0; b < indexes.length; b++) {
        const other = indexes[b] as number;
        if (a !== b) row[other] = (row[other] ?? 0) + squared;
      }
    }
  }
  return dot.map((row, i) => row.map((value, j) => value / ((lengths[i] ?? 1) * (lengths[j] ?? 1))));
}
