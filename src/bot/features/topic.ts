import { FeatureComposer } from '../command-routing.js';
import { InlineKeyboard } from 'grammy';
import { htmlMarkup } from '../../digest/markup.js';
import { MAX_QUERY_LENGTH, type TopicPage, findTopicPage, renderTimelinePage, renderTopicPage } from '../../digest/topic.js';
import { QueryError, queryTerms } from '../../store/fts-query.js';
import { type PageKind, pageCallbackData, queryFromTitle, readPageCallback } from '../callback-data.js';
import type { BotDependencies, ChronicleContext } from '../context.js';
import { eventLink } from '../links.js';
import { editWithBlocks, replyWithBlocks } from '../send-html.js';
import { createAnswerCache } from '../answer-cache.js';

function pageKeyboard(kind: PageKind, page: TopicPage): InlineKeyboard | undefined {
  if (page.pages <= 1) return undefined;
  const keyboard = new InlineKeyboard();
  if (page.page > 0) keyboard.text('‹ Back', pageCallbackData(kind, page.page - 1, page.query));
  keyboard.text(`${page.page + 1} / ${page.pages}`, 'noop');
  if (page.page + 1 < page.pages) keyboard.text('Next ›', pageCallbackData(kind, page.page + 1, page.query));
  return keyboard;
}

/** A button that searches for what the reader most likely meant, when nothing matched (and it fits in a button's data). */
function suggestionKeyboard(kind: PageKind, page: TopicPage): InlineKeyboard | undefined {
  const suggestion = page.noMatches?.suggestion;
  const data = suggestion ? pageCallbackData(kind, 0, suggestion) : undefined;
  if (!suggestion || !data || readPageCallback(data)?.query !== suggestion) return undefined;
  return new InlineKeyboard().text(`Search: ${suggestion}`, data);
}

/** Why a query cannot be searched, in words a reader understands; undefined when it can. */
export function queryProblem(query: string, command: string): string | undefined {
  if (query.length > MAX_QUERY_LENGTH) return `That query is ${query.length} characters long; please keep it under ${MAX_QUERY_LENGTH}.`;
  if (queryTerms(query).length === 0) return `/${command} needs words to search for, e.g. /${command} border guards`;
  return undefined;
}

export function topicFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  type Answer = { page: TopicPage; blocks: string[]; keyboard: InlineKeyboard | undefined } | { problem: string };
  const pages = createAnswerCache<Answer>(() => deps.store.generation());
  /**
   * A rendered page of matches (or why the words cannot be searched), from the cache when the same
   * words were asked since the store last changed.
   */
  const pageOf = (kind: PageKind, query: string, page: number, botUsername: string): Answer =>
    pages.get(`${kind}:${page}:${query}`, () => {
      const problem = queryProblem(query, kind);
      if (problem) return { problem };
      let found: TopicPage;
      try {
        found = findTopicPage(deps.store, query, page, kind === 'topic' ? 'rank' : 'date');
      } catch (error) {
        if (error instanceof QueryError) return { problem: `/${kind}: ${error.message}.` };
        throw error;
      }
      const blocks = (kind === 'topic' ? renderTopicPage : renderTimelinePage)(found, htmlMarkup, { linkFor: eventLink(botUsername) });
      return { page: found, blocks, keyboard: pageKeyboard(kind, found) ?? suggestionKeyboard(kind, found) };
    });

  const answer = (ctx: ChronicleContext, kind: PageKind, text: string): Promise<unknown> => {
    // One line: the page's title carries the query back when it is too long for the buttons.
    const query = text.replace(/\s+/g, ' ').trim();
    if (query.length > MAX_QUERY_LENGTH) return ctx.reply(queryProblem(query, kind) ?? '');
    const found = pageOf(kind, query, 0, ctx.me.username);
    if ('problem' in found) return ctx.reply(found.problem);
    return replyWithBlocks(ctx, found.blocks, found.keyboard);
  };

  composer.command('topic', (ctx) => answer(ctx, 'topic', ctx.match));
  composer.command('timeline', (ctx) => answer(ctx, 'timeline', ctx.match));

  composer.callbackQuery(/^(tp|tl):/, async (ctx) => {
    const state = readPageCallback(ctx.callbackQuery.data);
    const query = state?.query || queryFromTitle(ctx.callbackQuery.message?.text);
    if (!state || !query) return void (await ctx.answerCallbackQuery({ text: 'This button has expired; ask again.' }));
    const found = pageOf(state.kind, query, state.page, ctx.me.username);
    if ('problem' in found) return void (await ctx.answerCallbackQuery({ text: 'This button has expired; ask again.' }));
    await ctx.answerCallbackQuery();
    await editWithBlocks(ctx, found.blocks, found.keyboard);
  });
  composer.callbackQuery('noop', (ctx) => ctx.answerCallbackQuery());

  // Plain text in a private chat is a topic query (not an event sent through inline mode).
  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    if (ctx.message.via_bot) return;
    if (queryTerms(ctx.message.text).length === 0) return void (await ctx.reply('Send me words to search for (border guards), or a date (7 January). /help shows everything I can do.'));
    await answer(ctx, 'topic', ctx.message.text);
  });
  return composer;
}
