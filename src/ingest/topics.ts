/**
 * Topics are assigned from a lexicon of general news vocabulary: a topic applies when one of its
 * word stems starts a word of the event's text.
 */
const TOPIC_STEMS: Readonly<Record<string, readonly string[]>> = {
  diplomacy: ['diplomat', 'ambassador', 'embass', 'foreign minist', 'foreign affairs', 'bilateral', 'summoned', 'consultations', 'envoy', 'talks ', 'visit', 'treaty', 'relations'],
  'courts and arrests': ['court', 'sentenced', 'sentence', 'arrest', 'detain', 'detention', 'trial', 'charge', 'prison', 'imprison', 'verdict', 'judge', 'criminal', 'prosecutor', 'convict', 'jail', 'custody'],
  'human rights': ['human rights', 'repression', 'political prisoner', 'freedom', 'activist', 'watchdog', 'torture', 'civil society', 'ngo', 'persecut', 'crackdown', 'dissent'],
  media: ['journalist', 'media', 'press freedom', 'broadcast', 'newspaper', 'editor', 'reporter', 'publication', 'news agenc', 'television', 'tv channel', 'website'],
  aviation: ['aircraft', 'airplane', 'plane', 'airline', 'flight', 'airport', 'airspace', 'pilot', 'aviation', 'black box'],
  'military and security': ['military', 'army', 'armed forces', 'defence', 'defense', 'soldier', 'missile', 'shell', 'border guard', 'security service', 'weapon', 'nato', 'troops', 'war ', 'wars ', 'ceasefire', 'terror', 'espionage', 'spy ', 'spies'],
  'economy and energy': ['economic', 'economy', 'gas ', 'oil ', 'pipeline', 'energy', 'trade', 'investment', 'salary', 'budget', 'funding', 'grant', 'financ', 'bank', 'tax ', 'taxes', 'price'],
  'elections and politics': ['election', 'party', 'opposition', 'parliament', 'vote', 'voter', 'ballot', 'referendum', 'decree', 'law ', 'laws '],
  'peace process': ['peace', 'delimitation', 'demarcation', 'normaliz', 'normalis', 'reconciliation'],
  'international organisations': ['united nations', 'un ', 'council of europe', 'pace ', 'european union', 'osce', 'usaid', 'red cross', 'icrc', 'unesco', 'unicef', 'undp', 'unhcr'],
};

const stemPattern = (stem: string): string => (stem.endsWith(' ') ? `${stem.trim()}\\b` : stem);
const ALL_STEMS = new RegExp(`\\b(?:${Object.values(TOPIC_STEMS).flat().map(stemPattern).join('|')})`, 'g');
const TOPIC_OF_STEM = new Map(Object.entries(TOPIC_STEMS).flatMap(([topic, stems]) => stems.map((stem) => [stem.trim(), topic] as const)));

export const TOPICS: readonly string[] = Object.keys(TOPIC_STEMS);

/** The topics whose stems start a word of the text, in the lexicon's order. One regex pass over the lower-cased text. */
export function assignTopics(text: string): string[] {
  const found = new Set<string>();
  const lowerCased = text.toLowerCase();
  ALL_STEMS.lastIndex = 0;
  for (let match = ALL_STEMS.exec(lowerCased); match !== null; match = ALL_STEMS.exec(lowerCased)) {
    const topic = TOPIC_OF_STEM.get(match[0]);
    if (topic) found.add(topic);
  }
  return TOPICS.filter((topic) => found.has(topic));
}
