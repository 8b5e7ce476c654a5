import type { InlineKeyboard } from 'grammy';
import { splitIntoMessages } from '../digest/split-messages.js';
import type { ChronicleContext } from './context.js';

/**
 * Sends digest blocks as HTML messages, split on block boundaries to fit Telegram's limit; the
 * keyboard goes on the last message. Link previews are off: the links point at the bot itself.
 */
export async function replyWithBlocks(ctx: ChronicleContext, blocks: readonly string[], keyboard?: InlineKeyboard): Promise<void> {
  const messages = splitIntoMessages(blocks);
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
  const [text = ''] = splitIntoMessages(blocks);
  await ctx.editMessageText(text, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  });
}
