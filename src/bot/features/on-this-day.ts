import { Composer } from 'grammy';
import { htmlMarkup } from '../../digest/markup.js';
import { findOnThisDay, renderOnThisDay } from '../../digest/on-this-day.js';
import { calendarDayIn } from '../../digest/calendar.js';
import { type BotDependencies, type ChronicleContext, timeZoneOf } from '../context.js';
import { eventLink } from '../links.js';
import { replyWithBlocks } from '../send-html.js';
import { dayFromCommand } from '../day-argument.js';
import { createAnswerCache } from '../answer-cache.js';

export function onThisDayFeature(deps: BotDependencies): Composer<ChronicleContext> {
  const composer = new Composer<ChronicleContext>();
  const answers = createAnswerCache<string[]>(() => deps.store.generation());
  composer.command('onthisday', async (ctx) => {
    const day = await dayFromCommand(ctx, 'onthisday', deps);
    if (!day) return;
    const thisYear = calendarDayIn(deps.now(), timeZoneOf(ctx, deps)).year;
    const key = `${day.year}-${day.month}-${day.day}:${thisYear}`;
    await replyWithBlocks(ctx, answers.get(key, () => renderOnThisDay(findOnThisDay(deps.store, day, thisYear), htmlMarkup, { linkFor: eventLink(ctx.me.username) })));
  });
  return composer;
}
