import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/parse-document.js';

const brief = (text: string) => parseDocument('doc.txt', text);
const dated = (text: string) => brief(text).events.map((e) => [e.date, e.precision, e.text.slice(0, 30)]);

describe('parseDocument: a summary that retells entries', () => {
  const chronicle = [
    'January in brief.',
    'Diplomatic strains. The Foreign Ministry summoned the chargé d’affaires Seyyed Maryan on January 1, lodging a protest over insults.',
    'A televised interview on January 7 showed how tightly the media are controlled.',
    'On January 3 parliament met.',
    '',
    '01.01.25: Chargé d’affaires Seyyed Maryan was summoned to the Foreign Ministry on January 1; a protest over the insults was lodged.',
    '01.01.25: Flights from Baku to Kazan were delayed by fog.',
    '03.01.25: Parliament met to discuss the budget.',
    '03.01.25: Parliament met to discuss the schools.',
    '07.01.25: In an interview with television channels, the president called relations with Brussels dim.',
    '07.01.25: In the same interview with television channels, the president spoke about Armenia.',
  ].join('\n');

  it('counts a summary sentence that retells one entry of its day as that entry’s event', () => {
    const events = brief(chronicle).events;
    expect(events.filter((e) => /Maryan/.test(e.text)).map((e) => [e.kind, e.line])).toEqual([['chronicle', 6]]);
  });

  // In a long document a name is rare enough to weigh much, as in a real monthly chronicle.
  const withFiller = (lines: string[], month: string): string => [...lines, ...Array.from({ length: 300 }, (_, i) =>
    `${String(1 + (i % 27)).padStart(2, '0')}.${month}.25: Filler entry ${['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'][i % 6]} about the weather number ${i}.`)].join('\n');

  it('keeps a sentence about another happening that shares a name with the day’s entry, in a long document too', () => {
    const doc = brief(withFiller(['February in brief.', 'On February 9, the lawyer of Rail Abbasov filed a complaint with the European Court of Human Rights.', '',
      '09.02.25: Activist Rail Abbasov was sentenced by the Baku court to six years.'], '02'));
    expect(doc.events.filter((e) => e.kind === 'prose').map((e) => e.line)).toEqual([2]);
  });

  it('keeps apart two happenings of one day that share a name and how it is described, but not what happened', () => {
    const released = brief(withFiller(['March in brief.', 'On March 3, the opposition activist Farhad Karimli was released from the detention centre.', '',
      '03.03.25: The opposition activist Farhad Karimli was detained by police at a protest.'], '03'));
    const received = brief(withFiller(['March in brief.', 'On March 3, President Ilham Aliyev met the Hungarian prime minister Viktor Orban in Baku.', '',
      '03.03.25: President Ilham Aliyev signed a decree on the new national park in Gabala.'], '03'));
    expect([released, received].map((doc) => doc.events.filter((e) => e.kind === 'prose').map((e) => e.line))).toEqual([[2], [2]]);
  });

  it('keeps sentences that retell no entry in particular, or two entries alike', () => {
    const lines = brief(chronicle).events.filter((e) => e.kind === 'prose').map((e) => e.line);
    expect(lines).toEqual([3, 4]);
  });
});

