import { monthName, parsePartialDate } from '../ingest/partial-date.js';
import type { StoredEvent } from '../store/event-store.js';
import type { Markup } from './markup.js';
import { splitPlainText } from './split-messages.js';
import { withoutReferenceMarks } from '../text/reference-marks.js';

/** A date at its real precision: `7 January 2025`, `January 2025`, `2025`, `1918–1921`; a state's start as `since 1992`. */
export function formatEventDate(date: string, endDate?: string | null, ongoing = false): string {
  if (ongoing && !endDate) return `since ${formatEventDate(date)}`;
  const start = parsePartialDate(date);
  if (!start) return date;
  const text = start.day !== undefined && start.month !== undefined
    ? `${start.day} ${monthName(start.month)} ${start.year}`
    : start.month !== undefined ? `${monthName(start.month)} ${start.year}` : String(start.year);
  const end = endDate ? parsePartialDate(endDate) : undefined;
  if (end?.day !== undefined && start.day !== undefined && end.month === start.month && end.year === start.year) {
    return `${start.day}–${end.day} ${monthName(start.month ?? 1)} ${start.year}`;
  }
  return endDate ? `${text}–${formatEventDate(endDate)}` : text;
}

/** `1 event`, `2 events`: a count with its noun. */
export const counted = (count: number, noun: string): string => `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

export function yearsAgo(eventYear: number, referenceYear: number): string {
  const years = referenceYear - eventYear;
  if (years === 0) return 'this year';
  if (years === 1) return '1 year ago';
  if (years === -1) return 'in 1 year';
  return years > 0 ? `${years} years ago` : `in ${-years} years`;
}

export interface EventBlockOptions {
  /** Where the headline links to (the bot's deep link for the event), if anywhere. */
  readonly linkFor?: (eventId: string) => string | undefined;
  /** A note after the date, such as `3 years ago`. */
  readonly note?: string;
  /** A search snippet shown under the headline. */
  readonly snippet?: string;
  /** Leave the date out (it is in a heading above). */
  readonly omitDate?: boolean;
}

export function sourceLabel(event: StoredEvent): string {
  const more = event.sourceCount > 1 ? ` (+${event.sourceCount - 1} more)` : '';
  return `${event.source.source}:${event.source.line}${more}`;
}

/** One event as a few short lines: date, headline, snippet, source. */
export function renderEventBlock(event: StoredEvent, markup: Markup, options: EventBlockOptions = {}): string {
  const lines: string[] = [];
  if (!options.omitDate) {
    const date = markup.bold(formatEventDate(event.date, event.endDate, event.ongoing));
    lines.push(options.note ? `${date} · ${markup.text(options.note)}` : date);
  }
  const url = options.linkFor?.(event.id);
  const snippet = options.snippet === undefined ? undefined : withoutReferenceMarks(options.snippet);
  const snippetText = snippet?.replace(/[\u0001\u0002]/g, '');
  // The headline's spaces are folded (a text may hold two spaces, or a no-break space).
  const snippetOpensLikeHeadline = snippetText !== undefined && snippetText.replace(/\s+/g, ' ').trim().slice(0, 40) === event.headline.slice(0, 40);
  if (snippet && snippetOpensLikeHeadline) {
    // The snippet already starts with the headline: show it once, highlighted.
    const highlighted = markup.highlight(snippet);
    lines.push(url ? markup.linkMarkedUp(url, highlighted) : highlighted);
  } else {
    lines.push(url ? markup.link(url, event.headline) : markup.text(event.headline));
    if (snippet) lines.push(markup.highlight(snippet));
  }
  lines.push(markup.italic(`Source: ${sourceLabel(event)}`));
  return lines.join('\n');
}

const FULL_TEXT_PIECE = 3000;

/** An event with its full text and provenance: every source, the reported date, the people and places. */
export function renderEventInFull(event: StoredEvent & { sources: readonly { source: string; line: number; section: string | null }[] }, markup: Markup): string[] {
  // The headline is usually the text's first sentence, which follows in full.
  const text = withoutReferenceMarks(event.text);
  const headlineOpensText = text.startsWith(event.headline.replace(/…$/, ''));
  const header = [markup.bold(formatEventDate(event.date, event.endDate, event.ongoing)), ...(headlineOpensText ? [] : [markup.bold(event.headline)])];
  if (event.reportedDate) header.push(markup.italic(`Reported ${formatEventDate(event.reportedDate)}`));
  const blocks = [header.join('\n')];
  for (const piece of splitPlainText(text, FULL_TEXT_PIECE)) blocks.push(markup.text(piece));
  const facts: string[] = [];
  if (event.people.length > 0) facts.push(`People: ${event.people.join(', ')}`);
  if (event.organisations.length > 0) facts.push(`Organisations: ${event.organisations.join(', ')}`);
  if (event.places.length > 0) facts.push(`Places: ${event.places.join(', ')}`);
  if (event.topics.length > 0) facts.push(`Topics: ${event.topics.join(', ')}`);
  if (facts.length > 0) blocks.push(markup.text(facts.join('\n')));
  blocks.push(event.sources.map((s) => markup.italic(`Source: ${s.source}, line ${s.line}${s.section ? `, “${s.section}”` : ''}`)).join('\n'));
  return blocks;
}
