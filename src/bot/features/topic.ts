import { Composer, InlineKeyboard } from 'grammy';
import { htmlMarkup } from '../../digest/markup.js';
import { MAX_QUERY_LENGTH, type TopicPage, findTopicPage, renderTimelinePage, renderTopicPage } from '../../digest/topic.js';
import { QueryError, queryWords } from '../../store/fts-query.js';
import { type PageKind, pageCallbackData, queryFromTitle, readPageCallback } from '../callback-data.js';
import type { BotDependencies, ChronicleContext } from '../context.js';
import { eventLink } from '../links.js';
import { editWithBlocks, replyWithBlocks } from '../send-html.js';

function pageKeyboard(kind: PageKind, page: TopicPage): InlineKeyboard | undefined {
  if (page.pages <= 1) return undefined;
  const keyboard = new InlineKeyboard();
  if (page.page > 0) keyboard.text('‹ Back', pageCallbackData(kind, page.page - 1, page.query));
  keyboard.text(`${page.page + 1} / ${page.pages}`, 'noop');
  if (page.page + 1 < page.pages) keyboard.text('Next ›', pageCallbackData(kind, page.page + 1, page.query));
  return keyboard;
}

/** Why a query cannot be searched, in words a reader understands; undefined when it can. */
export function queryProblem(query: string, command: string): string | undefined {
  if (query.length > MAX_QUERY_LENGTH) return `That query is ${query.length} characters long; please keep it under ${MAX_QUERY_LENGTH}.`;
  if (queryWords(query).length === 0) return `/${command} needs words to search for, e.g. /${command} border guards`;
  return undefined;
}

export function topicFeature(deps: BotDependencies): Composer<ChronicleContext> {
  const composer = new Composer<ChronicleContext>();
  const render = (kind: PageKind, page: TopicPage, botUsername: string): string[] =>
    (kind === 'topic' ? renderTopicPage : renderTimelinePage)(page, htmlMarkup, { linkFor: eventLink(botUsername) });

  const answer = async (ctx: ChronicleContext, kind: PageKind, query: string): Promise<void> => {
    const problem = queryProblem(query, kind);
    if (problem) return void (await ctx.reply(problem));
    let page: TopicPage;
    try {
      page = findTopicPage(deps.store, query, 0, kind === 'topic' ? 'rank' : 'date');
    } catch (error) {
      if (error instanceof QueryError) return void (await ctx.reply(`/${kind}: ${error.message}.`));
      throw error;
    }
    await replyWithBlocks(ctx, render(kind, page, ctx.me.username), pageKeyboard(kind, page));
  };

  composer.command('topic', (ctx) => answer(ctx, 'topic', ctx.match.trim()));
  composer.command('timeline', (ctx) => answer(ctx, 'timeline', ctx.match.trim()));

  composer.callbackQuery(/^(tp|tl):/, async (ctx) => {
    const state = readPageCallback(ctx.callbackQuery.data);
    const query = state?.query || queryFromTitle(ctx.callbackQuery.message?.text);
    if (!state || !query) return void (await ctx.answerCallbackQuery({ text: 'This button has expired; ask again.' }));
    const page = findTopicPage(deps.store, query, state.page, state.kind === 'topic' ? 'rank' : 'date');
    await ctx.answerCallbackQuery();
    await editWithBlocks(ctx, render(state.kind, page, ctx.me.username), pageKeyboard(state.kind, page));
  });
  composer.callbackQuery('noop', (ctx) => ctx.answerCallbackQuery());

  // Plain text in a private chat is a topic query.
  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    await answer(ctx, 'topic', ctx.message.text.trim());
  });
  return composer;
}