describe('parseDocument: chronicles', () => {
  it('reads DD.MM.YY entries, slips included, in any order', () => {
    const doc = brief([
      'March digest', '',
      '14.03.24: The parliament passed the budget.',
      '02.03.24:The minister resigned.',
      '03/20.24: Farmers protested in the capital.',
      '10.03.24: The court adjourned the case.',
    ].join('\n'));
    expect(doc.events.map((e) => [e.date, e.line])).toEqual([
      ['2024-03-14', 3], ['2024-03-02', 4], ['2024-03-20', 5], ['2024-03-10', 6],
    ]);
    expect(doc.chronicleOrder?.order).toBe('day-month');
  });

  it('reads a month-first chronicle from its own evidence, not by guessing', () => {
    const doc = brief(['04/13/24: Talks opened.', '', '04/02/24: A strike began.', '', '04/21/24: The strike ended.'].join('\n'));
    expect(doc.chronicleOrder?.order).toBe('month-day');
    expect(doc.events.map((e) => e.date)).toEqual(['2024-04-13', '2024-04-02', '2024-04-21']);
  });

  it('dates the happening inside an entry and keeps the reported date', () => {
    const doc = brief([
      '23.01.25: On 20 January border guards stopped a convoy.',
      '16.01.25: On July 1, 2024, the agency was closed, the minister announced.',
      '14.01.25: The black boxes of the plane that crashed on December 25 were returned.',
      '03.01.25: An aircraft experienced interference while flying on January 1, a source said.',
      // A day weeks before the entry, inside its sentence, is the earlier happening the news is about.
      '24.01.25: The transcripts differ from the black boxes of the crash in Aktau on December 25. This was announced on January 24.',
      '15.01.25: The court sentenced him on 2 January to five years.',
      // A verb's day is the happening's, however late the entry reports it.
      '16.01.25: The Baku court sentenced journalist Ali Veliyev to 9 years in prison on December 20, his lawyer said.',
      '17.01.25: Journalist Ulvi Hasanli was arrested on December 30, and his family learned of it on 15 January.',
      // Only what the noun's own phrases name keeps the day the noun's: `by phone` is the verb's.
      '24.01.25: Aliyev and Putin discussed the war in Ukraine by phone on December 20.',
      '24.01.25: Two men were charged over the attack on journalist Nino Kiknadze in Tbilisi on 29 December.',
      '24.01.25: The attack on the embassy was condemned by the ministry on 2 January.',
      '24.01.25: No case was opened into the death of activist Ali Karimov in a detention centre in Ganja on 2 January, his lawyer said.',
    ].join('\n'));
    expect(doc.events.map((e) => [e.date, e.reportedDate])).toEqual([
      ['2025-01-20', '2025-01-23'],
      ['2024-07-01', '2025-01-16'],
      ['2025-01-14', undefined],
      ['2025-01-01', '2025-01-03'],
      ['2025-01-24', undefined],
      ['2025-01-02', '2025-01-15'],
      ['2024-12-20', '2025-01-16'],
      ['2024-12-30', '2025-01-17'],
      ['2024-12-20', '2025-01-24'],
      ['2025-01-24', undefined],
      ['2025-01-02', '2025-01-24'],
      ['2025-01-24', undefined],
    ]);
  });

  it('counts an entry repeated under several headings once, at its first line', () => {
    const entry = '05.02.25: The envoy was summoned to the ministry.';
    const doc = brief(['Chronicle', '', entry, '', 'Highlights', '', entry, '', 'Analysis', '', `${entry}  `].join('\n'));
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]?.line).toBe(3);
    // Repeated twice more: the editor's highlight.
    expect(doc.events[0]?.repeats).toBe(2);
    expect(brief('05.02.25: Once only.').events[0]?.repeats).toBeUndefined();
  });

  it('reports impossible dates with their line and keeps the rest', () => {
    const doc = brief(['31.02.25: Nothing real.', '45.13.25: Nor this.', '01.03.25: A real entry.'].join('\n'));
    expect(doc.issues.map((i) => i.line)).toEqual([1, 2]);
    expect(doc.issues[0]?.message).toMatch(/impossible date "31\.02\.25"/);
    expect(doc.events.map((e) => e.date)).toEqual(['2025-03-01']);
  });

  it('attaches a list that an entry introduces with a colon', () => {
    const doc = brief(['17.01.25: They now face charges under:', '', 'Article 206.4 (smuggling);', '', 'Article 213.2.1 (tax evasion).', '', 'Unrelated prose.'].join('\n'));
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]?.text).toContain('Article 213.2.1');
    expect(doc.events[0]?.date).toBe('2025-01-17');
  });
});

describe('parseDocument: document date', () => {
  it('takes a date line at the top', () => {
    const text = 'June 3, 2021\n\nTitle\n\nOn May 30 the talks began.';
    expect(brief(text).documentDate?.method).toBe('date line at the top');
    expect(dated(text)).toEqual([['2021-05-30', 'day', 'On May 30 the talks began.']]);
  });

  it('infers it from the latest chronicle entry when the document states none, and says so', () => {
    const doc = brief('Summary\n\nThe crisis deepened on December 28.\n\n02.01.25: Talks.\n\n09.01.25: More talks.');
    expect(doc.documentDate).toMatchObject({ date: { year: 2025, month: 1, day: 9 }, method: 'the latest chronicle entry' });
    expect(doc.events[0]).toMatchObject({ date: '2024-12-28', kind: 'prose' });
  });

  it('reads a month-first "version of" footer from its evidence', () => {
    const doc = brief('Some article\n\nThe treaty was signed today.\n\nThis page is a version of the 11/19/2016.');
    expect(doc.documentDate?.date).toEqual({ year: 2016, month: 11, day: 19 });
  });
});

