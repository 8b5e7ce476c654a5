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

const TOPIC_MATCHERS = Object.entries(TOPIC_STEMS).map(([topic, stems]) => ({
  topic,
  // A stem written with a trailing space must end a word (`war ` is not `warning`).
  regex: new RegExp(`(?<![\\p{L}])(?:${stems.map((stem) => (stem.endsWith(' ') ? `${stem.trim()}(?![\\p{L}])` : stem)).join('|')})`, 'iu'),
}));

export const TOPICS: readonly string[] = Object.keys(TOPIC_STEMS);

export function assignTopics(text: string): string[] {
  return TOPIC_MATCHERS.filter(({ regex }) => regex.test(text)).map(({ topic }) => topic);
}
