import type { InlineKeyboard } from 'grammy';
import { splitIntoMessages } from '../digest/split-messages.js';
import type { ChronicleContext } from './context.js';

/** Cached answers are the same block arrays each time: they are split once. */
const messagesOfBlocks = new WeakMap<readonly string[], string[]>();
function messagesOf(blocks: readonly string[]): string[] {
  let messages = messagesOfBlocks.get(blocks);
  if (!messages) {
    messages = splitIntoMessages(blocks);
    messagesOfBlocks.set(blocks, messages);
  }
  return messages;
}

/**
 * Sends digest blocks as HTML messages, split on block boundaries to fit Telegram's limit; the
 * keyboard goes on the last message. Link previews are off: the links point at the bot itself.
 */
export function replyWithBlocks(ctx: ChronicleContext, blocks: readonly string[], keyboard?: InlineKeyboard): Promise<unknown> {
  const messages = messagesOf(blocks);
  // Most answers are one message: they go out without an async loop of their own.
  if (messages.length === 1) return replyWithHtml(ctx, messages[0]!, keyboard);
  return (async () => {
    for (const [index, text] of messages.entries()) await replyWithHtml(ctx, text, index === messages.length - 1 ? keyboard : undefined);
  })();
}

function replyWithHtml(ctx: ChronicleContext, text: string, keyboard: InlineKeyboard | undefined): Promise<unknown> {
  return ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
}

/** Replaces a paginated message in place (the page always fits one message). */
export async function editWithBlocks(ctx: ChronicleContext, blocks: readonly string[], keyboard?: InlineKeyboard): Promise<void> {
  const [text = ''] = messagesOf(blocks);
  await ctx.editMessageText(text, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  });
}
