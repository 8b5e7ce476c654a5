import { describe, expect, it } from 'vitest';
import type { Context } from 'grammy';
import { oneUpdateAtATimePerChat } from '../../src/bot/chat-order.js';

type FakeContext = Context & { chatId?: number };
const inChat = (chatId?: number) => ({ chatId }) as FakeContext;

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('oneUpdateAtATimePerChat', () => {
  it('runs one chat’s updates in order, one at a time, without holding up other chats', async () => {
    const inOrder = oneUpdateAtATimePerChat<FakeContext>((ctx) => ctx.chatId);
    const log: string[] = [];
    const slow = deferred();
    const first = inOrder(inChat(1), async () => { log.push('1a start'); await slow.promise; log.push('1a end'); });
    const second = inOrder(inChat(1), async () => { log.push('1b'); });
    const other = inOrder(inChat(2), async () => { log.push('2a'); });
    await other;
    expect(log).toEqual(['1a start', '2a']);
    expect(inOrder.busyChats()).toBe(1);
    slow.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['1a start', '2a', '1a end', '1b']);
    await settled();
    expect(inOrder.busyChats()).toBe(0);
  });

  it('passes a failed update’s error to its caller and still runs the chat’s next update', async () => {
    const inOrder = oneUpdateAtATimePerChat<FakeContext>((ctx) => ctx.chatId);
    const failing = deferred();
    const first = inOrder(inChat(7), () => failing.promise);
    let ranNext = false;
    const second = inOrder(inChat(7), async () => { ranNext = true; });
    failing.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(ranNext).toBe(true);
    await settled();
    expect(inOrder.busyChats()).toBe(0);
  });

  it('keeps three queued updates of one chat in arrival order', async () => {
    const inOrder = oneUpdateAtATimePerChat<FakeContext>((ctx) => ctx.chatId);
    const log: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) => inOrder(inChat(3), async () => { await gate.promise; log.push(i); }));
    gates[2]!.resolve();
    gates[1]!.resolve();
    await settled();
    expect(log).toEqual([]);
    gates[0]!.resolve();
    await Promise.all(runs);
    expect(log).toEqual([0, 1, 2]);
  });

  it('lets updates without a chat through at once', async () => {
    const inOrder = oneUpdateAtATimePerChat<FakeContext>((ctx) => ctx.chatId);
    let ran = false;
    await inOrder(inChat(undefined), async () => { ran = true; });
    expect(ran).toBe(true);
    expect(inOrder.busyChats()).toBe(0);
  });
});
