import type { EventStore, StoreStats, StoredDocument, StoredEvent } from '../store/event-store.js';
import { type CalendarDay, formatIsoDay } from './calendar.js';
import { type EventBlockOptions, counted, formatEventDate, renderEventBlock } from './event-format.js';
import type { Markup } from './markup.js';

export const LATEST_LIMIT = 10;

export function findLatest(store: EventStore, today: CalendarDay, limit = LATEST_LIMIT): StoredEvent[] {
  return store.listLatestEvents(formatIsoDay(today), limit);
}

export function renderLatest(events: readonly StoredEvent[], markup: Markup, options: Pick<EventBlockOptions, 'linkFor'> = {}): string[] {
  if (events.length === 0) return [markup.text('The archive is empty: no events yet.')];
  return [markup.bold('Latest events'), ...events.map((event) => renderEventBlock(event, markup, options))];
}

export function renderStats(stats: StoreStats, markup: Markup): string[] {
  const range = stats.firstDate && stats.lastDate ? `${formatEventDate(stats.firstDate)} to ${formatEventDate(stats.lastDate)}` : 'none yet';
  return [[
    markup.bold('The archive'),
    markup.text(`${counted(stats.events, 'event')} from ${counted(stats.documents, 'document')}`),
    markup.text(`Dates: ${range}`),
    markup.text(`Precision: ${stats.byPrecision.day} to the day, ${stats.byPrecision.month} to the month, ${stats.byPrecision.year} to the year`),
    markup.text(`Reported by more than one document: ${stats.linkedEvents}`),
  ].join('\n')];
}

export function renderSources(documents: readonly StoredDocument[], markup: Markup): string[] {
  if (documents.length === 0) return [markup.text('No documents have been ingested yet.')];
  return [
    markup.bold(`Sources (${documents.length})`),
    ...documents.map((doc) => [
      markup.bold(doc.source),
      markup.text(`${doc.eventCount} events · dated ${doc.documentDate ? formatEventDate(doc.documentDate) : 'unknown'}${doc.documentDateMethod ? ` (from ${doc.documentDateMethod})` : ''}`),
    ].join('\n')),
  ];
}
