/**
 * Rendered answers, kept while the store does not change: "on this day" is the same for everyone
 * asking about today, and popular topics repeat. When full, the oldest entry that is stale or was
 * not asked for since it was last passed over goes first (a "second chance" clock): a hit only sets
 * a flag, where keeping the entries in strict least-recently-used order would move a Map entry on
 * every hit.
 */
export function createAnswerCache<T>(generation: () => string, maxEntries = 1_000) {
  const entries = new Map<string, { generation: string; value: T; asked: boolean }>();
  /** Makes room for one more entry. Entries passed over move to the end (re-inserting while iterating a Map is well defined). */
  const evictOne = (current: string): void => {
    for (const [key, entry] of entries) {
      entries.delete(key);
      if (!entry.asked || entry.generation !== current) return;
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
      if (!entries.delete(key) && entries.size >= maxEntries) evictOne(current);
      entries.set(key, { generation: current, value, asked: false });
      return value;
    },
  };
}

export type AnswerCache<T> = ReturnType<typeof createAnswerCache<T>>;
