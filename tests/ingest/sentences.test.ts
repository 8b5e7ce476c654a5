import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/ingest/sentences.js';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps abbreviations and initials inside sentences', () => {
    expect(texts('President George H. W. Bush spoke in St. Petersburg. The U.S. agreed.')).toEqual([
      'President George H. W. Bush spoke in St. Petersburg.', 'The U.S. agreed.',
    ]);
  });

  it('ends a sentence after a citation mark', () => {
    expect(texts('It joined the UN on 31 July 1992.[2] Since 2004, it has sought NATO membership.[3] Relations ended.')).toEqual([
      'It joined the UN on 31 July 1992.[2]', 'Since 2004, it has sought NATO membership.[3]', 'Relations ended.',
    ]);
    expect(texts('It was recognized in 1991.[63][citation needed] Embassies followed.[note 2] Relations ended.')).toEqual([
      'It was recognized in 1991.[63][citation needed]', 'Embassies followed.[note 2]', 'Relations ended.',
    ]);
  });

  it('ends a sentence after closing quotes', () => {
    expect(texts('He said “enough.” Then he left.')).toEqual(['He said “enough.”', 'Then he left.']);
  });

  it('does not cut a quotation that closes in the same paragraph, nor its attribution after ! or ?', () => {
    const verdict = '“The masks are off! There is no longer a place for USAID operations in Azerbaijan!” Hikmet Hajiyev pronounced his verdict in the fall of 2023.';
    expect(texts(`Aid ended. ${verdict} Talks resumed.`)).toEqual(['Aid ended.', verdict, 'Talks resumed.']);
    expect(texts('He declared, "It was a mistake. The land was ours." Nobody answered.')).toEqual([
      'He declared, "It was a mistake. The land was ours."', 'Nobody answered.',
    ]);
    expect(texts('He asked: “Why now?” Nobody answered.')).toEqual(['He asked: “Why now?”', 'Nobody answered.']);
  });

  it('splits as usual inside a quotation that the paragraph never closes', () => {
    expect(texts('He wrote: “Stop! Enough. Then more')).toEqual(['He wrote: “Stop!', 'Enough.', 'Then more']);
    // A straight mark that opens is not the close of an earlier one left open, nor is an inch mark.
    expect(texts('He called it "a disgrace. We will respond. The term "reset" was used.')).toEqual([
      'He called it "a disgrace.', 'We will respond.', 'The term "reset" was used.',
    ]);
    expect(texts('A 12" screen was sold. A 15" one too.')).toEqual(['A 12" screen was sold.', 'A 15" one too.']);
  });
});

describe('firstSentence', () => {
  it('is the first of splitSentences', async () => {
    const { firstSentence } = await import('../../src/ingest/sentences.js');
    for (const text of ['President George H. W. Bush spoke. Then more.', 'No boundary here', 'It ended.[2] Since then, more.', '“Stop! Go!” He left. Then more.']) {
      expect(firstSentence(text)).toBe(splitSentences(text)[0]?.text);
    }
  });
});

describe('splitSentences on pathological punctuation', () => {
  it('stays linear on long runs of dots and ellipses (the test timeout is the guard)', () => {
    expect(splitSentences(`${'.'.repeat(200_000)} End.`).length).toBeGreaterThan(0);
    expect(splitSentences('…'.repeat(100_000)).length).toBe(1);
  });
});
