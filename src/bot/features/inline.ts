import { FeatureComposer } from '../command-routing.js';
import { InlineQueryResultBuilder } from 'grammy';
import { type CalendarDay, DayArgumentError, calendarDayIn, formatIsoDay, parseDayArgument } from '../../digest/calendar.js';
import { formatEventDate, renderEventBlock } from '../../digest/event-format.js';
import { htmlMarkup } from '../../digest/markup.js';
import { MAX_QUERY_LENGTH } from '../../digest/topic.js';
import { MAX_QUERY_WORDS, queryTerms } from '../../store/fts-query.js';
import type { StoredEvent } from '../../store/event-store.js';
import type { BotDependencies } from '../context.js';
import { eventLink } from '../links.js';

export const INLINE_RESULTS = 10;

function dayNamedBy(query: string, today: CalendarDay): CalendarDay | undefined {
  try {
    return parseDayArgument(query, today);
  } catch (error) {
    if (error instanceof DayArgumentError) return undefined;
    throw error;
  }
}

/** `@bot words` in any chat: matching events, each ready to send as a message; `@bot` alone offers the latest. */
export function inlineFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const asResults = (events: readonly StoredEvent[]) => events.map((event) =>
      InlineQueryResultBuilder.article(event.id, event.headline.slice(0, 200), {
        description: `${formatEventDate(event.date, event.endDate, event.ongoing)} · ${event.source.source}`,
      }).text(renderEventBlock(event, htmlMarkup, { linkFor: eventLink(ctx.me.username) }), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }));
    if (query === '') {
      const today = formatIsoDay(calendarDayIn(deps.now(), deps.config.TZ));
      return void (await ctx.answerInlineQuery(asResults(deps.store.listLatestEvents(today, INLINE_RESULTS)), { cache_time: 60 }));
    }
    const words = queryTerms(query).length;
    if (query.length > MAX_QUERY_LENGTH || words === 0 || words > MAX_QUERY_WORDS) {
      return void (await ctx.answerInlineQuery([], { cache_time: 60 }));
    }
    // `@bot 7 January`: that day's events in every year, newest first.
    const day = /\d/.test(query) && /[a-z]{3}/i.test(query) ? dayNamedBy(query, calendarDayIn(deps.now(), deps.config.TZ)) : undefined;
    if (day) return void (await ctx.answerInlineQuery(asResults(deps.store.listEventsOnCalendarDay(day.month, day.day, INLINE_RESULTS)), { cache_time: 300 }));
    const offset = Number(ctx.inlineQuery.offset) || 0;
    const { hits, total } = deps.store.searchEvents(query, INLINE_RESULTS, offset);
    const nextOffset = offset + hits.length < total ? String(offset + hits.length) : '';
    await ctx.answerInlineQuery(asResults(hits), { cache_time: 300, next_offset: nextOffset });
  });
  return composer;
}
