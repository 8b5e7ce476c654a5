import { describe, expect, it } from 'vitest';
import { Api, Composer, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { FeatureComposer, commandOf, routeCommands } from '../../src/bot/command-routing.js';
import type { ChronicleContext } from '../../src/bot/context.js';

const ME = { id: 1, is_bot: true, first_name: 'Chronicle', username: 'chronicle_bot' } as UserFromGetMe;
const CHATS = {
  private: { id: 5, type: 'private', first_name: 'R' },
  group: { id: -9, type: 'supergroup', title: 'G' },
  channel: { id: -100, type: 'channel', title: 'C' },
} as const;
type UpdateKind = 'message' | 'channel_post' | 'edited_message' | 'caption';

function updateOf(kind: UpdateKind, chat: keyof typeof CHATS, text: string, commandLength?: number, offset = 0): Update {
  const entities = commandLength ? [{ type: 'bot_command', offset, length: commandLength }] : undefined;
  const base = { message_id: 1, date: 0, chat: CHATS[chat], ...(chat === 'channel' ? {} : { from: { id: 5, is_bot: false, first_name: 'R' } }) };
  const message = kind === 'caption'
    ? { ...base, photo: [], caption: text, ...(entities ? { caption_entities: entities } : {}) }
    : { ...base, text, ...(entities ? { entities } : {}) };
  return { update_id: 1, [kind === 'caption' ? 'message' : kind]: message } as unknown as Update;
}
const contextOf = (update: Update) => new Context(update, new Api('test'), ME) as ChronicleContext;
const commandContext = (text: string) => contextOf(updateOf('message', 'private', text, text.split(/\s/)[0]!.length));

/**
 * Features shaped like the bot's: commands first, commands after other middleware, a guard, a
 * handler that calls next. As routing requires, no feature's other middleware acts on another
 * feature's commands.
 */
function features(log: string[]): Composer<ChronicleContext>[] {
  const help = new FeatureComposer();
  help.command('help', (ctx) => { log.push(`help(${ctx.match})`); });
  help.command(['week', 'stats'], (ctx, next) => { log.push(`week(${ctx.match})`); return next(); });
  help.on('message:text', (ctx, next) => { if (!ctx.message.text.startsWith('/')) log.push('help saw text'); return next(); });
  const guarded = new FeatureComposer();
  guarded.use((ctx, next) => { if (commandOf(ctx)?.command === 'start') log.push('guard'); return next(); });
  guarded.command('start', (_ctx, next) => { log.push('start: not a deep link'); return next(); });
  guarded.command('start', () => { log.push('start: plain'); });
  const topic = new FeatureComposer();
  topic.command('topic', (ctx) => { log.push(`topic(${ctx.match})`); });
  topic.chatType('private').on('message:text', (ctx, next) => (ctx.message.text.startsWith('/') ? next() : void log.push('plain text')));
  topic.command('timeline', (ctx) => { log.push(`timeline(${ctx.match})`); });
  const fallback = new Composer<ChronicleContext>();
  fallback.chatType('private').on('message:text', () => { log.push('fallback'); });
  const afterFallback = new FeatureComposer();
  afterFallback.command('late', () => { log.push('late'); });
  return [help, guarded, topic, fallback, afterFallback];
}

async function run(route: (log: string[]) => (ctx: ChronicleContext, next: () => Promise<void>) => unknown, update: Update) {
  const log: string[] = [];
  const ctx = contextOf(update);
  await route(log)(ctx, async () => { log.push('next'); });
  return { log, match: ctx.match };
}

describe('routeCommands', () => {
  const texts: [string, number | undefined, number?][] = [
    ['/help', 5], ['/help me  ', 5], ['/help@chronicle_bot x', 19], ['/help@Chronicle_BOT', 19], ['/help@other_bot', 15], ['/Help', 5],
    ['/week\n2025-W03', 5], ['/Stats', 6], ['/stats', 6], ['/start', 6], ['/topic border guards', 6], ['/timeline guards', 9],
    ['/late', 5], ['/nosuch', 7], ['hello', undefined], ['say /help', 5, 4], ['/help', undefined],
  ];
  for (const kind of ['message', 'channel_post', 'edited_message', 'caption'] as const) {
    for (const chat of ['private', 'group', 'channel'] as const) {
      it(`runs what grammY runs for the command in lower case, with the same ctx.match, for every ${kind} in a ${chat} chat`, async () => {
        for (const [text, length, offset] of texts) {
          const update = updateOf(kind, chat, text, length, offset);
          const routed = await run((log) => routeCommands(features(log)), update);
          // `/Help` is /help: grammY's own commands are case-sensitive.
          const lowerCased = length && !offset ? text.slice(0, length).toLowerCase() + text.slice(length) : text;
          const viaGrammy = await run((log) => new Composer(...features(log)).middleware(), updateOf(kind, chat, lowerCased, length, offset));
          expect(routed, text).toEqual(viaGrammy);
        }
      });
    }
  }

  it('runs a feature’s own middleware before its command, and both handlers of a command registered twice', async () => {
    const { log } = await run((l) => routeCommands(features(l)), updateOf('message', 'private', '/start', 6));
    expect(log).toEqual(['guard', 'start: not a deep link', 'start: plain']);
  });
});

describe('commandOf', () => {
  it('reads the command and its argument, addressed to this bot or to no bot in particular', () => {
    expect(commandOf(commandContext('/week  2025-W03'))).toEqual({ command: 'week', match: '2025-W03' });
    expect(commandOf(commandContext('/week@Chronicle_Bot last'))).toEqual({ command: 'week', match: 'last' });
    expect(commandOf(commandContext('/onthisday'))).toEqual({ command: 'onthisday', match: '' });
  });

  it('ignores commands for other bots and text that does not start with a command', () => {
    expect(commandOf(commandContext('/week@other_bot'))).toBeUndefined();
    expect(commandOf(contextOf(updateOf('message', 'private', 'border guards')))).toBeUndefined();
    expect(commandOf(contextOf(updateOf('message', 'private', '/week')))).toBeUndefined();
  });
});
