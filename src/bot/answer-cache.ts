/**
 * Rendered answers, kept while the store does not change: "on this day" is the same for everyone
 * asking about today, and popular topics repeat. When full, the oldest entry not asked for since
 * it was last passed over goes first (a "second chance" clock): a hit only sets a flag, where
 * keeping the entries in strict least-recently-used order would move a Map entry on every hit.
 */
export function createAnswerCache<T>(generation: () => string, maxEntries = 1_000) {
  const entries = new Map<string, { generation: string; value: T; asked: boolean }>();
  const evictOne = (): void => {
    for (const [key, entry] of entries) {
      entries.delete(key);
      if (!entry.asked) return;
      entry.asked = false;
      entries.set(key, entry);
    }
  };
  return {
    get(key: string, compute: () => T): T {
      const current = generation();
      const hit = entries.get(key);
      if (hit && hit.generation === current) {
        hit.asked = true;
        return hit.value;
      }
      const value = compute();
      entries.delete(key);
      entries.set(key, { generation: current, value, asked: false });
      if (entries.size > maxEntries) evictOne();
      return value;
    },
  };
}

export type AnswerCache<T> = ReturnType<typeof createAnswerCache<T>>;
