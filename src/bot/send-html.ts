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
export async function replyWithBlocks(ctx: ChronicleContext, blocks: readonly string[], keyboard?: InlineKeyboard): Promise<void> {
  const messages = messagesOf(blocks);
  for (const [index, text] of messages.entries()) {
    const last = index === messages.length - 1;
    await ctx.reply(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
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
