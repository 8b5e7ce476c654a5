import { FeatureComposer } from '../command-routing.js';
import { InlineKeyboard } from 'grammy';
import { type CalendarDay, calendarDayIn, formatIsoDay, isoWeekOf, parseWeekArgument } from '../../digest/calendar.js';
import { htmlMarkup } from '../../digest/markup.js';
import { type WeekSummary, formatWeekRange, renderWeekEventsPage, renderWeekSummary, summariseWeek } from '../../digest/week.js';
import { parsePartialDate } from '../../ingest/partial-date.js';
import { WEEK_CALLBACK, weekCallbackData } from '../callback-data.js';
import { type BotDependencies, type ChronicleContext, timeZoneOf } from '../context.js';
import { eventLink } from '../links.js';
import { editWithBlocks, replyWithBlocks } from '../send-html.js';
import { answerForDay } from '../day-argument.js';

export const WEEK_PAGE_SIZE = 8;
/** Plain text asking for a week: `this week`, `last week?`, `what happened last week`. */
const WEEK_QUESTION = /^(?:what happened |news of |events of |news )?(?:(?:in )?(?:the )?(this|last|past) week)(?:'s news)?\s*[?!.]*$/i;

function weekKeyboard(summary: WeekSummary, page: number | undefined): InlineKeyboard | undefined {
  const pages = Math.ceil(summary.events.length / WEEK_PAGE_SIZE);
  const firstDay = formatIsoDay(summary.week.first);
  if (page === undefined) {
    return summary.events.length > summary.highlights.length
      ? new InlineKeyboard().text(`All ${summary.events.length} events ›`, weekCallbackData(firstDay, 0)) : undefined;
  }
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text('‹ Back', weekCallbackData(firstDay, page - 1));
  keyboard.text(`${page + 1} / ${pages}`, 'noop');
  if (page + 1 < pages) keyboard.text('Next ›', weekCallbackData(firstDay, page + 1));
  return keyboard.row().text('‹ Summary', weekCallbackData(firstDay, 'summary'));
}

export function weekFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  const openWeek = (days: readonly CalendarDay[]): InlineKeyboard => {
    const keyboard = new InlineKeyboard();
    for (const day of days) keyboard.text(`The week of ${formatWeekRange(isoWeekOf(day))}`, weekCallbackData(formatIsoDay(isoWeekOf(day).first), 'summary')).row();
    return keyboard;
  };
  /** A week with no events points to the week of the archive's newest events. */
  const newestWeekKeyboard = (summary: WeekSummary): InlineKeyboard | undefined => {
    const last = parsePartialDate(deps.store.stats().lastDate ?? '');
    if (last?.month === undefined || last.day === undefined) return undefined;
    const newest = isoWeekOf({ year: last.year, month: last.month, day: last.day });
    if (formatIsoDay(newest.first) === formatIsoDay(summary.week.first)) return undefined;
    return new InlineKeyboard().text(`The newest events: ${formatWeekRange(newest)}`, weekCallbackData(formatIsoDay(newest.first), 'summary'));
  };
  const summaryOf = (ctx: ChronicleContext, day: CalendarDay): Promise<unknown> => {
    const summary = summariseWeek(deps.store, day);
    const keyboard = summary.events.length === 0 ? newestWeekKeyboard(summary) : weekKeyboard(summary, undefined);
    return replyWithBlocks(ctx, renderWeekSummary(summary, htmlMarkup, { linkFor: eventLink(ctx.me.username) }), keyboard);
  };
  composer.command('week', (ctx) => answerForDay(ctx, 'week', deps, (day) => summaryOf(ctx, day), parseWeekArgument, openWeek));
  // `this week`, `what happened last week?` in a private chat ask for that week.
  composer.chatType('private').on('message:text', (ctx, next) => {
    const asked = WEEK_QUESTION.exec(ctx.message.text.trim());
    if (!asked || ctx.message.via_bot) return next();
    // The past week is the week before this one, as last week is.
    const which = asked[1]?.toLowerCase() === 'this' ? 'this' : 'last';
    return summaryOf(ctx, parseWeekArgument(`${which} week`, calendarDayIn(deps.now(), timeZoneOf(ctx, deps))));
  });
  composer.callbackQuery(WEEK_CALLBACK, async (ctx) => {
    const [, isoDay = '', pageText = '0'] = ctx.match;
    const first = parsePartialDate(isoDay);
    if (first?.month === undefined || first.day === undefined) return void (await ctx.answerCallbackQuery());
    const summary = summariseWeek(deps.store, { year: first.year, month: first.month, day: first.day });
    await ctx.answerCallbackQuery();
    const linkFor = eventLink(ctx.me.username);
    if (pageText === 'summary') return editWithBlocks(ctx, renderWeekSummary(summary, htmlMarkup, { linkFor }), weekKeyboard(summary, undefined));
    const page = Math.min(Number(pageText), Math.max(0, Math.ceil(summary.events.length / WEEK_PAGE_SIZE) - 1));
    await editWithBlocks(ctx, renderWeekEventsPage(summary, page, WEEK_PAGE_SIZE, htmlMarkup, { linkFor }), weekKeyboard(summary, page));
  });
  return composer;
}
