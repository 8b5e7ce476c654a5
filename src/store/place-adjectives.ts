/**
 * Places and the adjectives news writes for them: "Iranian President" is news about Iran, and a
 * reader searching for Iran expects it. Left out: adjectives that are also common words ("Polish",
 * "English"), a race ("Caucasian"), and Chad, whose adjective news seldom writes.
 */
const PLACE_WORD_GROUPS: readonly (readonly string[])[] = [
  ['Afghanistan', 'Afghan'], ['Albania', 'Albanian'], ['Algeria', 'Algerian'], ['Angola', 'Angolan'],
  ['Argentina', 'Argentine', 'Argentinian'], ['Armenia', 'Armenian'], ['Australia', 'Australian'], ['Austria', 'Austrian'],
  ['Azerbaijan', 'Azerbaijani', 'Azeri'], ['Bahrain', 'Bahraini'], ['Bangladesh', 'Bangladeshi'], ['Belarus', 'Belarusian'],
  ['Belgium', 'Belgian'], ['Bolivia', 'Bolivian'], ['Bosnia', 'Bosnian'], ['Brazil', 'Brazilian'], ['Bulgaria', 'Bulgarian'],
  ['Cambodia', 'Cambodian'], ['Cameroon', 'Cameroonian'], ['Canada', 'Canadian'], ['Chile', 'Chilean'], ['China', 'Chinese'],
  ['Colombia', 'Colombian'], ['Croatia', 'Croatian'], ['Cuba', 'Cuban'], ['Cyprus', 'Cypriot'], ['Denmark', 'Danish'],
  ['Ecuador', 'Ecuadorian'], ['Egypt', 'Egyptian'], ['Eritrea', 'Eritrean'], ['Estonia', 'Estonian'], ['Ethiopia', 'Ethiopian'],
  ['Finland', 'Finnish'], ['France', 'French'], ['Georgia', 'Georgian'], ['Germany', 'German'], ['Ghana', 'Ghanaian'],
  ['Greece', 'Greek'], ['Hungary', 'Hungarian'], ['Iceland', 'Icelandic'], ['India', 'Indian'], ['Indonesia', 'Indonesian'],
  ['Iran', 'Iranian'], ['Iraq', 'Iraqi'], ['Ireland', 'Irish'], ['Israel', 'Israeli'], ['Italy', 'Italian'], ['Japan', 'Japanese'],
  ['Jordan', 'Jordanian'], ['Kazakhstan', 'Kazakh', 'Kazakhstani'], ['Kenya', 'Kenyan'], ['Korea', 'Korean'], ['Kosovo', 'Kosovar'],
  ['Kuwait', 'Kuwaiti'], ['Kyrgyzstan', 'Kyrgyz'], ['Latvia', 'Latvian'], ['Lebanon', 'Lebanese'], ['Libya', 'Libyan'],
  ['Lithuania', 'Lithuanian'], ['Malaysia', 'Malaysian'], ['Mexico', 'Mexican'], ['Moldova', 'Moldovan'], ['Mongolia', 'Mongolian'],
  ['Montenegro', 'Montenegrin'], ['Morocco', 'Moroccan'], ['Netherlands', 'Dutch'], ['Nigeria', 'Nigerian'], ['Norway', 'Norwegian'],
  ['Pakistan', 'Pakistani'], ['Palestine', 'Palestinian'], ['Peru', 'Peruvian'], ['Philippines', 'Filipino', 'Philippine'],
  ['Portugal', 'Portuguese'], ['Qatar', 'Qatari'], ['Romania', 'Romanian'], ['Russia', 'Russian'], ['Rwanda', 'Rwandan'],
  ['Serbia', 'Serbian'], ['Slovakia', 'Slovak'], ['Slovenia', 'Slovenian'], ['Spain', 'Spanish'],
  ['Sudan', 'Sudanese'], ['Sweden', 'Swedish'], ['Switzerland', 'Swiss'], ['Syria', 'Syrian'], ['Tajikistan', 'Tajik'],
  ['Thailand', 'Thai'], ['Tunisia', 'Tunisian'], ['Turkey', 'Türkiye', 'Turkish'], ['Turkmenistan', 'Turkmen'], ['Uganda', 'Ugandan'],
  ['Ukraine', 'Ukrainian'], ['Uruguay', 'Uruguayan'], ['Uzbekistan', 'Uzbek'], ['Venezuela', 'Venezuelan'], ['Vietnam', 'Vietnamese'],
  ['Yemen', 'Yemeni'], ['Zimbabwe', 'Zimbabwean'], ['Britain', 'British'], ['America', 'American'], ['Europe', 'European'],
  ['Africa', 'African'], ['Asia', 'Asian'], ['Chechnya', 'Chechen'], ['Crimea', 'Crimean'], ['Dagestan', 'Dagestani'],
  ['Scotland', 'Scottish'], ['Wales', 'Welsh'],
];

/** Lower case without diacritics, as the index folds words: `Türkiye` and `Turkiye` are one. */
const folded = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const GROUP_OF_WORD = new Map<string, readonly string[]>();
for (const group of PLACE_WORD_GROUPS) {
  const words = group.map(folded);
  for (const word of words) GROUP_OF_WORD.set(word, words);
}

/** A place's name and its adjectives, given any of them or a plural (`Iranians` → `iran`, `iranian`); undefined for other words. */
export function placeWordsOf(word: string): readonly string[] | undefined {
  const key = folded(word);
  return GROUP_OF_WORD.get(key) ?? (key.endsWith('s') ? GROUP_OF_WORD.get(key.slice(0, -1)) : undefined);
}
