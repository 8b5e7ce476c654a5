import type { ChatMember, Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/telegram-harness.js';
import { updates, user } from '../support/telegram-harness.js';
import { useTempDir } from '../support/temp-dir.js';
import { startBotWorld } from './bot-harness.js';
import { parseSettingPatch } from '../../src/bot/features/subscriptions.js';

const newTempDir = useTempDir();
let world: Awaited<ReturnType<typeof startBotWorld>>;
beforeEach(async () => { world = await startBotWorld(newTempDir()); });
afterEach(async () => { await world.stop(); });

const GROUP = -1001111;
const CHANNEL = -1002222;
const ADMIN = user(11, 'Admin');
const MEMBER = user(12, 'Member');
const textOf = (call: RecordedCall | undefined): string => String(call?.payload.text ?? '');
const member = (status: 'administrator' | 'member' | 'creator', who = ADMIN): ChatMember =>
  (status === 'administrator' ? { status, user: who, can_post_messages: true, can_be_edited: false, is_anonymous: false } : { status, user: who }) as ChatMember;
const push = (update: Omit<Update, 'update_id'>) => world.deliver(() => world.harness.pushUpdate(update));
const replies = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage');

describe('subscribing', () => {
  it('in a group: administrators can, others are told politely', async () => {
    world.harness.setChatMember(GROUP, member('administrator'));
    world.harness.setChatMember(GROUP, member('member', MEMBER));
    const refused = replies(await push(updates.groupMessage(GROUP, '/subscribe', MEMBER)));
    expect(textOf(refused[0])).toBe('Sorry, only administrators of this group can manage its subscription.');
    expect(world.subscriptions.getSubscription(GROUP)).toBeUndefined();

    const accepted = replies(await push(updates.groupMessage(GROUP, '/subscribe', ADMIN)));
    expect(textOf(accepted[0])).toMatch(/^This chat is now subscribed: daily “on this day” at 09:00; weekly digest on Monday at 10:00 \(Asia\/Baku\); all topics\./);
    expect(world.subscriptions.getSubscription(GROUP)).toMatchObject({ status: 'active', chatType: 'group' });
  });

  it('in a group: an anonymous administrator can', async () => {
    const anonymous = updates.groupMessage(GROUP, '/subscribe', { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' });
    (anonymous.message as unknown as { sender_chat: unknown }).sender_chat = { id: GROUP, type: 'supergroup', title: 'Test group' };
    expect(textOf(replies(await push(anonymous))[0])).toMatch(/now subscribed/);
  });

  it('in a channel: a /subscribe channel post, once the bot can post there', async () => {
    world.harness.setChatMember(CHANNEL, { status: 'administrator', user: world.harness.botInfo, can_post_messages: true } as unknown as ChatMember);
    const calls = await push(updates.channelPost(CHANNEL, '/subscribe'));
    expect(textOf(replies(calls)[0])).toMatch(/This chat is now subscribed/);
    expect(world.subscriptions.getSubscription(CHANNEL)?.chatType).toBe('channel');
  });

  it('from a private chat: /subscribe @channel by an administrator there, checked with getChatMember', async () => {
    world.harness.namedChats.set('@chronicle_news', { id: CHANNEL, type: 'channel', title: 'Chronicle News' });
    world.harness.setChatMember(CHANNEL, member('member', user(7, 'Reader')));
    expect(textOf((await world.sent('/subscribe @chronicle_news'))[0])).toBe('Only administrators of @chronicle_news can manage its subscription.');
    world.harness.setChatMember(CHANNEL, member('administrator', user(7, 'Reader')));
    expect(textOf((await world.sent('/subscribe @chronicle_news'))[0])).toMatch(/I cannot post in @chronicle_news/);
    world.harness.setChatMember(CHANNEL, { status: 'administrator', user: world.harness.botInfo, can_post_messages: true } as unknown as ChatMember);
    expect(textOf((await world.sent('/subscribe @chronicle_news'))[0])).toMatch(/^Chronicle News is now subscribed/);
    expect(textOf((await world.sent('/settings @chronicle_news weekly fri 18:00'))[0])).toMatch(/weekly digest on Friday at 18:00/);
    world.setClock(new Date('2026-01-19T06:00:00Z'));
    expect(textOf((await world.sent('/preview @chronicle_news weekly'))[0])).toMatch(/^<b>This week in past years \(19 January – 25 January 2026\)<\/b>/);
    expect(textOf((await world.sent('/preview weekly @chronicle_news'))[0])).toMatch(/^<b>This week in past years \(19 January – 25 January 2026\)<\/b>/);
    expect(textOf((await world.sent('/settings @chronicle_news'))[0])).toMatch(/^Settings for Chronicle News: daily “on this day”/);
    expect(textOf((await world.sent('/settings @chronicle_news tz Mars/Olympus'))[0])).toMatch(/is not a time zone I know/);
    expect(textOf((await world.sent('/settings @chronicle_news tz EST'))[0])).toMatch(/"EST" is an abbreviation that names the wrong place or no summer time; use a place's zone such as America\/New_York/);
    expect(textOf((await world.sent('/settings @chronicle_news topic b c d e f g h j k l m n o p'))[0])).toMatch(/^A topic filter is a few words \(at most 12/);
    expect(textOf((await world.sent('/subscribe @chronicle_news'))[0])).toMatch(/^Chronicle News is already subscribed/);
    expect(textOf((await world.sent('/unsubscribe @chronicle_news'))[0])).toBe('Unsubscribed: no more scheduled posts in Chronicle News.');
    expect(world.subscriptions.getSubscription(CHANNEL)).toBeUndefined();
  });

  it('/preview weekly previews the post of the chat’s own weekly day', async () => {
    await world.sent('/subscribe');
    await world.sent('/settings weekly fri 18:00');
    world.setClock(new Date('2026-01-19T06:00:00Z')); // a Monday: Friday's post covers this week
    expect(textOf((await world.sent('/preview weekly'))[0])).toMatch(/^<b>This week in past years \(19 January – 25 January 2026\)<\/b>/);
  });

  it('reads settings in any case, and /preview alone previews the daily post', async () => {
    await world.sent('/subscribe');
    expect(textOf((await world.sent('/settings DAILY OFF'))[0])).toMatch(/no daily post/);
    expect(textOf((await world.sent('/settings Weekly FRI 18:00'))[0])).toMatch(/weekly digest on Friday at 18:00/);
    expect(textOf((await world.sent('/settings topic Aviation'))[0])).toMatch(/only events about: aviation[^]*\n\n\d+ of 233 events in the archive match “aviation”\.$/);
    expect(textOf((await world.sent('/settings topic zeppelins'))[0])).toMatch(/No event in the archive matches “zeppelins” yet: posts will be skipped until one does/);
    expect(textOf((await world.sent('/settings topic aviation, zeppelins'))[0])).toMatch(/\d+ of 233 events in the archive match “aviation, zeppelins”\. Of its alternatives, “zeppelins” matches nothing yet\.$/);
    expect(textOf((await world.sent('/settings topic'))[0])).toMatch(/^Usage: \/settings topic aviation, courts and arrests/);
    expect(world.subscriptions.getSubscription(7)?.topicFilter).toBe('aviation, zeppelins');
    expect(textOf((await world.sent('/settings topic Aliev'))[0])).toMatch(/posts will be skipped until one does\. Did you mean “aliyev” for “aliev”\?$/);
    expect(textOf((await world.sent('/settings tz'))[0])).toBe('Usage: /settings tz Europe/Berlin (an IANA time zone name)');
    expect(textOf((await world.sent('/settings topic OFF'))[0])).toMatch(/all topics/);
    world.setClock(new Date('2026-01-20T06:00:00Z'));
    expect(textOf((await world.sent('/preview'))[0])).toMatch(/^<b>On this day, 20 January<\/b>/);
  });

  it('lets an administrator unsubscribe a channel that no longer lets the bot post, and refuses misnamed chats', async () => {
    world.harness.namedChats.set('@chronicle_news', { id: CHANNEL, type: 'channel', title: 'Chronicle News' });
    world.harness.setChatMember(CHANNEL, member('administrator', user(7, 'Reader')));
    world.harness.setChatMember(CHANNEL, { status: 'administrator', user: world.harness.botInfo, can_post_messages: true } as unknown as ChatMember);
    expect(textOf((await world.sent('/subscribe @chronicle_news'))[0])).toMatch(/is now subscribed/);
    world.harness.setChatMember(CHANNEL, { status: 'administrator', user: world.harness.botInfo, can_post_messages: false } as unknown as ChatMember);
    expect(textOf((await world.sent('/settings @chronicle_news daily 07:00'))[0])).toMatch(/daily “on this day” at 07:00/);
    expect(textOf((await world.sent('/unsubscribe @chronicle_news'))[0])).toMatch(/^Unsubscribed/);
    expect(world.subscriptions.getSubscription(CHANNEL)).toBeUndefined();

    expect(textOf((await world.sent('/subscribe chronicle_news'))[0])).toMatch(/"chronicle_news" is not a chat I can find: name a channel or supergroup as @name/);
    expect(world.subscriptions.getSubscription(7)).toBeUndefined();
    world.harness.setChatMember(GROUP, member('administrator'));
    await push(updates.groupMessage(GROUP, '/subscribe', ADMIN));
    const refused = replies(await push(updates.groupMessage(GROUP, '/settings @chronicle_news tz Europe/Berlin', ADMIN)));
    expect(textOf(refused[0])).toMatch(/^To manage @chronicle_news, send the command in a private chat with me/);
    expect(world.subscriptions.getSubscription(GROUP)?.timeZone).toBe('Asia/Baku');
  });

  it('“today” follows the time zone a chat set in its subscription', async () => {
    world.setClock(new Date('2026-01-20T22:30:00Z')); // 21 January in Baku (the default), still 20 January in New York
    expect(String((await world.sent('/onthisday'))[0]?.payload.text)).toMatch(/On this day, 21 January/);
    await world.sent('/subscribe');
    await world.sent('/settings tz america/NEW_YORK');
    expect(String((await world.sent('/onthisday'))[0]?.payload.text)).toMatch(/On this day, 20 January/);
    expect(world.subscriptions.getSubscription(7)?.timeZone).toBe('America/New_York');
  });

  it('/settings buttons change times and switches; /preview shows the next post', async () => {
    await world.sent('/subscribe');
    const [settings] = await world.sent('/settings topic Missiles,  air strikes');
    expect(textOf(settings)).toMatch(/only events about: missiles, air strikes/);
    const keyboard = (settings?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    const press = (label: string) => world.deliver(() => world.client.sendCallback(world.client.makeCallbackQuery(
      keyboard.find((b) => b.text === label)?.callback_data ?? '', { message: { message_id: Number((settings?.response?.result as { message_id: number }).message_id), date: 0, chat: { id: 7, type: 'private' }, text: textOf(settings) } })));
    const edited = (await press('1 h ▸')).find((c) => c.method === 'editMessageText');
    expect(textOf(edited)).toMatch(/daily “on this day” at 10:00/);
    expect(textOf(edited)).toMatch(/Text settings: \/settings tz/);
    const toggled = (await press('Weekly: on')).find((c) => c.method === 'editMessageText');
    expect(textOf(toggled)).toMatch(/no weekly digest/);

    world.setClock(new Date('2026-01-20T06:00:00Z'));
    expect(textOf((await world.sent('/preview daily'))[0])).toBe('Preview: the daily post would be skipped today (no events on this day match "missiles, air strikes").');
    await world.sent('/settings topic off');
    const preview = await world.sent('/preview daily');
    expect(textOf(preview[0])).toMatch(/^<b>On this day, 20 January<\/b>/);
    expect(textOf((await world.sent('/preview monthly'))[0])).toBe('Usage: /preview daily or /preview weekly');
  });

  it('offers a misspelt topic filter\'s guess as a button that saves it, guessed again when pressed', async () => {
    await world.sent('/subscribe');
    const [settings] = await world.sent('/settings topic aviation, Aliev');
    expect(textOf(settings)).toMatch(/Of its alternatives, “aliev” matches nothing yet\. Did you mean “aliyev” for “aliev”\?$/);
    const keyboard = (settings?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(keyboard[0]).toEqual({ text: 'Use “aliyev”', callback_data: expect.stringMatching(/^st:7:fx:[0-9a-f]{8}$/) });
    const data = keyboard[0]?.callback_data ?? '';
    const press = () => world.deliver(() => world.client.sendCallback(world.client.makeCallbackQuery(data,
      { message: { message_id: Number((settings?.response?.result as { message_id: number }).message_id), date: 0, chat: { id: 7, type: 'private' }, text: textOf(settings) } })));
    const edited = (await press()).find((c) => c.method === 'editMessageText');
    expect(world.subscriptions.getSubscription(7)?.topicFilter).toBe('aviation, aliyev');
    expect(textOf(edited)).toMatch(/only events about: aviation, aliyev[^]*\n\n\d+ of 233 events in the archive match “aviation, aliyev”\.$/);
    expect((edited?.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text)).not.toContain('Use “aliyev”');
    // Pressed again, the filter has changed since the button was made: it stays as it is.
    const again = await press();
    expect(again.find((c) => c.method === 'answerCallbackQuery')?.payload).toMatchObject({ text: 'This suggestion no longer applies: the topic filter is now “aviation, aliyev”.' });
    expect(world.subscriptions.getSubscription(7)?.topicFilter).toBe('aviation, aliyev');
    // Only the misspelt word is replaced: the alternative keeps its other words.
    const [courts] = await world.sent('/settings topic president and Aliev');
    const fix = (courts?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat()[0];
    expect(fix?.text).toBe('Use “president and aliyev”');
    await world.deliver(() => world.client.sendCallback(world.client.makeCallbackQuery(fix?.callback_data ?? '',
      { message: { message_id: Number((courts?.response?.result as { message_id: number }).message_id), date: 0, chat: { id: 7, type: 'private' }, text: textOf(courts) } })));
    expect(world.subscriptions.getSubscription(7)?.topicFilter).toBe('president and aliyev');
  });

  it('pauses when the bot is removed or blocked, resumes when added back, and follows a group to its supergroup', async () => {
    world.harness.setChatMember(-4444, member('administrator'));
    await push(updates.groupMessage(-4444, '/subscribe', ADMIN));
    const chat = { id: -4444, type: 'group', title: 'Old group' } as const;
    await push(updates.myChatMember(chat, world.harness.botInfo, ADMIN, 'kicked'));
    expect(world.subscriptions.getSubscription(-4444)).toMatchObject({ status: 'paused', statusReason: 'the bot was removed or blocked' });
    await push(updates.myChatMember(chat, world.harness.botInfo, ADMIN, 'member'));
    expect(world.subscriptions.getSubscription(-4444)?.status).toBe('active');

    const migration = updates.groupMessage(-4444, 'x', ADMIN);
    const message = migration.message as unknown as Record<string, unknown>;
    delete message.text;
    message.migrate_to_chat_id = -1004444;
    await push(migration);
    expect(world.subscriptions.getSubscription(-4444)).toBeUndefined();
    expect(world.subscriptions.getSubscription(-1004444)).toMatchObject({ status: 'active' });
  });
});

describe('settings typed as text', () => {
  it('reads times the way people write them, and says what is wrong with one that is not a time', () => {
    expect(parseSettingPatch('daily', '8am')).toEqual({ dailyEnabled: true, dailyTime: '08:00' });
    expect(parseSettingPatch('daily', '8')).toEqual({ dailyEnabled: true, dailyTime: '08:00' });
    expect(parseSettingPatch('daily', '12am')).toEqual({ dailyEnabled: true, dailyTime: '00:00' });
    expect(parseSettingPatch('daily', '12:15 p.m.')).toEqual({ dailyEnabled: true, dailyTime: '12:15' });
    expect(parseSettingPatch('weekly', 'Friday 6:30 pm')).toEqual({ weeklyEnabled: true, weeklyDay: 5, weeklyTime: '18:30' });
    expect(parseSettingPatch('daily', '25:00')).toBe('"25:00" is not a time of day: hours go from 00 to 23, minutes from 00 to 59. Usage: /settings daily 08:30 (or on, off)');
    expect(parseSettingPatch('daily', '13pm')).toMatch(/^"13pm": with am or pm the hour goes from 1 to 12\./);
    expect(parseSettingPatch('daily', 'noonish')).toMatch(/^"noonish" is not a time I can read/);
    expect(parseSettingPatch('weekly', 'fry 18:00')).toMatch(/^"fry" is not a day of the week; use mon, tue/);
    expect(parseSettingPatch('weekly', 'fri 25:00')).toMatch(/^"25:00" is not a time of day/);
    // A day alone keeps the time, a time alone the day.
    expect(parseSettingPatch('weekly', 'fri')).toEqual({ weeklyEnabled: true, weeklyDay: 5 });
    expect(parseSettingPatch('weekly', '18:00')).toEqual({ weeklyEnabled: true, weeklyTime: '18:00' });
    expect(parseSettingPatch('weekly', '')).toBe('Usage: /settings weekly fri 18:00, /settings weekly fri, /settings weekly 18:00 (or on, off)');
  });

  it('reads a time zone by its name, a newer name, or its city; an offset gets the zone to use', () => {
    expect(parseSettingPatch('tz', 'Europe/Kyiv')).toEqual({ timeZone: 'Europe/Kyiv' });
    expect(parseSettingPatch('tz', 'baku')).toEqual({ timeZone: 'Asia/Baku' });
    expect(parseSettingPatch('tz', 'UTC+4')).toBe('"UTC+4" is an offset, not a zone: use a place such as Asia/Baku (it follows summer time where there is one), or Etc/GMT-4 for a fixed offset (these names reverse the sign).');
    expect(parseSettingPatch('tz', 'GMT-5')).toMatch(/or Etc\/GMT\+5 for a fixed offset/);
  });
});
