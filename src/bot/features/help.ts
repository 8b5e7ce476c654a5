import { FeatureComposer } from '../command-routing.js';
import { counted, formatEventDate, renderEventInFull } from '../../digest/event-format.js';
import { escapeHtml, htmlMarkup } from '../../digest/markup.js';
import type { BotDependencies } from '../context.js';
import { replyWithBlocks } from '../send-html.js';

export const EVENT_DEEP_LINK = /^e_([0-9a-f]{16})$/;
/** Plain text that greets or asks for help (`hi`, `help`, `menu`) rather than searching for the word. */
const GREETING = /^(?:hi|hello|hey|help|menu|commands|what can you do|who are you|good (?:morning|afternoon|evening))\s*[!.?]*$/i;
const THANKS = /^(?:thanks?(?: you)?(?: very much| a lot)?|thx|ty|cheers)\s*[!.]*$/i;

export function helpText(deps: BotDependencies, botUsername: string): string {
  const stats = deps.store.stats();
  const range = stats.firstDate && stats.lastDate
    ? `from ${formatEventDate(stats.firstDate)} to ${formatEventDate(stats.lastDate)}` : 'none yet';
  return [
    '<b>Chronicle Bot</b>',
    `I know ${counted(stats.events, 'dated event')} from ${counted(stats.documents, 'document')}, ${escapeHtml(range)}.`,
    '',
    '/onthisday — this day in past years (or /onthisday 7 January)',
    '/topic <i>words</i> — search, best matches first',
    '/timeline <i>words</i> — the same matches by date',
    '/week — this week’s summary (or /week last, /week 2025-01-15, /week 2025-W03)',
    '/latest — the newest events',
    '/sources · /stats',
    '',
    'Daily and weekly posts for this chat (or @channel): /subscribe, /settings, /preview daily, /unsubscribe',
    '',
    `In a private chat, just type words to search, or a date (7 January) for that day. In any chat: @${escapeHtml(botUsername)} <i>words</i>.`,
  ].join('\n');
}

export function helpFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  composer.command('start', async (ctx) => {
    const deepLink = EVENT_DEEP_LINK.exec(ctx.match.trim());
    if (deepLink) {
      const event = deps.store.getEvent(deepLink[1] ?? '');
      if (event) return replyWithBlocks(ctx, renderEventInFull(event, htmlMarkup));
      await ctx.reply('That event is no longer in the archive (its document was changed). Try /topic with a few of its words.');
      return;
    }
    if (ctx.match.trim().startsWith('e_')) return ctx.reply('That link does not lead to an event of this archive. Try /topic with a few of its words.');
    await ctx.reply(helpText(deps, ctx.me.username), { parse_mode: 'HTML' });
  });
  composer.command('help', (ctx) => ctx.reply(helpText(deps, ctx.me.username), { parse_mode: 'HTML' }));
  composer.chatType('private').on('message:text', (ctx, next) => {
    const text = ctx.message.text.trim();
    if (ctx.message.via_bot) return next();
    if (GREETING.test(text)) return ctx.reply(helpText(deps, ctx.me.username), { parse_mode: 'HTML' });
    if (THANKS.test(text)) return ctx.reply('You’re welcome. Type words to search, or a date such as 7 January.');
    return next();
  });
  return composer;
}
