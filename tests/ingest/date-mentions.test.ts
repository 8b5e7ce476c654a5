import { describe, expect, it } from 'vitest';
import { findDateMentions } from '../../src/ingest/date-mentions.js';
import { formatPartialDate } from '../../src/ingest/partial-date.js';

const january2025 = { year: 2025, month: 1, day: 31 };
const dates = (text: string, anchor: Parameters<typeof findDateMentions>[1] = january2025): string[] =>
  findDateMentions(text, anchor).map((m) => formatPartialDate(m.date) + (m.end ? `..${formatPartialDate(m.end)}` : ''));

describe('findDateMentions', () => {
  it.each([
    ['On January 9, opposition activist Rail Abbasov was sentenced', '2025-01-09'],
    ['a separate AZAL aircraft returned on December 25', '2024-12-25'],
    ['in Geneva today, 14 November 2023.', '2023-11-14'],
    ['In December 2024, following the crash', '2024-12'],
    ['Tensions began in early 2020, when an office was opened', '2020'],
    ['In 2026, Azerbaijan is set to host the forum', '2026'],
    ['held in Shushi on August 27, 2022.', '2022-08-27'],
    ['Rufat Safarov was detained on 3 December.', '2024-12-03'],
    ['the crash in December.', '2024-12'],
    ['pronounced his verdict in the fall of 2023.', '2023'],
    ['the agency had been operating since 1992.', '1992'],
    ['In a January 7 interview, Aliyev said', '2025-01-07'],
    ['relations between 1918–1921, when both', '1918..1921'],
    ['fought two wars in 1918–20 (Armenian–Azerbaijani War)', '1918..1920'],
    ['Between 2023 and 2025, the authorities banned', '2023..2025'],
    ['on 12.03.2010 the communique was signed', '2010-03-12'],
  ])('%s -> %s', (text, expected) => {
    expect(dates(text)[0]).toBe(expected);
  });

  it.each([
    'charges under Article 206.3.2 and 193-1.3.1 of the Criminal Code',
    'From 22.00 to 22.10 units shelled the positions',
    'An Embraer 190/195 aircraft operated by AZAL',
    'After the 2020 war, agencies were told to stay away',
    'commitments it made during its 2018 UPR',
    'his political roadmap for 2025',
    '"Embassy of Bulgaria". Retrieved 20 February 2015.',
    'Archived from the original on 15 January 2010.',
    'more than 1,000 tablets of methadone and 77 kg of marijuana',
    'sentenced to 6.5 years and 30 days of arrest at 8 a.m.',
    'the president may 5 times more often',
  ])('finds no date in: %s', (text) => {
    expect(dates(text)).toEqual([]);
  });

  it('reads a span of months as a range, the first month\'s year from the last\'s when not written', () => {
    expect(dates('The exhibition ran from March to June 2023 in Baku.')).toEqual(['2023-03..2023-06']);
    expect(dates('Talks went on from November 2023 until February 2024.')).toEqual(['2023-11..2024-02']);
    expect(dates('Between May and July 2024, prices rose.')).toEqual(['2024-05..2024-07']);
    expect(dates('From December to February 2024 the pass was closed.')).toEqual(['2023-12..2024-02']);
    expect(dates('From March 2024 to March 2023 nothing ran.')).toEqual(['2024-03', '2023-03']);
    expect(dates('Talks went on from November 2023 until February 2024.')).toEqual(['2023-11..2024-02']);
    // Two months, or a date changed, are not a span.
    expect(dates('Surveys from March and September 2023 show a decline.').some((date) => date.includes('..'))).toBe(false);
    expect(dates('The vote was postponed from June to September 2024.').some((date) => date.includes('..'))).toBe(false);
  });

  it('reads a number after "from", "by" or "between" as an amount when a unit or currency follows it, or it runs to a number that is no year', () => {
    for (const amount of ['Prices rose from 1500 to 2000 manat.', 'The quota was cut by 2000 tons.', 'Sales increased by 1990 units.',
      'A sack of flour rose from 1850 to 2150 som over the month.', 'Fares went from 1200 to 1,450 in a year.', 'between 1500 and 2000 tonnes of grain',
      'fines of 1500–2000 manat', 'Output grew by 1200 MW.', 'The deficit shrank by 1500 million dollars.']) expect(dates(amount)).toEqual([]);
    expect(dates('Prices rose from 1500 to 2000 manat in March 2024.')).toEqual(['2024-03']);
  });

  it('keeps years after "from", "by" and "between" that no unit follows, and reads "from … to …" as a range', () => {
    expect(dates('From 1992 to 1995 the war went on.')).toEqual(['1992..1995']);
    expect(dates('By 2030 the plant will close.')).toEqual(['2030']);
    expect(dates('Gazprom stopped buying gas from 2016 to 2019.')).toEqual(['2016..2019']);
    expect(dates('He was ambassador from 2001 until 2004, then minister.')).toEqual(['2001..2004']);
    // After a verb of change it is an amount, or two dates, never a span.
    const hasRange = (text: string) => dates(text).some((date) => date.includes('..'));
    for (const change of ['The herd fell from 2000 to 1500 over the winter.', 'Troops rose from 1200 to 1500 within a week.',
      'Fares went from 1200 to 1500 in a year.', 'The deadline was moved from 2024 to 2025.']) expect(hasRange(change)).toBe(false);
    expect(dates('Between 1992 and 1995 people fled the region.')).toEqual(['1992..1995']);
    expect(dates('In 2014 people marched in the capital.')).toEqual(['2014']);
    // After other prepositions a unit word opens the clause, and a capitalised one is a name.
    for (const [text, year] of [['In 1959 Miles Davis recorded an album.', '1959'], ['In 2010 Lei Jun founded a company.', '2010'],
      ['In 1941 units of the army retreated.', '1941'], ['In 1993 manat banknotes replaced the rouble.', '1993'],
      ['In 2023 – 1,500 new jobs were created.', '2023'], ['Since 2019 Square Enix has released games.', '2019']] as const) expect(dates(text)).toEqual([year]);
  });

  it('marks a date after "since" as the start of a state, and a date compared with as no date', () => {
    const since = (text: string) => findDateMentions(text, january2025).map((m) => [formatPartialDate(m.date), m.since]);
    expect(since('an associate member since 2005')).toEqual([['2005', true]]);
    expect(since('has been building since the autumn of 2023')).toEqual([['2023', true]]);
    // A state that had ended by the time told of keeps its start, but does not hold now.
    expect(since('He had been president since 1992 until his death in 2005')).toEqual([['1992', undefined], ['2005', undefined]]);
    expect(since('Romania has had an embassy there since 1995')).toEqual([['1995', true]]);
    expect(since('has an embassy in Baku since 16 December 1994')).toEqual([['1994-12-16', true]]);
    expect(since('Since early 2020, engineers have worked on it')).toEqual([['2020', true]]);
    expect(since('More than 300 people have been detained since 2014')).toEqual([['2014', true]]);
    expect(since('signed in 2005 and in force since 2006')).toEqual([['2005', undefined], ['2006', true]]);
    for (const compared of ['inflation of 9.8 percent, the lowest level since 2018', 'visited the plant for the first time since 2011',
      'higher than at any time since 16 December 1994', 'the largest protests since March 2011', "Putin's first visit to Baku since 2019",
      'a record low since 2009', 'Not since 1986 has the river frozen']) expect(dates(compared)).toEqual([]);
    expect(dates('The first direct flight since 1992 landed in Yerevan on 5 May 2024.')).toEqual(['2024-05-05']);
  });

  it('resolves "today" only against a whole-day anchor', () => {
    expect(dates('as announced today', { year: 2023, month: 11, day: 14 })).toEqual(['2023-11-14']);
    expect(dates('as announced today', { year: 2025 })).toEqual([]);
  });

  it('does not count a "today" in quoted speech from the anchor: it is the speaker’s day', () => {
    expect(dates('“Today, the same policy continues in the same form,” Hajiyev wrote.')).toEqual([]);
    expect(dates('"We were attacked yesterday," the mayor said on January 9.')).toEqual(['2025-01-09']);
    expect(dates('The ministry said today that “the talks will go on.”')).toEqual(['2025-01-31']);
  });

  it('does not date a present-tense state by "today", but a happening', () => {
    for (const state of ['Today, Israel is a major arms supplier to the country.', 'Armenia and Azerbaijan do not have diplomatic relations today.',
      'Turkmenistan remains strictly neutral today.', 'There is no longer an office in Baku today.']) expect(dates(state)).toEqual([]);
    for (const happening of ['Her trial is due to resume today at the city court.', 'The government met today to approve the package.',
      'The ministry has announced today that the office will close.', 'Two years ago protests would have been dismissed; today the government takes them seriously.',
      'The minister, who is in Paris, signed the agreement today.', 'Parliament is voting today on the budget.',
      'Azerbaijan has today released two political prisoners.', 'The president is today visiting Paris.']) expect(dates(happening)).toEqual(['2025-01-31']);
  });

  it('puts a year-less day no more than a month after the anchor', () => {
    expect(dates('on 28 February', { year: 2025, month: 1, day: 31 })).toEqual(['2025-02-28']);
    expect(dates('on 15 March', { year: 2025, month: 1, day: 31 })).toEqual(['2024-03-15']);
  });

  it('refuses impossible calendar days', () => {
    expect(dates('on 31 February 2025 and 29 February 2023')).toEqual([]);
    expect(dates('on 29 February 2024')).toEqual(['2024-02-29']);
  });
});

