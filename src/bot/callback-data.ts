/**
 * Pagination state lives in the buttons' callback data (at most 64 bytes), so a button still works
 * after a restart. A query too long for it is read back from the message's own first line.
 */
export type PageKind = 'topic' | 'timeline';

const PREFIX: Record<PageKind, string> = { topic: 'tp', timeline: 'tl' };
const CALLBACK_DATA_LIMIT = 64;

export function pageCallbackData(kind: PageKind, page: number, query: string): string {
  const full = `${PREFIX[kind]}:${page}:${query}`;
  return Buffer.byteLength(full) <= CALLBACK_DATA_LIMIT ? full : `${PREFIX[kind]}:${page}:`;
}

export const PAGE_CALLBACK = /^(tp|tl):(\d{1,5}):(.*)$/s;

export function readPageCallback(data: string): { kind: PageKind; page: number; query: string } | undefined {
  const match = PAGE_CALLBACK.exec(data);
  if (!match) return undefined;
  return { kind: match[1] === 'tp' ? 'topic' : 'timeline', page: Number(match[2]), query: match[3] ?? '' };
}

/** A week's page of all its events (`wk:2025-01-13:0`), or its summary (`wk:2025-01-13:summary`). */
export const weekCallbackData = (isoDay: string, page: number | 'summary'): string => `wk:${isoDay}:${page}`;
export const WEEK_CALLBACK = /^wk:(\d{4}-\d{2}-\d{2}):(\d{1,5}|summary)$/;

/** A page's title line is `Topic: <query>` or `Timeline: <query>`: the query, back from the message. */
export function queryFromTitle(messageText: string | undefined): string | undefined {
  const firstLine = messageText?.split('\n', 1)[0] ?? '';
  const match = /^(?:Topic|Timeline): (.+)$/.exec(firstLine);
  return match?.[1];
}

/** A day's events, page by page: `od:2026-01-07` (a nearest day with events, offered when the asked day has none), `od:2026-01-07:2` (its third page). */
export const onThisDayCallbackData = (isoDay: string, page = 0): string => (page === 0 ? `od:${isoDay}` : `od:${isoDay}:${page}`);
export const ON_THIS_DAY_CALLBACK = /^od:(\d{4})-(\d{2})-(\d{2})(?::(\d{1,4}))?(?::(.+))?$/s;

/** A page of a day's events that match words (`od:2026-01-07:1:Aliyev`), if the words fit in a button's data. */
export function onThisDayAboutCallbackData(isoDay: string, page: number, words: string): string | undefined {
  const data = `od:${isoDay}:${page}:${words}`;
  return Buffer.byteLength(data) <= CALLBACK_DATA_LIMIT ? data : undefined;
}
