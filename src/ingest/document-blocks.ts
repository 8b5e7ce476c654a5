/**
 * Splits a document's lines into the blocks the parser reads differently: headings, chronicle
 * entries, table rows, prose paragraphs and reference lists.
 */

export interface ChronicleDateParts {
  readonly first: number;
  readonly second: number;
  readonly year: number;
  /** How many digits the year was written with (2 or 4). */
  readonly yearDigits: number;
  /** The date as written (`01/20.25`), for messages. */
  readonly written: string;
}

export type Block =
  | { readonly kind: 'heading'; readonly line: number; readonly text: string }
  | { readonly kind: 'chronicle'; readonly line: number; readonly dateParts: ChronicleDateParts; readonly text: string; readonly section: string | undefined;
      /** A paragraph that continues the entry (before the next entry). */
      readonly continuation?: string }
  | { readonly kind: 'table-row'; readonly line: number;
      /** The row's name as shown, without a flag's caption copied before it. */
      readonly name: string; readonly dateText: string; readonly header: string | undefined; readonly section: string | undefined }
  | { readonly kind: 'prose'; readonly line: number; readonly text: string; readonly lineStarts: readonly number[]; readonly section: string | undefined };

const CHRONICLE_LINE = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\s*:\s*(.*)$/;
const BULLET = /^\s*[•·▪◦*–-]\s+/;
const NUMBERED_ITEM = /^\s*\d{1,3}\.\s+/;
const CITATION_MARKERS = /\b(Retrieved|Archived|ISBN|accessed)\b|\bp{1,2}\.\s*\d/i;
const REFERENCE_HEADINGS = /^(references|notes|sources|bibliography|see also|further reading|external links|citations|literature)$/i;
const TABLE_DATE = '(\\d{1,2}\\s+[A-Z][a-z]+\\.?\\s+\\d{4}|[A-Z][a-z]+\\.?\\s+\\d{1,2},\\s*\\d{4}|\\d{4}\\s*[–—-]\\s*\\d{2,4}|\\d{4})';
// A name never opens with a preposition: `Since 1991` over a table is a heading.
const TABLE_ROW = new RegExp(`^\\s*(?!(?:Since|In|From|Until|Till|Before|After|By|During|Between|Around)\\s)((?:[\\p{Lu}][\\p{L}.'’-]*|of|and|the)(?:\\s+(?:[\\p{Lu}][\\p{L}.'’-]*|of|and|the)){0,5})\\s+${TABLE_DATE}((?:\\[\\d+\\])*)\\s*(See\\b.*)?$`, 'u');
/**
 * A line of facts, as an encyclopaedia's box of them lists (`Border treaty signed 6 February 1995`):
 * what happened, a word in small letters saying so (not a preposition: `Report of 20 May 2024` is a
 * title), and a full date; no sentence's punctuation.
 */