describe('spans across months and years', () => {
  it('dates a span by its first day and ends it on its last', () => {
    const spans = (text: string) => findDateMentions(text, undefined).map((m) => [m.date, m.end]);
    expect(spans('On 30 April – 2 May 2024 the fair ran.')).toEqual([[{ year: 2024, month: 4, day: 30 }, { year: 2024, month: 5, day: 2 }]]);
    expect(spans('From 30 December 2023 to 2 January 2024 the border was closed.')).toEqual([[{ year: 2023, month: 12, day: 30 }, { year: 2024, month: 1, day: 2 }]]);
    expect(spans('Between December 30 – January 2, 2024 it snowed.')).toEqual([[{ year: 2023, month: 12, day: 30 }, { year: 2024, month: 1, day: 2 }]]);
    // Two dates joined by "and" are two days, and a span must run forwards.
    expect(spans('On 3 March 2024 and 5 April 2024 they met.')).toHaveLength(2);
    expect(spans('On 5 May 2024 – 2 May 2024 nothing.')).toHaveLength(2);
    expect(spans('On 2 May – 30 April 2024 nothing.')).toEqual([[{ year: 2024, month: 4, day: 30 }, undefined]]);
    expect(spans('From 15 November to 15 March 2024 it froze.')).toEqual([[{ year: 2023, month: 11, day: 15 }, { year: 2024, month: 3, day: 15 }]]);
  });
});
