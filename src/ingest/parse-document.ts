import { type DateMention, findDateMentions } from './date-mentions.js';
import { type Block, type ChronicleDateParts, splitIntoBlocks } from './document-blocks.js';
import { type DocumentDate, inferDocumentDate } from './document-date.js';
import { restatedEntries } from './restatements.js';
import { extractEntities } from './entities.js';
import { type EventKind, type ParsedEvent, eventId, makeHeadline } from './event.js';
import {
  type PartialDate, dayNumber, expandTwoDigitYear, formatPartialDate, isValidDate, precisionOf,
} from './partial-date.js';
import { firstSentence as firstSentenceOf, splitSentences } from './sentences.js';
import { assignTopics } from './topics.js';
import { oneByteCopy } from '../text/one-byte-copy.js';
import { withoutReferenceMarks } from '../text/reference-marks.js';

export interface ParseIssue {
  readonly line: number;
  readonly message: string;
}

export interface ParsedDocument {
  readonly source: string;
  readonly documentDate: DocumentDate | undefined;
  /** How day and month are ordered in the document's chronicle lines, and why. */
  readonly chronicleOrder: { readonly order: 'day-month' | 'month-day'; readonly evidence: string } | undefined;
  readonly events: ParsedEvent[];
  /** Lines that could not be read as events: each names its line. The rest of the document still counts. */
  readonly issues: ParseIssue[];
}

type DayMonthOrder = 'day-month' | 'month-day';

/** Decides the order of day and month from the document's own lines: a number above 12 can only be a day. */
function chronicleOrderEvidence(parts: readonly ChronicleDateParts[]): { order: DayMonthOrder; evidence: string } {
  const dayFirst = parts.filter((p) => p.first > 12 && p.second <= 12).length;
  const monthFirst = parts.filter((p) => p.second > 12 && p.first <= 12).length;
  const order: DayMonthOrder = monthFirst > dayFirst ? 'month-day' : 'day-month';
  return { order, evidence: `${dayFirst} entries can only be day-first, ${monthFirst} only month-first` };
}

function chronicleDate(parts: ChronicleDateParts, documentOrder: DayMonthOrder): PartialDate | undefined {
  const year = parts.yearDigits === 2 ? expandTwoDigitYear(parts.year) : parts.year;
  if (year < 1000) return undefined;
  let order = documentOrder;
  if (parts.first > 12 && parts.second <= 12) order = 'day-month';
  if (parts.second > 12 && parts.first <= 12) order = 'month-day';
  const [day, month] = order === 'day-month' ? [parts.first, parts.second] : [parts.second, parts.first];
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

const RELATIVE_CLAUSE = /\b(that|which|who|whom|whose|where)\b/i;
const OPENING = /^\s*(?:on|in|since|by|from|as of)?\s*(?:the\s+(?:night|morning|afternoon|evening|early\s+hours|small\s+hours)\s+of\s*)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*)?$/i;

/**
 * An `on <day>` that follows a noun naming a happening (`the plane crash in Aktau on December 25`)
 * dates that happening, not what the sentence says of it, when it is weeks before the entry: the
 * news is about the earlier happening ("the black boxes of the crash …", in a January 24 entry).
 * A verb's `on <day>` (`sentenced … on December 20`) dates the entry's own happening however late.
 */
const HAPPENING_NOUNS = [
  'crash', 'accident', 'attack', 'attacks', 'explosion', 'incident', 'election', 'elections', 'summit', 'war', 'shooting', 'bombing',
  'earthquake', 'collision', 'disaster', 'tragedy', 'downing', 'fire', 'flood', 'riot', 'riots', 'coup', 'death', 'deaths', 'killing',
  'killings', 'murder', 'assassination', 'disappearance', 'blast', 'arrest', 'detention', 'referendum', 'protest', 'protests', 'storm', 'landslide',
];
/**
 * A word of what the noun's phrases name (`on journalist Nino Kiknadze`, `in Batumi`): no verb
 * (`was`, `condemned`) and no other preposition, so that `the war in Ukraine by phone on` or `the
 * attack on the embassy was condemned on` say when something else happened.
 */
