import type { InlineKeyboard } from 'grammy';
import { type CalendarDay, DayArgumentError, calendarDayIn, parseDayArgument } from '../digest/calendar.js';
import { type BotDependencies, type ChronicleContext, timeZoneOf } from './context.js';

/**
 * Answers for the day a command names (today in the chat's time zone by default), or tells the
 * user what is wrong with the argument. The answer is also given today's date in the chat's zone.
 */
export function answerForDay(
  ctx: ChronicleContext & { match: string }, command: string, deps: BotDependencies,
  answer: (day: CalendarDay, today: CalendarDay) => Promise<unknown>, parse = parseDayArgument,
  /** Buttons that open the days a misspelt or ambiguous argument most likely names. */
  offer?: (days: readonly CalendarDay[]) => InlineKeyboard,
): Promise<unknown> {
  const today = calendarDayIn(deps.now(), timeZoneOf(ctx, deps));
  let day: CalendarDay;
  try {
    day = parse(ctx.match, today);
  } catch (error) {
    if (!(error instanceof DayArgumentError)) throw error;
    const text = `/${command}: ${error.message}${/[.?!]$/.test(error.message) ? '' : '.'}`;
    return ctx.reply(text, error.meant.length > 0 && offer ? { reply_markup: offer(error.meant) } : {});
  }
  return answer(day, today);
}
