import { describe, expect, it } from 'vitest';
import { Api, Composer, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { FeatureComposer, commandOf, routeCommands } from '../../src/bot/command-routing.js';
import type { ChronicleContext } from '../../src/bot/context.js';

const ME = { id: 1, is_bot: true, first_name: 'Chronicle', username: 'chronicle_bot' } as UserFromGetMe;

function messageContext(text: string, commandLength = text.startsWith('/') ? text.split(' ')[0]!.length : 0): ChronicleContext {
  const update = {
    update_id: 1,
    message: {
      message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'R' }, from: { id: 5, is_bot: false, first_name: 'R' }, text,
      ...(commandLength ? { entities: [{ type: 'bot_command', offset: 0, length: commandLength }] } : {}),
    },
  } as Update;
  return new Context(update, new Api('test'), ME);
}

describe('commandOf', () => {
  it('reads the command and its argument, addressed to this bot or to no bot in particular', () => {
    expect(commandOf(messageContext('/week  2025-W03'))).toEqual({ command: 'week', match: '2025-W03' });
    expect(commandOf(messageContext('/week@Chronicle_Bot last'))).toEqual({ command: 'week', match: 'last' });
    expect(commandOf(messageContext('/onthisday'))).toEqual({ command: 'onthisday', match: '' });
  });

  it('ignores commands for other bots and text that does not start with a command', () => {
    expect(commandOf(messageContext('/week@other_bot'))).toBeUndefined();
    expect(commandOf(messageContext('border guards'))).toBeUndefined();
    expect(commandOf(messageContext('/week', 0))).toBeUndefined();
  });
});

describe('routeCommands', () => {
  function features(log: string[]) {
    const first = new FeatureComposer();
    first.on('message:text', (_ctx, next) => { log.push('first saw text'); return next(); });
    first.command('help', (ctx) => { log.push(`help(${ctx.match})`); });
    const second = new FeatureComposer();
    second.command('week', (ctx, next) => { log.push(`week(${ctx.match})`); return next(); });
    const fallback = new Composer<ChronicleContext>();
    fallback.on('message:text', () => { log.push('fallback'); });
    return routeCommands([first, second, fallback]);
  }

  it('sends a known command straight to its handler, with its argument as ctx.match', async () => {
    const log: string[] = [];
    await features(log)(messageContext('/help me'), async () => {});
    expect(log).toEqual(['help(me)']);
  });

  it('goes on to the features after the handler’s own when the handler calls next', async () => {
    const log: string[] = [];
    await features(log)(messageContext('/week@chronicle_bot last'), async () => {});
    expect(log).toEqual(['week(last)', 'fallback']);
  });

  it('runs every feature in order for other updates and unknown commands', async () => {
    const log: string[] = [];
    const route = features(log);
    await route(messageContext('border guards'), async () => {});
    await route(messageContext('/nosuchcommand'), async () => {});
    expect(log).toEqual(['first saw text', 'fallback', 'first saw text', 'fallback']);
  });
});
