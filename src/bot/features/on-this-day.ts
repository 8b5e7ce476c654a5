import { Composer } from 'grammy';
import { DayArgumentError, calendarDayIn, parseDayArgument } from '../../digest/calendar.js';
import { htmlMarkup } from '../../digest/markup.js';
import { findOnThisDay, renderOnThisDay } from '../../digest/on-this-day.js';
import type { BotDependencies, ChronicleContext } from '../context.js';
import { eventLink } from '../links.js';
import { replyWithBlocks } from '../send-html.js';
import { createAnswerCache } from '../answer-cache.js';

export function onThisDayFeature(deps: BotDependencies): Composer<ChronicleContext> {
  const composer = new Composer<ChronicleContext>();
  const answers = createAnswerCache<string[]>(() => deps.store.generation());
  composer.command('onthisday', async (ctx) => {
    let day;
    try {
      day = parseDayArgument(ctx.match, calendarDayIn(deps.now(), deps.config.TZ));
    } catch (error) {
      if (error instanceof DayArgumentError) return void (await ctx.reply(`/onthisday: ${error.message}.`));
      throw error;
    }
    const key = `${day.year}-${day.month}-${day.day}`;
    await replyWithBlocks(ctx, answers.get(key, () => renderOnThisDay(findOnThisDay(deps.store, day), htmlMarkup, { linkFor: eventLink(ctx.me.username) })));
  });
  return composer;
}
