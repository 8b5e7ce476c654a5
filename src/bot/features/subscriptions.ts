import { createHash } from 'node:crypto';
import { FeatureComposer } from '../command-routing.js';
import { GrammyError, InlineKeyboard } from 'grammy';
import type { ChatMember } from 'grammy/types';
import { addCalendarDays, calendarDayIn, canonicalTimeZone, formatIsoDay, isAmbiguousAbbreviation, isoWeekOf } from '../../digest/calendar.js';
import { composeScheduledPost } from '../../digest/scheduled-post.js';
import { MAX_QUERY_WORDS, filterAlternatives, queryTerms } from '../../store/fts-query.js';
import { DEFAULT_SETTINGS, type PostKind, type Subscription, type SubscriptionStore } from '../../store/subscription-store.js';
import { monthName } from '../../ingest/partial-date.js';
import type { BotDependencies, ChronicleContext } from '../context.js';
import { eventLink } from '../links.js';
import { replyWithBlocks } from '../send-html.js';

/** The account Telegram shows as the sender of an anonymous group administrator's messages. */
const GROUP_ANONYMOUS_BOT_ID = 1087968824;
/** A channel or supergroup named in a command: `@name` or its id. */
const CHAT_NAME = /^@\w{4,}$|^-100\d+$/;
const FILTER_REACH_COUNTED_UP_TO = 10_000;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const isAdmin = (member: ChatMember): boolean => member.status === 'creator' || member.status === 'administrator';

export interface SubscriptionDependencies extends BotDependencies {
  readonly subscriptions: SubscriptionStore;
}

class RefusedError extends Error {}

function describeSubscription(subscription: Subscription): string {
  const daily = subscription.dailyEnabled ? `daily “on this day” at ${subscription.dailyTime}` : 'no daily post';
  const weekly = subscription.weeklyEnabled ? `weekly digest on ${WEEKDAYS[subscription.weeklyDay - 1]} at ${subscription.weeklyTime}` : 'no weekly digest';
  const topic = subscription.topicFilter ? `only events about: ${subscription.topicFilter}` : 'all topics';
  const status = subscription.status === 'paused' ? `\nPaused: ${subscription.statusReason ?? 'no reason recorded'}` : '';
  return `${daily}; ${weekly} (${subscription.timeZone}); ${topic}.${status}`;
}

function settingsText(subscription: Subscription): string {
  const whose = subscription.chatType !== 'private' && subscription.title ? ` for ${subscription.title}` : '';
  return `Settings${whose}: ${describeSubscription(subscription)}\n\nText settings: /settings tz Asia/Baku · /settings daily 08:30 · /settings weekly fri 18:00 · /settings topic aviation, courts and arrests · /settings topic off`;
}

function settingsKeyboard(subscription: Subscription): InlineKeyboard {
  const id = subscription.chatId;
  return new InlineKeyboard()
    .text(`Daily: ${subscription.dailyEnabled ? 'on' : 'off'}`, `st:${id}:daily`)
    .text('◂ 1 h', `st:${id}:dt:-60`).text(subscription.dailyTime, 'noop').text('1 h ▸', `st:${id}:dt:60`).row()
    .text(`Weekly: ${subscription.weeklyEnabled ? 'on' : 'off'}`, `st:${id}:weekly`)
    .text('◂ day', `st:${id}:wd:-1`).text(WEEKDAYS[subscription.weeklyDay - 1]?.slice(0, 3) ?? '?', 'noop').text('day ▸', `st:${id}:wd:1`).row()
    .text('◂ 1 h', `st:${id}:wt:-60`).text(`weekly ${subscription.weeklyTime}`, 'noop').text('1 h ▸', `st:${id}:wt:60`).row()
    .text('Preview daily', `st:${id}:pv:daily`).text('Preview weekly', `st:${id}:pv:weekly`);
}

/** A short fingerprint of a topic filter, for a button that acts on the filter it was made for. */
const filterDigest = (filter: string): string => createHash('sha1').update(filter).digest('hex').slice(0, 8);

