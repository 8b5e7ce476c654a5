import { describe, expect, it } from 'vitest';
import { assignTopics } from '../../src/ingest/topics.js';

describe('assignTopics', () => {
  it('does not take a word for a topic when it means something else there', () => {
    expect(assignTopics("The Charge d'Affaires of Iran was summoned to the Ministry of Foreign Affairs.")).toEqual(['diplomacy']);
    expect(assignTopics('The report lists restrictions on freedom of peaceful assembly.')).not.toContain('peace process');
    expect(assignTopics('The court ruled to confiscate the money in his bank accounts.')).not.toContain('economy and energy');
    expect(assignTopics('A temporary restriction on visiting military units has been introduced.')).not.toContain('diplomacy');
    expect(assignTopics('The journalist was unable to leave: at the airport she was told that a travel ban had been imposed.')).not.toContain('aviation');
    expect(assignTopics('The defence lawyer said the charges were not substantiated.')).toEqual(['courts and arrests']);
    expect(assignTopics('International mediators backed the position; the city was granted to the new state.')).toEqual([]);
    expect(assignTopics('Reforms proceeded at a slower pace.')).toEqual([]);
  });

  it('still tags the words and phrases that name the topic', () => {
    expect(assignTopics('He was charged with treason.')).toEqual(['courts and arrests']);
    expect(assignTopics('The two sides finalised the text of the peace treaty.')).toEqual(['diplomacy', 'peace process']);
    expect(assignTopics('The Central Bank kept the refinancing rate at 6.75 percent.')).toEqual(['economy and energy']);
    expect(assignTopics('The president arrived on an official visit to Italy.')).toEqual(['diplomacy']);
    expect(assignTopics('Flights to the airport were suspended.')).toEqual(['aviation']);
    expect(assignTopics('The Deputy Minister of Defense met PACE rapporteurs.')).toEqual(['military and security', 'international organisations']);
  });
});
