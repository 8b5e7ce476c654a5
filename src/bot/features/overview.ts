import { FeatureComposer } from '../command-routing.js';
import { calendarDayIn } from '../../digest/calendar.js';
import { htmlMarkup } from '../../digest/markup.js';
import { findLatest, renderLatest, renderSources, renderStats } from '../../digest/overview.js';
import { type BotDependencies, timeZoneOf } from '../context.js';
import { eventLink } from '../links.js';
import { replyWithBlocks } from '../send-html.js';

export function overviewFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  composer.command('latest', (ctx) =>
    replyWithBlocks(ctx, renderLatest(findLatest(deps.store, calendarDayIn(deps.now(), timeZoneOf(ctx, deps))), htmlMarkup, { linkFor: eventLink(ctx.me.username) })));
  composer.command('sources', (ctx) => replyWithBlocks(ctx, renderSources(deps.store.listDocuments(), htmlMarkup)));
  composer.command('stats', (ctx) => replyWithBlocks(ctx, renderStats(deps.store.stats(), htmlMarkup)));
  return composer;
}