const shiftTime = (time: string, minutes: number): string => {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

export function subscriptionsFeature(deps: SubscriptionDependencies): FeatureComposer {
  const composer = new FeatureComposer();
  const { subscriptions } = deps;

  /**
   * Which chat a command is about (this one, or a channel or group named from a private chat), after
   * checking that the sender may manage it; for a subscription, also that the bot may post there.
   */
  async function targetChat(ctx: ChronicleContext, argument: string, purpose: 'subscribe' | 'manage'): Promise<{ id: number; type: string; title: string | null }> {
    const chat = ctx.chat;
    if (!chat) throw new RefusedError('This works in chats only.');
    const name = argument.trim().split(/\s+/)[0] ?? '';
    const namesAChat = CHAT_NAME.test(name);
    if (chat.type !== 'private' && namesAChat) throw new RefusedError(`To manage ${name}, send the command in a private chat with me, or in ${name} itself.`);
    if (chat.type === 'channel') return { id: chat.id, type: 'channel', title: chat.title };
    if (chat.type === 'private') {
      if (name !== '' && !namesAChat) throw new RefusedError(`"${name}" is not a chat I can find: name a channel or supergroup as @name or by its id (-100…).`);
      if (!namesAChat) return { id: chat.id, type: 'private', title: null };
      let target;
      try {
        target = await ctx.api.getChat(name);
      } catch (error) {
        if (error instanceof GrammyError) throw new RefusedError(`I cannot find ${name}: add me to it as an administrator first.`);
        throw error;
      }
      const member = await ctx.api.getChatMember(target.id, ctx.from?.id ?? 0).catch(() => undefined);
      if (!member || !isAdmin(member)) throw new RefusedError(`Only administrators of ${name} can manage its subscription.`);
      if (purpose === 'subscribe') await ensureBotCanPost(ctx, target.id, target.type, name);
      return { id: target.id, type: target.type, title: 'title' in target ? target.title ?? null : null };
    }
    const anonymousAdmin = ctx.from?.id === GROUP_ANONYMOUS_BOT_ID || ctx.msg?.sender_chat?.id === chat.id;
    if (!anonymousAdmin) {
      const member = await ctx.api.getChatMember(chat.id, ctx.from?.id ?? 0);
      if (!isAdmin(member)) throw new RefusedError('Sorry, only administrators of this group can manage its subscription.');
    }
    return { id: chat.id, type: chat.type, title: chat.title };
  }

  async function ensureBotCanPost(ctx: ChronicleContext, chatId: number, chatType: string, name: string): Promise<void> {
    const me = await ctx.api.getChatMember(chatId, ctx.me.id).catch(() => undefined);
    // In a channel only administrators with the right to post can; in a group any member can.
    const canPost = me && (me.status === 'creator' || (me.status === 'administrator' && me.can_post_messages !== false)
      || (chatType !== 'channel' && me.status === 'member'));
    if (!canPost) throw new RefusedError(`I cannot post in ${name}: make me an administrator with the right to post messages.`);
  }

  /** A filter's alternatives that match nothing, each with the search's own guess at what it means (`Aliev`: Aliyev), if any. */
  function idleAlternatives(filter: string): { alternative: string; suggestion?: string }[] {
    return filterAlternatives(filter).filter((alternative) => deps.store.countEventsMatchingTopic(alternative, 1) === 0)
      .map((alternative) => ({ alternative, suggestion: deps.store.explainNoMatches(alternative).suggestion }));
  }

  /** How much of the archive a topic filter lets through, so that an admin sees a filter that matches nothing. */
  function filterReach(filter: string, idleOnes = idleAlternatives(filter)): string {
    const total = deps.store.stats().events;
    // Counting stops early: in a large archive, a filter's reach only needs its order of size.
    const upTo = Math.min(total, FILTER_REACH_COUNTED_UP_TO);
    const matching = deps.store.countEventsMatchingTopic(filter, upTo);
    const idle = idleOnes.map(({ alternative }) => alternative);
    const guesses = idleOnes.flatMap(({ alternative, suggestion }) => (suggestion ? [`“${suggestion}” for “${alternative}”`] : []));
    const meant = guesses.length > 0 ? ` Did you mean ${guesses.join(', ')}?` : '';
    if (matching === 0) return `No event in the archive matches “${filter}” yet: posts will be skipped until one does.${meant || ' Check the spelling, or use fewer words (commas separate alternatives).'}`;
    const reach = `${matching < upTo || upTo === total ? matching : `At least ${matching}`} of ${total} events in the archive match “${filter}”.`;
    return idle.length === 0 ? reach : `${reach} Of its alternatives, ${idle.map((alternative) => `“${alternative}”`).join(', ')} ${idle.length === 1 ? 'matches' : 'match'} nothing yet.${meant}`;
  }

  const guarded = <C extends ChronicleContext>(handler: (ctx: C) => Promise<unknown>) => async (ctx: C) => {
    try {
      await handler(ctx);
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: error.message, show_alert: true });
      else await ctx.reply(error.message);
    }
  };

  composer.command('subscribe', guarded(async (ctx) => {
    const target = await targetChat(ctx, ctx.match, 'subscribe');
    if (target.type === 'channel' && ctx.chat?.type === 'channel') await ensureBotCanPost(ctx, target.id, 'channel', 'this channel');
    const before = subscriptions.getSubscription(target.id);
    const { subscription } = subscriptions.subscribe(target.id, target.type, target.title, deps.config.TZ, deps.now());
    const where = target.id === ctx.chat?.id ? 'This chat' : target.title ?? String(target.id);
    const state = !before ? 'is now subscribed' : before.status === 'paused' ? 'is subscribed again' : 'is already subscribed';
    await ctx.reply(`${where} ${state}: ${describeSubscription(subscription)}\nChange it with /settings${target.id === ctx.chat?.id ? '' : ` ${ctx.match.trim()}`}.`);
  }));

  composer.command('unsubscribe', guarded(async (ctx) => {
    const target = await targetChat(ctx, ctx.match, 'manage');
    const removed = subscriptions.unsubscribe(target.id);
    const where = target.id === ctx.chat?.id ? 'here' : `in ${target.title ?? ctx.match.trim()}`;
    await ctx.reply(removed ? `Unsubscribed: no more scheduled posts ${where}.` : 'There was no subscription to cancel.');
  }));

  composer.command('settings', guarded(async (ctx) => {
    const [first = '', ...rest] = ctx.match.trim().split(/\s+/);
    const channelArgument = CHAT_NAME.test(first) ? first : '';
    const words = channelArgument ? rest : [first, ...rest].filter((word) => word !== '');
    const target = await targetChat(ctx, channelArgument, 'manage');
    let subscription = subscriptions.getSubscription(target.id);
    if (!subscription) return void (await ctx.reply('Not subscribed yet: send /subscribe first.'));
    const [setting = '', ...values] = words;
    const value = values.join(' ');
    if (setting) {
      const patch = parseSettingPatch(setting.toLowerCase(), value);
      if (typeof patch === 'string') return void (await ctx.reply(patch));
      subscription = subscriptions.updateSettings(target.id, patch, deps.now()) ?? subscription;
    }
    if (setting.toLowerCase() === 'topic' && subscription.topicFilter) return void (await replyWithFilterReach(ctx, subscription));
    await ctx.reply(settingsText(subscription), { reply_markup: settingsKeyboard(subscription) });
  }));

  /** The settings with the topic filter's reach, and a button taking the guesses at what its idle alternatives mean. */
  function settingsWithFilterReach(subscription: Subscription): { text: string; keyboard: InlineKeyboard } {
    const filter = subscription.topicFilter ?? '';
    const idle = idleAlternatives(filter);
    const guessed = idle.filter(({ suggestion }) => suggestion !== undefined);
    const keyboard = guessed.length === 0 ? settingsKeyboard(subscription)
      : new InlineKeyboard().text(guessed.length === 1 ? `Use “${guessed[0]?.suggestion}”` : 'Use the suggestions', `st:${subscription.chatId}:fx:${filterDigest(filter)}`).row()
        .append(settingsKeyboard(subscription));
    return { text: `${settingsText(subscription)}\n\n${filterReach(filter, idle)}`, keyboard };
  }

  function replyWithFilterReach(ctx: ChronicleContext, subscription: Subscription): Promise<unknown> {
    const { text, keyboard } = settingsWithFilterReach(subscription);
    return ctx.reply(text, { reply_markup: keyboard });
  }

  /** The filter with each idle alternative replaced by its guess (`aviation, Aliev` → `aviation, Aliyev`), as a setting. */
  function correctedFilter(filter: string): Parameters<SubscriptionStore['updateSettings']>[1] | undefined {
    const guesses = new Map(idleAlternatives(filter).flatMap(({ alternative, suggestion }) => (suggestion ? [[alternative, suggestion] as const] : [])));
    if (guesses.size === 0) return undefined;
    const patch = parseSettingPatch('topic', filterAlternatives(filter).map((alternative) => guesses.get(alternative) ?? alternative).join(', '));
    return typeof patch === 'string' ? undefined : patch;
  }

  /** The next post this chat would get (today's daily; this or next week's weekly, on its day), with its settings or the defaults. */
  async function preview(ctx: ChronicleContext, settings: Pick<Subscription, 'timeZone' | 'topicFilter' | 'weeklyDay'>, kind: PostKind): Promise<void> {
    const today = calendarDayIn(deps.now(), settings.timeZone);
    let day = today;
    if (kind === 'weekly') {
      day = addCalendarDays(isoWeekOf(today).first, settings.weeklyDay - 1);
      if (formatIsoDay(day) < formatIsoDay(today)) day = addCalendarDays(day, 7);
    }
    const post = composeScheduledPost(deps.store, kind, day, settings.topicFilter, { linkFor: eventLink(ctx.me.username) });
    const when = kind === 'daily' ? 'today' : `on ${WEEKDAYS[settings.weeklyDay - 1] ?? ''} ${day.day} ${monthName(day.month)}`;
    if ('skip' in post) return void (await ctx.reply(`Preview: the ${kind} post would be skipped ${when} (${post.skip}).`));
    await replyWithBlocks(ctx, post.messages);
  }

  composer.command('preview', guarded(async (ctx) => {
    const words = ctx.match.trim().toLowerCase().split(/\s+/).filter((word) => word !== '');
    // `/preview weekly @channel` and `/preview @channel weekly` alike.
    const channelArgument = words.find((word) => CHAT_NAME.test(word)) ?? '';
    const others = words.filter((word) => word !== channelArgument);
    const [kindWord = 'daily'] = others;
    if (others.length > 1 || (kindWord !== 'daily' && kindWord !== 'weekly')) return void (await ctx.reply('Usage: /preview daily or /preview weekly'));
    const target = await targetChat(ctx, channelArgument, 'manage');
    await preview(ctx, subscriptions.getSubscription(target.id) ?? { timeZone: deps.config.TZ, topicFilter: null, weeklyDay: DEFAULT_SETTINGS.weeklyDay }, kindWord);
  }));

  composer.callbackQuery(/^st:(-?\d{1,16}):(daily|weekly|dt|wt|wd|pv|fx)(?::(-60|60|-1|1|daily|weekly|[0-9a-f]{8}))?$/, guarded(async (ctx) => {
    const chatId = Number(ctx.match[1]);
    const action = ctx.match[2];
    const argument = ctx.match[3] ?? '';
    const subscription = subscriptions.getSubscription(chatId);
    if (!subscription) return void (await ctx.answerCallbackQuery({ text: 'Not subscribed any more.' }));
    if (chatId !== ctx.from.id) {
      const member = await ctx.api.getChatMember(chatId, ctx.from.id).catch(() => undefined);
      if (!member || !isAdmin(member)) throw new RefusedError('Only administrators can change these settings.');
    }
    if (action === 'pv') {
      await ctx.answerCallbackQuery();
      return preview(ctx, subscription, argument === 'weekly' ? 'weekly' : 'daily');
    }
    if (action === 'fx') {
      // The button was made for the filter as it was then: a filter changed since is not corrected blindly.
      if (!subscription.topicFilter || filterDigest(subscription.topicFilter) !== argument) {
        const now = subscription.topicFilter ? `“${subscription.topicFilter}”` : 'off';
        return void (await ctx.answerCallbackQuery({ text: `This suggestion no longer applies: the topic filter is now ${now}.`, show_alert: true }));
      }
      const corrected = correctedFilter(subscription.topicFilter);
      if (!corrected) return void (await ctx.answerCallbackQuery({ text: 'Nothing to correct in the topic filter now.' }));
      const updated = subscriptions.updateSettings(chatId, corrected, deps.now()) ?? subscription;
      await ctx.answerCallbackQuery({ text: 'Saved.' });
      const { text, keyboard } = settingsWithFilterReach(updated);
      return ctx.editMessageText(text, { reply_markup: keyboard });
    }
    const patch = action === 'daily' ? { dailyEnabled: !subscription.dailyEnabled }
      : action === 'weekly' ? { weeklyEnabled: !subscription.weeklyEnabled }
      : action === 'dt' ? { dailyTime: shiftTime(subscription.dailyTime, Number(argument)) }
      : action === 'wt' ? { weeklyTime: shiftTime(subscription.weeklyTime, Number(argument)) }
      : action === 'wd' ? { weeklyDay: ((subscription.weeklyDay - 1 + Number(argument) + 7) % 7) + 1 } : {};
    const updated = subscriptions.updateSettings(chatId, patch, deps.now()) ?? subscription;
    await ctx.answerCallbackQuery({ text: 'Saved.' });
    await ctx.editMessageText(settingsText(updated), { reply_markup: settingsKeyboard(updated) });
  }));

  composer.on('my_chat_member', (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const chatId = ctx.myChatMember.chat.id;
    if (!subscriptions.getSubscription(chatId)) return;
    if (status === 'kicked' || status === 'left') subscriptions.setStatus(chatId, 'paused', `the bot was ${status === 'kicked' ? 'removed or blocked' : 'removed'}`, deps.now());
    else if (status === 'member' || status === 'administrator') subscriptions.setStatus(chatId, 'active', null, deps.now());
  });

  composer.on('message:migrate_to_chat_id', (ctx) => {
    subscriptions.migrateChat(ctx.chat.id, ctx.message.migrate_to_chat_id, deps.now());
  });
  return composer;
}

