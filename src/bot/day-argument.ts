import { type CalendarDay, DayArgumentError, calendarDayIn, parseDayArgument } from '../digest/calendar.js';
import { type BotDependencies, type ChronicleContext, timeZoneOf } from './context.js';

/** The day a command names (today in the chat's time zone by default), or undefined after telling the user what went wrong. */
export async function dayFromCommand(ctx: ChronicleContext & { match: string }, command: string, deps: BotDependencies, parse = parseDayArgument): Promise<CalendarDay | undefined> {
  try {
    return parse(ctx.match, calendarDayIn(deps.now(), timeZoneOf(ctx, deps)));
  } catch (error) {
    if (!(error instanceof DayArgumentError)) throw error;
    await ctx.reply(`/${command}: ${error.message}.`);
    return undefined;
  }
}
