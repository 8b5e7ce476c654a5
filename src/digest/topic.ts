import { monthName, parsePartialDate } from '../ingest/partial-date.js';
import type { SearchResult } from '../store/event-search.js';
import type { EventStore } from '../store/event-store.js';
import { type EventBlockOptions, formatEventDate, renderEventBlock } from './event-format.js';
import type { Markup } from './markup.js';

export const TOPIC_PAGE_SIZE = 5;
export const TIMELINE_PAGE_SIZE = 10;
/** Longer queries are refused with a message rather than searched. */
export const MAX_QUERY_LENGTH = 200;

export interface TopicPage {
  readonly query: string;
  readonly page: number;
  readonly pages: number;
  readonly result: SearchResult;
  /** When nothing matched: the words no event holds, and the query the reader most likely meant. */
  readonly noMatches?: { readonly unmatched: readonly string[]; readonly suggestion?: string };
}

/** A page of matches; a page past the last (an old button, say) shows the last. */
export function findTopicPage(store: EventStore, query: string, page: number, order: 'rank' | 'date'): TopicPage {
  const size = order === 'rank' ? TOPIC_PAGE_SIZE : TIMELINE_PAGE_SIZE;
  const search = (index: number) => (order === 'rank' ? store.searchEvents(query, size, index * size) : store.searchEventsByDate(query, size, index * size));
  let index = Math.max(0, page);
  let result = search(index);
  const pages = Math.max(1, Math.ceil(result.total / size));
  if (index >= pages) {
    index = pages - 1;
    result = search(index);
  }
  if (result.total === 0) return { query, page: index, pages, result, noMatches: store.explainNoMatches(query) };
  return { query, page: index, pages, result };
}

const listed = (words: readonly string[]): string =>
  words.length === 1 ? `“${words[0]}”` : `${words.slice(0, -1).map((w) => `“${w}”`).join(', ')} or “${words.at(-1)}”`;

function noMatchesText(page: TopicPage, markup: Markup): string {
  const { unmatched = [], suggestion } = page.noMatches ?? {};
  if (unmatched.length === 0) return markup.text('No event holds all of these words together. Try fewer words.');
  const none = markup.text(`No events mention ${listed(unmatched)}.`);
  return suggestion ? `${none} ${markup.text('Did you mean')} ${markup.bold(suggestion)}?` : `${none} ${markup.text('Try other words.')}`;
}

function countLine(page: TopicPage): string {
  const { total, capped, order } = page.result;
  const matches = !capped ? (total === 1 ? '1 match' : `${total} matches`)
    : `More than ${total} matches; the ${total} added last are ${order === 'relevance' ? 'ranked' : 'shown'}`;
  const newest = order === 'newest' ? '\nNewest first: these words are in too many events to rank by.' : '';
  return `${matches} · page ${page.page + 1} of ${page.pages}${newest}`;
}

export function renderTopicPage(page: TopicPage, markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> = {}): string[] {
  const title = markup.bold(`Topic: ${page.query}`);
  if (page.result.total === 0) return [`${title}\n${noMatchesText(page, markup)}`];
  return [
    `${title}\n${markup.text(countLine(page))}`,
    ...page.result.hits.map((hit) => renderEventBlock(hit, markup, { ...options, snippet: hit.snippet })),
  ];
}

const monthHeading = (date: string): string => {
  const parsed = parsePartialDate(date);
  if (!parsed) return date;
  return parsed.month === undefined ? `${parsed.year}` : `${monthName(parsed.month)} ${parsed.year}`;
};

/** The matches in date order, under one heading per month (per year for year-precision events). */
export function renderTimelinePage(page: TopicPage, markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> = {}): string[] {
  const title = markup.bold(`Timeline: ${page.query}`);
  if (page.result.total === 0) return [`${title}\n${noMatchesText(page, markup)}`];
  const blocks = [`${title}\n${markup.text(countLine(page))}`];
  let heading = '';
  for (const hit of page.result.hits) {
    const next = monthHeading(hit.date);
    // A month's or a year's event under its own month or year heading needs no date line of its own.
    const block = renderEventBlock(hit, markup, { ...options, snippet: hit.snippet, omitDate: formatEventDate(hit.date, hit.endDate, hit.ongoing) === next });
    blocks.push(next === heading ? block : `${markup.bold(`— ${next} —`)}\n${block}`);
    heading = next;
  }
  return blocks;
}
