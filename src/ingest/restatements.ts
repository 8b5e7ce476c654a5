import { stemSimilarity } from '../text/stem-similarity.js';
import type { ParsedEvent } from './event.js';

/** How much two texts share, each shared stem weighted by how rare it is in the document (idf)… */
const SAME_HAPPENING_SCORE = 10;
/** …also as a share of both texts (the cosine of their idf-weighted stems), so that long texts sharing a few rare words do not pass… */
const SAME_HAPPENING_COSINE = 0.15;
/** …and how far ahead of the next entry of that day the best one must be. */
const AHEAD_OF_NEXT = 1.5;
/** Names alone do not make the same happening: the two must also share this many stems of words written in lower case (what happened). */
const SHARED_ACTION_STEMS = 3;

/** Stems of the words written in lower case: what happened, not who or where. */
function lowerCaseStemsOf(text: string): Set<string> {
  return new Set((text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}]{4,}/gu) ?? []).map((word) => word.slice(0, 6)));
}

/**
 * Prose sentences that restate a chronicle entry of the same document and day: a monthly
 * chronicle's summary at the top retells its entries in other words ("The Ministry summoned Iran's
 * Chargé d'Affaires … on January 1" beside "01.01.25: Chargé d'Affaires … was summoned …"). Such a
 * sentence is the entry's happening told again, so it is not an event of its own. The two must
 * share words that are rare in the document (about three that few other events use), making up a
 * fair share of both, and the sentence must be clearly closer to that entry than to any other
 * entry of the day; and they must share words of what happened, not only names. Built to miss
 * rather than to merge two happenings: on the seed chronicle it merges 7 of its 12 retellings and
 * nothing else. Known limits: a sentence that tells a second happening besides the entry's is
 * dropped with it when it passes, and so is a sentence about another happening of the day that
 * describes its people or places in the entry's words (`the opposition activist …`, `the regional
 * capital`), since words in lower case are taken for what happened. A retelling only in other words
 * (`was summoned` for `was invited to the Ministry`) shares names alone and is kept.
 */
export function restatedEntries(events: readonly ParsedEvent[]): Set<ParsedEvent> {
  const entries = events.filter((event) => event.kind === 'chronicle' && event.precision === 'day');
  const prose = events.filter((event) => event.kind === 'prose' && event.precision === 'day');
  if (entries.length === 0 || prose.length === 0) return new Set();
  const similarity = stemSimilarity(events, (event) => event.text);
  const sharedActionStems = (a: ParsedEvent, b: ParsedEvent | undefined): number => {
    const of = b ? lowerCaseStemsOf(b.text) : new Set<string>();
    return [...lowerCaseStemsOf(a.text)].filter((stem) => of.has(stem)).length;
  };
  const restatements = new Set<ParsedEvent>();
  for (const sentence of prose) {
    const scores = entries.filter((entry) => entry.date === sentence.date)
      .map((entry) => ({ ...similarity(sentence, entry), entry })).sort((a, b) => b.score - a.score);
    const [best, second = { score: 0, cosine: 0, entry: undefined }] = scores;
    if (best && best.score >= SAME_HAPPENING_SCORE && best.cosine >= SAME_HAPPENING_COSINE
      && best.score >= AHEAD_OF_NEXT * second.score && best.cosine >= AHEAD_OF_NEXT * second.cosine
      && sharedActionStems(sentence, best.entry) >= SHARED_ACTION_STEMS) restatements.add(sentence);
  }
  return restatements;
}
