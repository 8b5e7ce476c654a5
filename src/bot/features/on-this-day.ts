import { FeatureComposer } from '../command-routing.js';
import { InlineKeyboard } from 'grammy';
import { htmlMarkup } from '../../digest/markup.js';
import { findOnThisDay, formatDayMonth, renderOnThisDay } from '../../digest/on-this-day.js';
import { isValidDate } from '../../ingest/partial-date.js';
import { type CalendarDay, DayArgumentError, calendarDayIn, dayAndWordsIn, formatIsoDay, parseDayArgument } from '../../digest/calendar.js';
import { MAX_QUERY_LENGTH } from '../../digest/topic.js';
import { MAX_QUERY_WORDS, holdsSearchWords, queryTerms } from '../../store/fts-query.js';
import { type BotDependencies, type ChronicleContext, timeZoneOf } from '../context.js';
import { eventLink } from '../links.js';
import { replyWithBlocks } from '../send-html.js';
import { answerForDay } from '../day-argument.js';
import { createAnswerCache } from '../answer-cache.js';
import { ON_THIS_DAY_CALLBACK, onThisDayAboutCallbackData, onThisDayCallbackData, pageCallbackData, readPageCallback } from '../callback-data.js';

/** Plain text that may be a date: words with a number (a month's name), today and its neighbours, or a full date with its year. */
const PLAIN_TEXT_DATE = /^(?=.*\d)(?=.*[a-z]{3}).{4,30}$|^(today|yesterday|tomorrow|(?:last )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)$|^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{4}$|^\d{1,2}\.\d{1,2}\.\d{2}$/i;
const NUMBERS_THAT_MAY_BE_A_DAY = /^\d{1,2}[./-]\d{1,2}$/;
/** The day a question asks about: `what happened on 7 January?` asks for 7 January, `on Monday` for the latest Monday. */
const dayAskedIn = (text: string): string => text.trim()
  .replace(/^(?:(?:tell me )?wh?at (?:hap+\w*|was|were)|events|news|anything)\b\s*/i, '')
  .replace(/^(?:on|of|for|the)\s+/i, '').replace(/\s*[?!]+$/, '');

