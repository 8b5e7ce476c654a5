/**
 * Rendered answers, kept while the store does not change: "on this day" is the same for everyone
 * asking about today, and popular topics repeat. Least recently used entries go first.
 */
export function createAnswerCache<T>(generation: () => string, maxEntries = 1_000) {
  const entries = new Map<string, { generation: string; value: T }>();
  return {
    get(key: string, compute: () => T): T {
      const current = generation();
      const hit = entries.get(key);
      if (hit && hit.generation === current) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value = compute();
      entries.delete(key);
      entries.set(key, { generation: current, value });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}

export type AnswerCache<T> = ReturnType<typeof createAnswerCache<T>>;
