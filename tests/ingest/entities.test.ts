import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/ingest/entities.js';

describe('extractEntities', () => {
  it('finds people, organisations and places by their shape', () => {
    expect(extractEntities('Leyla Guliyeva was sentenced by the Baku Court of Appeal.')).toEqual({
      people: ['Leyla Guliyeva'], organisations: ['Baku Court of Appeal'], places: ['Baku'],
    });
  });

  it('does not run a name across the end of a sentence, but keeps initials and short titles', () => {
    expect(extractEntities('Talks were held on Syria. Additionally, the minister left.')).toEqual({ people: [], organisations: [], places: ['Syria'] });
    expect(extractEntities('The US State Department. This was said by J. Smith in St. Petersburg.')).toEqual({
      people: ['J. Smith'], organisations: ['US State Department'], places: ['US', 'St. Petersburg'],
    });
  });

  it('reads "See ..." as a reference, and the United Nations as an organisation', () => {
    expect(extractEntities('Pakistan 1992See Azerbaijan–Pakistan relations').people).toEqual([]);
    expect(extractEntities('See Azerbaijan-Denmark relations').people).toEqual([]);
    expect(extractEntities('The United Nations said so.')).toMatchObject({ people: [], organisations: ['United Nations'] });
  });

  it('reads a title with its institution before a name as that person, the title dropped', () => {
    expect(extractEntities('Chief of General Staff of the Northland Army Tomas Brel met them.')).toMatchObject({ people: ['Tomas Brel'], organisations: [] });
    expect(extractEntities('President of the Council of the Southern Union Mara Velt spoke.')).toMatchObject({ people: ['Mara Velt'], organisations: [] });
    expect(extractEntities('It was announced by Deputy Prime Minister of Kazakhstan Arman Dosov.')).toEqual({ people: ['Arman Dosov'], organisations: [], places: ['Kazakhstan'] });
    expect(extractEntities('Colonel-General Ivo Tamm resigned.').people).toEqual(['Ivo Tamm']);
    expect(extractEntities('The Minister of Internal Affairs resigned.').people).toEqual([]);
    expect(extractEntities('Minister of Foreign Affairs Ilse Karr arrived.').people).toEqual(['Ilse Karr']);
  });

  it('reads laws, treaties and reports as neither people nor organisations', () => {
    expect(extractEntities('He was charged under Article 206 of the Northland Criminal Code.')).toEqual({ people: [], organisations: [], places: [] });
    expect(extractEntities('The Law on Mass Media and the International Covenant on Civil and Political Rights apply.')).toEqual({ people: [], organisations: [], places: [] });
    expect(extractEntities('The Vienna Declaration and the Annual Report were cited, as was the Constitution of Georgia.')).toEqual({ people: [], organisations: [], places: ['Vienna', 'Georgia'] });
    expect(extractEntities('The Law Society objected, as did Plan International.').organisations).toEqual(['Law Society', 'Plan International']);
  });

  it('leaves a closing quote out of a name, and keeps an apostrophe inside one', () => {
    expect(extractEntities('Its head, of the ‘Workers’ Platform’, and the ‘Prisoners Monitoring Centre’ spoke.').organisations).toEqual(['Workers’ Platform', 'Prisoners Monitoring Centre']);
    expect(extractEntities("The 'Northland Watch' report.").organisations).toEqual(['Northland Watch']);
    // Linear on a long run of apostrophes inside a word (the test timeout is the guard).
    expect(extractEntities(`A${"'".repeat(200_000)}b`).people).toEqual([]);
  });

  it('reads a name in quotation marks as a thing’s name, not a person', () => {
    expect(extractEntities('By decree a "National Data" system is set up.').people).toEqual([]);
    expect(extractEntities('It built a system called “Digital Ecology.” It works.').people).toEqual([]);
    expect(extractEntities('The newspaper «Toplum Xeber» and ‘Abzas Media’ were shut.')).toEqual({ people: [], organisations: ['Abzas Media'], places: [] });
    expect(extractEntities('"Leyla Guliyeva was right," he said.').people).toEqual(['Leyla Guliyeva']);
  });

  it('reads the quoted title of a report as neither people nor organisations, keeping its places', () => {
    const entities = extractEntities('Human Rights Watch released a report entitled "Georgia: A Decade of Neglect for the Council of Europe." The Council of Europe replied.');
    expect(entities).toMatchObject({ people: [], organisations: ['Human Rights Watch', 'Council of Europe'] });
    expect(entities.places).toContain('Georgia');
    expect(extractEntities('A book titled “Tomas Brel: The Last Interview” was banned.').people).toEqual([]);
  });

  it('reads a name before "party" as the party, an organisation', () => {
    expect(extractEntities('The ruling Northern Dawn party won.')).toEqual({ people: [], organisations: ['Northern Dawn'], places: [] });
    expect(extractEntities('The "Bright Path" bloc split, and the Party of Justice left.').organisations).toEqual(['Bright Path', 'Party of Justice']);
  });

  it('keeps "to" inside the name of a campaign or committee', () => {
    expect(extractEntities('The Campaign to End Repression in Northland spoke, as did the Committee to Protect Journalists.')).toEqual({
      people: [], organisations: ['Campaign to End Repression', 'Committee to Protect Journalists'], places: [],
    });
    expect(extractEntities('He went from Baku to Tbilisi, and Ilham Aliyev to Moscow.')).toEqual({ people: ['Ilham Aliyev'], organisations: [], places: ['Baku', 'Tbilisi', 'Moscow'] });
  });

  it('does not read a generic acronym alone as an organisation', () => {
    expect(extractEntities('He told local TV channels that his ID card and the NGO were fine.').organisations).toEqual([]);
    expect(extractEntities('Northland TV reported it, as did the OSCE.').organisations).toEqual(['Northland TV', 'OSCE']);
  });
});