export function onThisDayFeature(deps: BotDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  const answers = createAnswerCache<{ blocks: string[]; keyboard?: InlineKeyboard }>(() => deps.store.generation());
  const aboutAnswers = createAnswerCache<{ blocks: string[]; keyboard?: InlineKeyboard; none: boolean }>(() => deps.store.generation());
  const answer = (ctx: ChronicleContext, day: CalendarDay, thisYear: number, page = 0): Promise<unknown> => {
    const { blocks, keyboard } = answers.get(`${day.year}-${day.month}-${day.day}:${thisYear}:${page}`, () => {
      const found = findOnThisDay(deps.store, day, thisYear, null, page);
      const blocks = renderOnThisDay(found, htmlMarkup, { linkFor: eventLink(ctx.me.username) });
      if (found.hasMore) return { blocks, keyboard: new InlineKeyboard().text('More ›', onThisDayCallbackData(formatIsoDay(day), page + 1)) };
      if (found.nearestDays.length === 0) return { blocks };
      const keyboard = new InlineKeyboard();
      for (const nearest of found.nearestDays) keyboard.text(formatDayMonth(nearest), onThisDayCallbackData(formatIsoDay(nearest)));
      return { blocks, keyboard };
    });
    return replyWithBlocks(ctx, blocks, keyboard);
  };
  // A day and words (`Aliyev 7 January`): the day's events that match the words, the first page of them.
  // When no event of the day matches, the words are searched instead (`March 8 protests`, `Theresa May 10`).
  const answerAbout = (ctx: ChronicleContext, day: CalendarDay, thisYear: number, words: string, page: number, otherwise: () => Promise<unknown>): Promise<unknown> => {
    const { blocks, keyboard, none } = aboutAnswers.get(`${day.year}-${day.month}-${day.day}:${thisYear}:${page}:${words}`, () => {
      const found = findOnThisDay(deps.store, day, thisYear, words, page);
      const blocks = renderOnThisDay(found, htmlMarkup, { linkFor: eventLink(ctx.me.username), about: words });
      const more = found.hasMore ? onThisDayAboutCallbackData(formatIsoDay(day), page + 1, words) : undefined;
      return { blocks, none: found.total === 0, ...(more ? { keyboard: new InlineKeyboard().text('More ›', more) } : {}) };
    });
    return none ? otherwise() : replyWithBlocks(ctx, blocks, keyboard);
  };
  /**
   * Words beside a day that no event of that day holds, and no event at all with the day's words
   * (`pashinyan on 7 january`): said so, with the day's events, the words' likely meaning on that
   * day, and the words alone, as buttons.
   */
  const answerNothingAbout = (ctx: ChronicleContext, day: CalendarDay, words: string, asked: string, otherwise: () => Promise<unknown>): Promise<unknown> => {
    if (deps.store.searchEvents(asked, 1).total > 0) return otherwise();
    const meant = deps.store.explainNoMatches(words).suggestion;
    const keyboard = new InlineKeyboard();
    const meantOnDay = meant ? onThisDayAboutCallbackData(formatIsoDay(day), 0, meant) : undefined;
    if (meant && meantOnDay) keyboard.text(`${meant} on ${formatDayMonth(day)}`, meantOnDay);
    keyboard.text(`All of ${formatDayMonth(day)}`, onThisDayCallbackData(formatIsoDay(day)));
    const wordsAlone = pageCallbackData('topic', 0, words);
    if (readPageCallback(wordsAlone)?.query === words) keyboard.text(`Search: ${words}`, wordsAlone);
    return ctx.reply(`No event of ${formatDayMonth(day)}, in any year, mentions “${words}”.${meant ? ` Did you mean ${meant}?` : ''}`, { reply_markup: keyboard });
  };
  /** The words beside a day, when they hold something to search for. */
  const searchableWords = (words: string): boolean => words.length <= MAX_QUERY_LENGTH && holdsSearchWords(words) && queryTerms(words).length <= MAX_QUERY_WORDS;
  // The same words on the same day name the same day: read once per day (per chat time zone in turn).
  let remembered: { today?: CalendarDay; days: Map<string, CalendarDay> } = { days: new Map() };
  const parseRemembered = (input: string, today: CalendarDay): CalendarDay => {
    if (remembered.today !== today) remembered = { today, days: new Map() };
    let day = remembered.days.get(input);
    if (!day) {
      day = parseDayArgument(input, today);
      if (remembered.days.size < 1_000) remembered.days.set(input, day);
    }
    return day;
  };
  const openDay = (days: readonly CalendarDay[]): InlineKeyboard => {
    const keyboard = new InlineKeyboard();
    for (const day of days) keyboard.text(`${formatDayMonth(day)}${days.length > 1 ? ` ${day.year}` : ''}`, onThisDayCallbackData(formatIsoDay(day)));
    return keyboard;
  };
  composer.command('onthisday', (ctx) => answerForDay(ctx, 'onthisday', deps, (day, today) => answer(ctx, day, today.year), parseRemembered, openDay));
  // A date typed as plain text in a private chat (`7 January`, `today`, `2025-01-07`) asks for that
  // day. Other numbers (`6.5`, `24/7`) are searched first: many of them are not dates.
  composer.chatType('private').on('message:text', async (ctx, next) => {
    const text = dayAskedIn(ctx.message.text);
    if (text.startsWith('/') || ctx.message.via_bot) return next();
    const today = calendarDayIn(deps.now(), timeZoneOf(ctx, deps));
    // `7/1`, `07.01`: searched, as numbers alone mostly are, when an event writes them so; else the day or days they can name.
    if (NUMBERS_THAT_MAY_BE_A_DAY.test(text) && !deps.store.searchEvents(text, 20).hits.some((hit) => hit.text.includes(text))) {
      try {
        return await answer(ctx, parseDayArgument(text, today), today.year);
      } catch (error) {
        if (!(error instanceof DayArgumentError)) throw error;
        if (error.meant.length > 0) return ctx.reply(`${error.message}.`, { reply_markup: openDay(error.meant) });
        return next();
      }
    }
    if (!PLAIN_TEXT_DATE.test(text)) {
      const split = dayAndWordsIn(text, today);
      if (!split || !searchableWords(split.words)) return next();
      return answerAbout(ctx, split.day, today.year, split.words, 0, () => answerNothingAbout(ctx, split.day, split.words, ctx.message.text, next));
    }
    let day: CalendarDay;
    try {
      day = parseDayArgument(text, today);
    } catch (error) {
      if (!(error instanceof DayArgumentError)) throw error;
      // `7 Janaury`: offer the day rather than search for the words, unless they are found (`line 2`);
      // `7/4`: offer both readings.
      const [meant, other] = error.meant;
      if (meant && other) return ctx.reply(`${error.message}.`, { reply_markup: openDay(error.meant) });
      if (meant && deps.store.searchEvents(ctx.message.text, 1).total === 0) return ctx.reply(`Did you mean ${formatDayMonth(meant)}?`, { reply_markup: openDay(error.meant) });
      const split = error.unreadable && !meant ? dayAndWordsIn(text, today) : undefined;
      if (split && searchableWords(split.words)) return answerAbout(ctx, split.day, today.year, split.words, 0, () => answerNothingAbout(ctx, split.day, split.words, ctx.message.text, next));
      return next();
    }
    return answer(ctx, day, today.year);
  });
  composer.callbackQuery(ON_THIS_DAY_CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery();
    const day = { year: Number(ctx.match[1]), month: Number(ctx.match[2]), day: Number(ctx.match[3]) };
    if (!isValidDate(day.year, day.month, day.day)) return;
    const [thisYear, page, words] = [calendarDayIn(deps.now(), timeZoneOf(ctx, deps)).year, Number(ctx.match[4] ?? 0), ctx.match[5]];
    await (words && searchableWords(words) ? answerAbout(ctx, day, thisYear, words, page, () => answer(ctx, day, thisYear, page)) : answer(ctx, day, thisYear, page));
  });
  return composer;
}