describe('parseDocument: prose and tables', () => {
  it('dates sentences by their first anchoring date and skips adjectival years', () => {
    expect(dated('After the 2020 war, relations cooled. In March 2021 the embassy reopened. The 2018 review is over.')).toEqual([
      ['2021-03', 'month', 'In March 2021 the embassy reop'],
    ]);
  });

  it('reads country tables and leaves rows without dates alone', () => {
    const doc = brief([
      'Country Formal Relations Began Notes',
      ' Chile 5 June 1993',
      ' Peru 1994[3] See Peru relations',
      ' Italy See Italy relations',
      ' Norway March 23, 1992 See Norway relations',
      ' Armenia 1918–1921',
      'Hungary Hungary 1992 See Hungary relations',
      'Republic of Ireland Ireland 1996',
      ' Czech Republic 29 January 1993',
    ].join('\n'));
    expect(doc.events.map((e) => [e.date, e.precision, e.endDate, e.text])).toEqual([
      ['1993-06-05', 'day', undefined, 'Chile 5 June 1993 — formal relations began'],
      ['1994', 'year', undefined, 'Peru 1994 — formal relations began'],
      ['1992-03-23', 'day', undefined, 'Norway March 23, 1992 — formal relations began'],
      ['1918', 'year', '1921', 'Armenia 1918–1921 — formal relations began'],
      ['1992', 'year', undefined, 'Hungary 1992 — formal relations began'],
      ['1996', 'year', undefined, 'Ireland 1996 — formal relations began'],
      ['1993-01-29', 'day', undefined, 'Czech Republic 29 January 1993 — formal relations began'],
    ]);
  });

  it('says in a table row’s text what the header says of its date, so that the row reads alone and a search finds it by those words', () => {
    const doc = brief([
      'Country Formal Relations Began Notes',
      ' Japan 7 September 1992[4] See Azerbaijan–Japan relations',
      ' Mexico 14 January 1992',
    ].join('\n'));
    expect(doc.events.map((e) => e.text)).toEqual(['Japan 7 September 1992 — formal relations began', 'Mexico 14 January 1992 — formal relations began']);
    // The headline is the whole line: it opens the text, so the bot shows it once.
    expect(doc.events.map((e) => e.headline)).toEqual(doc.events.map((e) => e.text));
    expect(doc.events[0]?.topics).toContain('diplomacy');
  });

  it('reads any table’s header the same way, keeping its acronyms, and adds nothing for a header that only names the date', () => {
    const embassies = brief(['Country Embassy Opened Notes', ' Chile 5 June 1993', ' Peru 1994'].join('\n'));
    expect(embassies.events.map((e) => e.text)).toEqual(['Chile 5 June 1993 — embassy opened', 'Peru 1994 — embassy opened']);
    const accession = brief(['State EU Accession Treaty Signed', ' Croatia 9 December 2011', ' Bulgaria 25 April 2005'].join('\n'));
    expect(accession.events.map((e) => e.text)).toEqual(['Croatia 9 December 2011 — EU accession treaty signed', 'Bulgaria 25 April 2005 — EU accession treaty signed']);
    const years = brief(['Country Year Notes', ' Chile 1993', ' Peru 1994'].join('\n'));
    expect(years.events.map((e) => [e.text, e.headline])).toEqual([['Chile 1993', 'Chile 1993'], ['Peru 1994', 'Peru 1994']]);
  });

  it('gives the rows of a table under a later heading no earlier table’s header', () => {
    const doc = brief([
      'Country Formal Relations Began Notes', ' Chile 5 June 1993', ' Peru 1994', '',
      'Trade agreements', '',
      ' Brazil 2001', ' Uruguay 2003',
    ].join('\n'));
    expect(doc.events.map((e) => e.text)).toEqual(['Chile 5 June 1993 — formal relations began', 'Peru 1994 — formal relations began', 'Brazil 2001', 'Uruguay 2003']);
  });

  it('takes a heading that opens with a preposition over a table for a heading, not a row', () => {
    const doc = brief([
      'Country Formal Relations Began Notes', ' Chile 5 June 1993', '',
      'Since 1991', '',
      'Country Formal Relations Began Notes', ' Peru 9 October 1991',
    ].join('\n'));
    expect(doc.events.map((e) => [e.text, e.section])).toEqual([['Chile 5 June 1993 — formal relations began', undefined], ['Peru 9 October 1991 — formal relations began', 'Since 1991']]);
  });

  it('reads each line of a box of facts that ends in a date as an event of its own', () => {
    const doc = brief([
      'Belarus–Lithuania relations', '', 'Envoy', 'Chargé d\'affaires Ihar Nikalayeu',
      'Relations established 30 December 1991', 'Border treaty signed 6 February 1995', 'Border length 679 km', '',
      'Report of 20 May 2024',
    ].join('\n'));
    expect(doc.events.map((e) => [e.date, e.text])).toEqual([
      ['1991-12-30', 'Relations established 30 December 1991'],
      ['1995-02-06', 'Border treaty signed 6 February 1995'],
    ]);
  });

  it('reads a table row’s text without its reference marks and “See …” link', () => {
    const doc = brief([
      'Country Formal Relations Began Notes',
      ' Iran 1918 See Azerbaijan–Iran relations',
      ' Pakistan 1992See Azerbaijan–Pakistan relations',
      ' Swaziland 7 January 2010[40]',
      ' Denmark 2 April 1992[14] See Azerbaijan-Denmark relations',
    ].join('\n'));
    expect(doc.events.map((e) => e.text)).toEqual([
      'Iran 1918 — formal relations began', 'Pakistan 1992 — formal relations began',
      'Swaziland 7 January 2010 — formal relations began', 'Denmark 2 April 1992 — formal relations began',
    ]);
  });

  it('takes neither a dateless table row nor a “See …” line as a section heading', () => {
    const doc = brief([
      'Relations by country', '',
      'Country Formal Relations Began Notes',
      ' Ireland 1996',
      ' Italy See Azerbaijan–Italy relations',
      '  • Italy opened an embassy in Baku on 3 May 1997.',
      ' Pakistan 1992See Azerbaijan–Pakistan relations',
      ' North Korea See Foreign relations of North Korea',
      ' South Korea March 23, 1992 See Azerbaijan–South Korea relations',
      '',
      'See Armenia–Azerbaijan relations, Nagorno-Karabakh War',
      '',
      'The two nations fought a war in 1992.',
    ].join('\n'));
    expect(doc.events.map((e) => [e.text.slice(0, 20), e.section])).toEqual([
      ['Ireland 1996 — forma', 'Relations by country'],
      ['Italy opened an emba', 'Relations by country'],
      ['Pakistan 1992 — form', 'Relations by country'],
      ['South Korea March 23', 'Relations by country'],
      ['The two nations foug', 'Relations by country'],
    ]);
  });

  it('leaves reference marks out of the text and the headline, so that a search for their numbers does not find them', () => {
    const doc = brief([
      'Israel was one of the first countries to recognize Azerbaijan on December 25, 1991.[63][citation needed] Relations with Baku [14] improved in 1994.',
      '',
      '12.05.24: The envoy was summoned.[2]',
      '13.05.24: The ruling [2019] was upheld.[CITATION NEEDED]',
    ].join('\n'));
    expect(doc.events.map((e) => e.text)).toEqual([
      'Israel was one of the first countries to recognize Azerbaijan on December 25, 1991.',
      'Relations with Baku improved in 1994.',
      'The envoy was summoned.',
      'The ruling [2019] was upheld.',
    ]);
    expect(doc.events[0]?.headline).toBe('Israel was one of the first countries to recognize Azerbaijan on December 25, 1991.');
    expect(doc.events.map((e) => e.date)).toEqual(['1991-12-25', '1994', '2024-05-12', '2024-05-13']);
  });

  it('skips reference lists and citation dates', () => {
    const doc = brief([
      'The mission opened on 4 May 2001.', '', 'References', '',
      '  1. "Embassy page". Retrieved 20 February 2015.',
      '  2. Ministry report, 3 March 2010.',
    ].join('\n'));
    expect(doc.events.map((e) => e.date)).toEqual(['2001-05-04']);
  });

  it('gives each event a stable id, entities and topics', () => {
    const text = '12.05.24: Foreign Minister Anna Berg met the Ambassador of Norway in Vienna to discuss the peace talks.';
    const [first] = brief(text).events;
    const [again] = parseDocument('other.txt', `Other\n\n${text}`).events;
    expect(first?.id).toBe(again?.id);
    expect(first?.people).toContain('Anna Berg');
    expect(first?.places).toEqual(expect.arrayContaining(['Norway', 'Vienna']));
    expect(first?.topics).toEqual(expect.arrayContaining(['diplomacy', 'peace process']));
  });
});

