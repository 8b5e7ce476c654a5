import type { ParsedEvent } from './event.js';

/** Word stems: the first six letters of words of five letters or more (`sentenced`, `sentences` → `senten`). */
function stemsOf(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]{5,}/gu) ?? []) stems.add(word.slice(0, 6));
  return stems;
}

/** How much two texts share, each shared stem weighted by how rare it is in the document (idf). */
const SAME_HAPPENING_SCORE = 10;
/** …and how far ahead of the next entry of that day the best one must be. */
const AHEAD_OF_NEXT = 1.5;

/**
 * Prose sentences that restate a chronicle entry of the same document and day: a monthly
 * chronicle's summary at the top retells its entries in other words ("The Ministry summoned Iran's
 * Chargé d'Affaires … on January 1" beside "01.01.25: Chargé d'Affaires … was summoned …"). Such a
 * sentence is the entry's happening told again, so it is not an event of its own. The two must
 * share words that are rare in the document (about three that few other events use), and the
 * sentence must be clearly closer to that entry than to any other entry of the day.
 */
export function restatedEntries(events: readonly ParsedEvent[]): Set<ParsedEvent> {
  const entries = events.filter((event) => event.kind === 'chronicle' && event.precision === 'day');
  const prose = events.filter((event) => event.kind === 'prose' && event.precision === 'day');
  if (entries.length === 0 || prose.length === 0) return new Set();
  const stems = new Map(events.map((event) => [event, stemsOf(event.text)]));
  const eventsWith = new Map<string, number>();
  for (const set of stems.values()) for (const stem of set) eventsWith.set(stem, (eventsWith.get(stem) ?? 0) + 1);
  const similarity = (a: ParsedEvent, b: ParsedEvent): number => {
    let score = 0;
    const of = stems.get(b) ?? new Set<string>();
    for (const stem of stems.get(a) ?? []) if (of.has(stem)) score += Math.log(events.length / (eventsWith.get(stem) ?? 1));
    return score;
  };
  const restatements = new Set<ParsedEvent>();
  for (const sentence of prose) {
    const scores = entries.filter((entry) => entry.date === sentence.date).map((entry) => similarity(sentence, entry)).sort((a, b) => b - a);
    const [best = 0, second = 0] = scores;
    if (best >= SAME_HAPPENING_SCORE && best >= AHEAD_OF_NEXT * second) restatements.add(sentence);
  }
  return restatements;
}
