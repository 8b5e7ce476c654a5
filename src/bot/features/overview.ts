import { FeatureComposer } from '../command-routing.js';
import { calendarDayIn } from '../../digest/calendar.js';
import { htmlMarkup } from '../../digest/markup.js';
import { findLatest, renderLatest, renderSources, renderStats } from '../../digest/overview.js';
import { type BotDependencies, type ChronicleContext, timeZoneOf } from '../context.js';
import { eventLink } from '../links.js';
import { replyWithBlocks } from '../send-html.js';

/** Plain text asking for the newest events: `latest news`, `what's new?`. */
const LATEST_QUESTION = /^(?:(?:what(?:'s| is| are) )?(?:the )?(?:latest|recent|newest)(?: news| events)?|news|what'?s new|what is new|any(?:thing)? news|anything new|what hap+\w*|what'?s happening|what is happening|what'?s going on)\s*[?!.]*$/i;

export function overviewFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  const latest = (ctx: ChronicleContext): Promise<unknown> =>
    replyWithBlocks(ctx, renderLatest(findLatest(deps.store, calendarDayIn(deps.now(), timeZoneOf(ctx, deps))), htmlMarkup, { linkFor: eventLink(ctx.me.username) }));
  composer.command('latest', latest);
  composer.command('sources', (ctx) => replyWithBlocks(ctx, renderSources(deps.store.listDocuments(), htmlMarkup)));
  composer.command('stats', (ctx) => replyWithBlocks(ctx, renderStats(deps.store.stats(), htmlMarkup)));
  composer.chatType('private').on('message:text', (ctx, next) =>
    (!ctx.message.via_bot && LATEST_QUESTION.test(ctx.message.text.trim().replace(/’/g, "'")) ? latest(ctx) : next()));
  return composer;
}