describe('parseDocument: states that hold since a date', () => {
  it('dates a state by the day it began and marks it as still holding, unlike a happening of that date', () => {
    const doc = brief([
      'Report of 20 May 2024', '',
      'Romania has been a member since 1992. Since 2014 the number of outlets has fallen. She has been in custody since 16 March.',
      'The treaty was signed in 1992.', '',
      '20.05.24: Since May 5, 40 protesters have been detained.',
    ].join('\n'));
    expect(doc.events.map((e) => [e.date, e.ongoing, e.reportedDate])).toEqual([
      ['1992', true, undefined], ['2014', true, undefined], ['2024-03-16', true, undefined], ['1992', undefined, undefined],
      ['2024-05-05', true, '2024-05-20'],
    ]);
    expect(doc.events[2]?.endDate).toBeUndefined();
  });

  it('does not date a happening by the date it is compared with', () => {
    const doc = brief('Report of 20 May 2024\n\nInflation fell to its lowest level since 2018. In March inspectors came for the first time since 2011.');
    expect(doc.events.map((e) => [e.date, e.ongoing, e.text.slice(0, 20)])).toEqual([['2024-03', undefined, 'In March inspectors ']]);
  });
});

describe('parseDocument: review regressions', () => {
  it('does not read a law number as a year range', () => {
    expect(dated('The law No. 2020-45 was adopted on 5 March 2021.')).toEqual([['2021-03-05', 'day', 'The law No. 2020-45 was adopte']]);
  });

  it('expands two-digit years around a pivot and refuses four-digit years before 1000', () => {
    const doc = brief('05.03.99: An old entry.\n06.03.24: A new entry.\n07.03.0000: No such year.');
    expect(doc.events.map((e) => e.date)).toEqual(['1999-03-05', '2024-03-06']);
    expect(doc.issues.map((i) => i.line)).toEqual([3]);
  });
});