const PHRASE_WORD = "(?!(?:was|were|is|are|has|had|have|been|be|by|with|to|for|from|and|or|as|after|before|during|on|in|at|of)\\b)(?![\\p{L}'’-]*ed\\b)[\\p{L}'’-]+";
const NOUN_PHRASE = `\\s+(?:of|in|near|at|over|off|outside|on|against)\\s+${PHRASE_WORD}(?:\\s+${PHRASE_WORD}){0,3}`;
const EARLIER_HAPPENING_NOUN = new RegExp(`\\b(?:${HAPPENING_NOUNS.map((noun) => `[${noun.charAt(0)}${noun.charAt(0).toUpperCase()}]${noun.slice(1)}`).join('|')})`
  + `(?:${NOUN_PHRASE}){0,3}\\s+on\\s*$`, 'u');
const EARLIER_HAPPENING_AFTER_DAYS = 14;

/**
 * The happening date an entry states: a date that opens it, or an `on <day>` in its first
 * sentence's main clause (not a relative clause, nor a weeks-old date of a happening the news
 * refers to). Never later than the entry's own date.
 */
function happeningDate(firstSentence: string, entryDate: PartialDate): DateMention | undefined {
  const mentions = findDateMentions(firstSentence, entryDate).filter((m) => dayNumber(m.date) <= dayNumber(entryDate));
  const opening = mentions.find((m) => OPENING.test(firstSentence.slice(0, m.index)));
  if (opening) return opening;
  return mentions.find((m) => {
    if (m.date.day === undefined || m.wordBefore !== 'on') return false;
    const before = firstSentence.slice(0, m.index);
    if (dayNumber(entryDate) - dayNumber(m.date) > EARLIER_HAPPENING_AFTER_DAYS && EARLIER_HAPPENING_NOUN.test(before)) return false;
    const clause = before.slice(before.lastIndexOf(',') + 1);
    return !RELATIVE_CLAUSE.test(clause);
  });
}

interface EventDraft {
  readonly kind: EventKind;
  readonly date: PartialDate;
  readonly end?: PartialDate;
  readonly reported?: PartialDate;
  readonly ongoing?: true;
  readonly text: string;
  /** The words that identify the event when they differ from `text` (an entry without its continuation). */
  readonly identity?: string;
  readonly headline: string;
  readonly line: number;
  readonly section: string | undefined;
}

function finishEvent(source: string, draft: EventDraft, id: string, date: string): ParsedEvent {
  const { people, organisations, places } = extractEntities(draft.text);
  return {
    id,
    date,
    precision: precisionOf(draft.date),
    ...(draft.end ? { endDate: formatPartialDate(draft.end) } : {}),
    ...(draft.reported && formatPartialDate(draft.reported) !== date ? { reportedDate: formatPartialDate(draft.reported) } : {}),
    ...(draft.ongoing ? { ongoing: true } : {}),
    text: draft.text,
    headline: draft.headline,
    source,
    line: draft.line,
    ...(draft.section ? { section: draft.section } : {}),
    kind: draft.kind,
    people,
    organisations,
    places,
    topics: assignTopics(draft.text),
  };
}

function lineOfOffset(block: Extract<Block, { kind: 'prose' }>, offset: number): number {
  let index = 0;
  while (index + 1 < block.lineStarts.length && (block.lineStarts[index + 1] ?? Infinity) <= offset) index++;
  return block.line + index;
}

const NOTES_COLUMN = /^notes?$/i;
const DATE_COLUMN = /^(?:dates?|years?)$/i;

/**
 * What a table's header says of each row's date: the columns after the name's, without a notes
 * column (`Country Formal Relations Began Notes`: `formal relations began`). A header that only
 * names the date column says nothing. Capitalised words are lower-cased, acronyms kept (`EU`).
 */
