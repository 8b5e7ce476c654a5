import { Composer, InlineQueryResultBuilder } from 'grammy';
import { formatEventDate, renderEventBlock } from '../../digest/event-format.js';
import { htmlMarkup } from '../../digest/markup.js';
import { MAX_QUERY_LENGTH } from '../../digest/topic.js';
import { MAX_QUERY_WORDS, queryTerms } from '../../store/fts-query.js';
import type { BotDependencies, ChronicleContext } from '../context.js';
import { eventLink } from '../links.js';

export const INLINE_RESULTS = 10;

/** `@bot words` in any chat: matching events, each ready to send as a message. */
export function inlineFeature(deps: BotDependencies): Composer<ChronicleContext> {
  const composer = new Composer<ChronicleContext>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const words = queryTerms(query).length;
    if (query.length > MAX_QUERY_LENGTH || words === 0 || words > MAX_QUERY_WORDS) {
      return void (await ctx.answerInlineQuery([], { cache_time: 60 }));
    }
    const offset = Number(ctx.inlineQuery.offset) || 0;
    const { hits, total } = deps.store.searchEvents(query, INLINE_RESULTS, offset);
    const results = hits.map((hit) =>
      InlineQueryResultBuilder.article(hit.id, hit.headline.slice(0, 200), {
        description: `${formatEventDate(hit.date, hit.endDate)} · ${hit.source.source}`,
      }).text(renderEventBlock(hit, htmlMarkup, { linkFor: eventLink(ctx.me.username) }), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }));
    const nextOffset = offset + hits.length < total ? String(offset + hits.length) : '';
    await ctx.answerInlineQuery(results, { cache_time: 300, next_offset: nextOffset });
  });
  return composer;
}