describe('parseDocument: shapes found by the second probe', () => {
  it('dates a range of days by its first day and keeps the last as the end', () => {
    const doc = brief('Report of 10 March 2025\n\nThe two sides met on 3–4 March in Abu Dhabi. Talks were held on March 6 and 7, 2024 too.');
    expect(doc.events.map((e) => [e.date, e.endDate])).toEqual([['2025-03-03', '2025-03-04'], ['2024-03-06', '2024-03-07']]);
    expect(brief('05.03.25: On 3 and 4 March the delegations held talks.\n18.03.25: From 15 to 16 March, inspectors visited the plant.').events
      .map((e) => [e.date, e.endDate, e.reportedDate])).toEqual([['2025-03-03', '2025-03-04', '2025-03-05'], ['2025-03-15', '2025-03-16', '2025-03-18']]);
  });

  it('reads a happening date after a weekday or a time of day', () => {
    expect(brief('14.11.24: On Tuesday, November 12, the court fined the newspaper.').events[0]).toMatchObject({ date: '2024-11-12', reportedDate: '2024-11-14' });
    expect(brief('11.3.24: On the night of 9 March, border guards exchanged fire with smugglers.').events[0]).toMatchObject({ date: '2024-03-09', reportedDate: '2024-03-11' });
    expect(brief('14.11.24: The minister said on Tuesday, 12 November, that talks would go on.').events[0]).toMatchObject({ date: '2024-11-12' });
  });

  it('keeps a paragraph between two entries with the first entry, not as an event of its own', () => {
    const doc = brief('01.03.25: The court began hearing the case.\n\nThe next hearing was set for 28 March.\n\n03.03.25: Hundreds marched.');
    expect(doc.events.map((e) => [e.date, e.text])).toEqual([
      ['2025-03-01', 'The court began hearing the case.\nThe next hearing was set for 28 March.'], ['2025-03-03', 'Hundreds marched.'],
    ]);
  });

  it('reads a short sentence ending in a citation mark as text, not as a heading', () => {
    expect(dated('History\n\nDiplomatic relations were established on 3 June 1992.[4]\n')).toEqual([['1992-06-03', 'day', 'Diplomatic relations were esta']]);
  });
});

describe('parseDocument: review of the second probe’s fixes', () => {
  it('does not read two separate days or a count as a range', () => {
    expect(brief('12.03.25: The commission met on 3 and 10 March to hear the parties.').events[0]).toMatchObject({ date: '2025-03-12' });
    expect(brief('12.03.25: On March 4 and 5 people were hurt in the clashes.').events[0]?.endDate).toBeUndefined();
    expect(brief('Report of 20 May 2024\n\nOn March 14 to 20 people were arrested.').events[0]).toMatchObject({ date: '2024-03-14' });
    expect(brief('Report of 20 May 2024\n\nOn March 14 to 20 people were arrested.').events[0]?.endDate).toBeUndefined();
  });

  it('links an entry with its copy elsewhere whether or not a paragraph continues it', () => {
    const withParagraph = brief('01.03.25: The court began hearing the case.\n\nThe next hearing was set for 28 March.\n\n03.03.25: Hundreds marched.');
    const without = brief('01.03.25: The court began hearing the case.');
    expect(withParagraph.events[0]?.id).toBe(without.events[0]?.id);
  });
});