/** A time of day as `HH:MM`: `08:30`, `8.30`, `8`, `8am`, `6:30 pm`; or what is wrong with it. */
function readTimeOfDay(typed: string): { time: string } | { problem: string } {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(typed.trim().toLowerCase());
  if (!match) return { problem: `"${typed}" is not a time I can read; write it as 08:30 (or 8:30am)` };
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3]?.charAt(0);
  if (half && (hours < 1 || hours > 12)) return { problem: `"${typed}": with am or pm the hour goes from 1 to 12` };
  if (half) hours = (hours % 12) + (half === 'p' ? 12 : 0);
  if (hours > 23 || minutes > 59) return { problem: `"${typed}" is not a time of day: hours go from 00 to 23, minutes from 00 to 59` };
  return { time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** Reads `/settings <setting> <value>`; a string is the reason it cannot. */
export function parseSettingPatch(setting: string, typed: string): Parameters<SubscriptionStore['updateSettings']>[1] | string {
  const value = setting === 'tz' || setting === 'timezone' || setting === 'topic' ? typed : typed.toLowerCase();
  switch (setting) {
    case 'tz':
    case 'timezone': {
      if (value === '') return 'Usage: /settings tz Europe/Berlin (an IANA time zone name)';
      const timeZone = canonicalTimeZone(value);
      if (timeZone) return { timeZone };
      const offset = /^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?00)?$/i.exec(value);
      if (offset && Number(offset[2]) <= 14) {
        const zone = `Etc/GMT${offset[1] === '+' ? '-' : '+'}${Number(offset[2])}`;
        return `"${value}" is an offset, not a zone: use a place such as Asia/Baku (it follows summer time where there is one), or ${zone} for a fixed offset (these names reverse the sign).`;
      }
      return isAmbiguousAbbreviation(value)
        ? `"${value}" is an abbreviation that names the wrong place or no summer time; use a place's zone such as America/New_York or Asia/Kolkata.`
        : `"${value}" is not a time zone I know; use an IANA name such as Europe/Berlin or Asia/Baku.`;
    }
    case 'daily': {
      if (value === 'off') return { dailyEnabled: false };
      if (value === 'on') return { dailyEnabled: true };
      if (value === '') return 'Usage: /settings daily 08:30 (or on, off)';
      const read = readTimeOfDay(value);
      return 'time' in read ? { dailyEnabled: true, dailyTime: read.time } : `${read.problem}. Usage: /settings daily 08:30 (or on, off)`;
    }
    case 'weekly': {
      if (value === 'off') return { weeklyEnabled: false };
      if (value === 'on') return { weeklyEnabled: true };
      const usage = 'Usage: /settings weekly fri 18:00, /settings weekly fri, /settings weekly 18:00 (or on, off)';
      const [first = '', ...rest] = value.split(/\s+/);
      if (first === '') return usage;
      const dayOf = (word: string): number => WEEKDAYS.findIndex((name) => name.toLowerCase().startsWith(word) && word.length >= 2) + 1;
      // A day alone keeps the time; a time alone keeps the day.
      if (/^\d/.test(first)) {
        const read = readTimeOfDay(value);
        return 'time' in read ? { weeklyEnabled: true, weeklyTime: read.time } : `${read.problem}. ${usage}`;
      }
      const day = dayOf(first);
      if (day === 0) return `"${first}" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun. ${usage}`;
      if (rest.length === 0) return { weeklyEnabled: true, weeklyDay: day };
      const read = readTimeOfDay(rest.join(' '));
      return 'time' in read ? { weeklyEnabled: true, weeklyDay: day, weeklyTime: read.time } : `${read.problem}. ${usage}`;
    }
    case 'topic':
      if (value.toLowerCase() === 'off') return { topicFilter: null };
      if (value === '') return 'Usage: /settings topic aviation, courts and arrests (commas separate alternatives), or /settings topic off';
      if (value.length > 100 || queryTerms(value).length === 0 || queryTerms(value).length > MAX_QUERY_WORDS) {
        return `A topic filter is a few words (at most ${MAX_QUERY_WORDS}, and 100 characters), e.g. /settings topic aviation, courts and arrests`;
      }
      return { topicFilter: filterAlternatives(value).join(', ') };
    default:
      return `Unknown setting "${setting}": use tz, daily, weekly or topic.`;
  }
}