const FACT_LINE = /^\s*\p{Lu}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,4}\s+(?!(?:of|on|in|at|from|since|to|until|till|by|for|and|the|as|dated|between|after|before|during)\s)\p{Ll}+\s+(?:\d{1,2}\s+\p{Lu}\p{Ll}+\s+\d{4}|\p{Lu}\p{Ll}+\s+\d{1,2},\s*\d{4})\s*(?:\[\d+\])*$/u;
const DATELESS_TABLE_ROW = /^\s*(?:[\p{Lu}][\p{L}.'’-]*\s+){1,5}See\b/u;
/** An encyclopaedia's pointer to other articles (`See Armenia–Azerbaijan relations, …`, `Main article: …`), not the reference list's `See also` heading. */
const CROSS_REFERENCE = /^\s*(?:See(?!\s+also\s*$)|Main articles?:|Further information:)\s+\S/;
const TERMINAL_PUNCTUATION = /[.!?:;,"”»]\s*$/;

export function chronicleDateParts(line: string): (ChronicleDateParts & { text: string }) | undefined {
  const match = CHRONICLE_LINE.exec(line);
  if (!match) return undefined;
  const [, first, second, year, text] = match;
  const written = line.trim().slice(0, line.trim().indexOf(':'));
  return { first: Number(first), second: Number(second), year: Number(year), yearDigits: year?.length ?? 0, written, text: text ?? '' };
}

function isTableHeader(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return words.length >= 3 && words.length <= 10 && !/\d/.test(line) && !TERMINAL_PUNCTUATION.test(line) &&
    words.every((word) => /^[\p{Lu}(]/u.test(word));
}

function isTableish(line: string): boolean {
  return TABLE_ROW.test(line) || DATELESS_TABLE_ROW.test(line) || isTableHeader(line);
}

function isHeading(line: string, next: string | undefined): boolean {
  // A sentence ending in citation marks (`... in 1992.[4]`) is not a heading.
  const text = line.trim().replace(/(?:\[\d+\])+$/, '');
  if (text.length === 0 || text.length > 100 || TERMINAL_PUNCTUATION.test(text)) return false;
  if (!/^[\p{Lu}\d"“‘'«]/u.test(text)) return false;
  if (text.split(/\s+/).length > 14) return false;
  const wrapsIntoNext = text.length > 60 && next !== undefined && /^\s*\p{Ll}/u.test(next);
  return !wrapsIntoNext;
}

/**
 * A table cell copied with its flag's caption before the name (`Hungary Hungary`, `Republic of
 * Ireland Ireland`) is the name shown last: words that end the words before them.
 */
function displayedName(name: string): string {
  const words = name.split(/\s+/);
  for (let size = Math.floor(words.length / 2); size >= 1; size--) {
    const shown = words.slice(-size).join(' ');
    if (words.slice(-2 * size, -size).join(' ') === shown || words.slice(0, -size).join(' ').endsWith(` ${shown}`)) return shown;
  }
  return name;
}

/** Reads the blocks of a document given as lines (1-based line numbers in the result). */
export function splitIntoBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let section: string | undefined;
  let tableHeader: string | undefined;
  let inReferences = false;
  let paragraph: { line: number; parts: string[]; lineStarts: number[] } | undefined;

  const flushParagraph = (): void => {
    if (paragraph) {
      blocks.push({ kind: 'prose', line: paragraph.line, text: paragraph.parts.join(' '), lineStarts: paragraph.lineStarts, section });
      paragraph = undefined;
    }
  };
  const nonBlankNeighbour = (from: number, step: 1 | -1): string | undefined => {
    for (let i = from + step; i >= 0 && i < lines.length; i += step) {
      const candidate = lines[i] ?? '';
      if (candidate.trim() !== '' && !BULLET.test(candidate)) return candidate;
    }
    return undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNumber = i + 1;
    if (raw.trim() === '') {
      flushParagraph();
      continue;
    }

    const chronicle = chronicleDateParts(raw);
    if (chronicle) {
      flushParagraph();
      inReferences = false;
      let text = chronicle.text.trim();
      // An entry that ends with a colon introduces a list: its items belong to it.
      if (text.endsWith(':')) {
        let last = text;
        for (let j = i + 1; j < lines.length && /[:;]\s*$|^[^.]*$/.test(last); j++) {
          const next = lines[j] ?? '';
          if (next.trim() === '') continue;
          if (chronicleDateParts(next)) break;
          text += `\n${next.trim()}`;
          last = next.trim();
          i = j;
          if (/\.\s*$/.test(last)) break;
        }
      }
      blocks.push({ kind: 'chronicle', line: lineNumber, dateParts: chronicle, text, section });
      continue;
    }

    if (NUMBERED_ITEM.test(raw) && (inReferences || CITATION_MARKERS.test(raw))) {
      flushParagraph();
      inReferences = true;
      continue;
    }
    if (CITATION_MARKERS.test(raw) && /\bRetrieved\b|\bArchived from\b/.test(raw)) continue;

    const inTable = (): boolean => isTableish(nonBlankNeighbour(i, -1) ?? '') || isTableish(nonBlankNeighbour(i, 1) ?? '');
    const row = TABLE_ROW.exec(raw);
    if (row && inTable()) {
      flushParagraph();
      // The row's own words are its name and date: its reference marks, `See …` link and flag caption are not what happened.
      const name = displayedName((row[1] ?? '').trim());
      const dateText = row[2] ?? '';
      blocks.push({ kind: 'table-row', line: lineNumber, name, dateText, header: tableHeader, section });
      continue;
    }
    if ((DATELESS_TABLE_ROW.test(raw) && inTable()) || (CROSS_REFERENCE.test(raw) && !TERMINAL_PUNCTUATION.test(raw))) {
      flushParagraph();
      continue;
    }
    if (isTableHeader(raw) && TABLE_ROW.test(nonBlankNeighbour(i, 1) ?? '')) {
      flushParagraph();
      tableHeader = raw.trim();
      continue;
    }

    if (!paragraph && FACT_LINE.test(raw) && !/^\s*\p{Ll}/u.test(lines[i + 1] ?? '')) {
      blocks.push({ kind: 'prose', line: lineNumber, text: raw.trim(), lineStarts: [0], section });
      continue;
    }
    if (!BULLET.test(raw) && isHeading(raw, lines[i + 1])) {
      flushParagraph();
      const heading = raw.trim();
      blocks.push({ kind: 'heading', line: lineNumber, text: heading });
      section = heading;
      // A table under a new heading has its own header or none: rows never borrow an earlier table's.
      tableHeader = undefined;
      inReferences = REFERENCE_HEADINGS.test(heading);
      continue;
    }

    if (inReferences && NUMBERED_ITEM.test(raw)) continue;
    inReferences = false;
    const text = raw.replace(BULLET, '').trim();
    if (BULLET.test(raw)) flushParagraph();
    if (!paragraph) paragraph = { line: lineNumber, parts: [], lineStarts: [] };
    const offset = paragraph.parts.reduce((sum, part) => sum + part.length + 1, 0);
    paragraph.parts.push(text);
    paragraph.lineStarts.push(offset);
    if (BULLET.test(raw)) flushParagraph();
  }
  flushParagraph();
  return withContinuationsJoined(blocks);
}

/**
 * A paragraph between two chronicle entries of one section continues the first entry (`The next
 * hearing was set for ...`): it is part of that entry's text, not an event of its own.
 */
function withContinuationsJoined(blocks: readonly Block[]): Block[] {
  const joined: Block[] = [];
  for (const [index, block] of blocks.entries()) {
    const previous = joined.at(-1);
    const next = blocks[index + 1];
    if (block.kind === 'prose' && previous?.kind === 'chronicle' && next?.kind === 'chronicle' && previous.section === block.section && next.section === block.section) {
      joined[joined.length - 1] = { ...previous, continuation: block.text };
      continue;
    }
    joined.push(block);
  }
  return joined;
}