function tableDateLabel(header: string | undefined): string | undefined {
  const words = (header?.split(/\s+/).slice(1) ?? []).filter((word) => !NOTES_COLUMN.test(word));
  if (words.length === 0 || words.every((word) => DATE_COLUMN.test(word))) return undefined;
  return words.map((word) => (/^\p{Lu}[\p{Ll}'’-]*$/u.test(word) ? word.toLowerCase() : word)).join(' ');
}

/**
 * A table row read as a line of its own, since a search finds only the words of the text: the row,
 * then what its table's header says of the date (`Japan 7 September 1992 — formal relations began`),
 * or the row alone under no header.
 */
function tableRowText(name: string, dateText: string, header: string | undefined): string {
  const label = tableDateLabel(header);
  return label ? `${name} ${dateText} — ${label}` : `${name} ${dateText}`;
}

/**
 * Bump when what the parser produces changes (dates, texts, entities, topics): documents stored by
 * an older version are parsed again at the next ingest, although their files did not change.
 */
export const PARSER_VERSION = 15;

/**
 * Reads a document's text into dated events. Pure: no I/O; `source` is the name events carry.
 * Repeated entries (the same text under several headings) come out once, at their first line.
 */
export function parseDocument(source: string, text: string): ParsedDocument {
  const body = text.replace(/^\uFEFF/, '');
  // A text without a carriage return is split at `\n` alone, in two thirds of the expression's time.
  const lines = (body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n')).map(oneByteCopy);
  const blocks = splitIntoBlocks(lines);
  const issues: ParseIssue[] = [];

  const chronicleBlocks = blocks.filter((b): b is Extract<Block, { kind: 'chronicle' }> => b.kind === 'chronicle');
  const order = chronicleBlocks.length > 0 ? chronicleOrderEvidence(chronicleBlocks.map((b) => b.dateParts)) : undefined;
  const entryDates = new Map<Block, PartialDate>();
  for (const block of chronicleBlocks) {
    const date = chronicleDate(block.dateParts, order?.order ?? 'day-month');
    if (date) entryDates.set(block, date);
    else issues.push({ line: block.line, message: `impossible date "${block.dateParts.written}" in a chronicle entry: no such calendar day; the entry was skipped` });
  }
  const documentDate = inferDocumentDate(lines, [...entryDates.entries()].map(([block, date]) => ({ date, line: block.line })));

  const drafts: EventDraft[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        break;
      case 'chronicle': {
        const entryDate = entryDates.get(block);
        if (!entryDate || block.text.trim() === '') {
          if (entryDate) issues.push({ line: block.line, message: 'chronicle entry with a date but no text; skipped' });
          break;
        }
        const firstSentence = firstSentenceOf(block.text);
        const happening = happeningDate(firstSentence, entryDate);
        drafts.push({
          kind: 'chronicle',
          date: happening?.date ?? entryDate,
          ...(happening?.end ? { end: happening.end } : {}),
          ...(happening?.since ? { ongoing: true } : {}),
          reported: entryDate,
          // A continuation stays out of the id: the entry links with the same entry elsewhere.
          ...(block.continuation
            ? { text: withoutReferenceMarks(`${block.text}\n${block.continuation}`), identity: withoutReferenceMarks(block.text) }
            : { text: withoutReferenceMarks(block.text) }),
          headline: makeHeadline(firstSentence),
          line: block.line,
          section: block.section,
        });
        break;
      }
      case 'table-row': {
        const mention = findDateMentions(block.dateText, undefined)[0] ?? findDateMentions(`in ${block.dateText}`, undefined)[0];
        if (!mention) break;
        const text = tableRowText(block.name, block.dateText, block.header);
        drafts.push({
          kind: 'table', date: mention.date, ...(mention.end ? { end: mention.end } : {}),
          text, headline: makeHeadline(text), line: block.line, section: block.section,
        });
        break;
      }
      case 'prose':
        for (const sentence of splitSentences(block.text)) {
          const text = withoutReferenceMarks(sentence.text);
          const mention = findDateMentions(text, documentDate?.date)[0];
          if (!mention) continue;
          drafts.push({
            kind: 'prose', date: mention.date, ...(mention.end ? { end: mention.end } : {}), ...(mention.since ? { ongoing: true } : {}),
            text, headline: makeHeadline(text), line: lineOfOffset(block, sentence.offset), section: block.section,
          });
        }
        break;
    }
  }

  const events: ParsedEvent[] = [];
  // An entry the document repeats (under "The point of reference", say) is one event that its editor highlighted.
  const repeatsOf = new Map<string, number>();
  for (const draft of drafts) {
    const date = formatPartialDate(draft.date);
    const id = eventId(date, draft.identity ?? draft.text);
    if (repeatsOf.has(id)) {
      repeatsOf.set(id, (repeatsOf.get(id) ?? 0) + 1);
      continue;
    }
    repeatsOf.set(id, 0);
    events.push(finishEvent(source, draft, id, date));
  }
  const restated = restatedEntries(events);
  const kept = events.filter((event) => !restated.has(event))
    .map((event) => ((repeatsOf.get(event.id) ?? 0) > 0 ? { ...event, repeats: repeatsOf.get(event.id) } : event));
  return { source, documentDate, chronicleOrder: order, events: kept, issues };
}
