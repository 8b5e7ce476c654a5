import type { Transformer } from 'grammy';
import type { InlineKeyboardButton, UserFromGetMe } from 'grammy/types';

export interface ShownMessage {
  readonly messageId: number;
  readonly html: string;
  readonly buttons: InlineKeyboardButton.CallbackButton[][];
}

export interface LocalTelegramEvents {
  message(message: ShownMessage, edited: boolean): void;
  notice(text: string): void;
}

/** Telegram's HTML as terminal text: bold and italics as ANSI (when `color`), links with their address. */
export function htmlToTerminal(html: string, color: boolean): string {
  const style = (code: string) => (color ? `\u001b[${code}m` : '');
  return html
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_m, url: string, text: string) => `${text}${color ? `${style('2')} (${url})${style('22')}` : ''}`)
    .replace(/<b>/g, style('1')).replace(/<\/b>/g, style('22'))
    .replace(/<i>/g, style('3')).replace(/<\/i>/g, style('23'))
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/**
 * A Bot API that lives in this process: no token, no network. What the bot sends is handed to
 * `events`; messages are kept so that their buttons can be pressed and edits applied.
 */
export function localTelegram(botInfo: UserFromGetMe, events: LocalTelegramEvents) {
  const messages = new Map<number, ShownMessage>();
  let nextMessageId = 1;
  const keyboardOf = (payload: Record<string, unknown>): InlineKeyboardButton.CallbackButton[][] =>
    ((payload.reply_markup as { inline_keyboard?: InlineKeyboardButton.CallbackButton[][] } | undefined)?.inline_keyboard ?? []);

  const transformer: Transformer = async (_previous, method, payload) => {
    const body = (payload ?? {}) as Record<string, unknown>;
    const ok = <T>(result: T) => ({ ok: true as const, result });
    switch (method) {
      case 'getMe':
        return ok(botInfo) as never;
      case 'sendMessage': {
        const message: ShownMessage = { messageId: nextMessageId++, html: String(body.text ?? ''), buttons: keyboardOf(body) };
        messages.set(message.messageId, message);
        events.message(message, false);
        return ok({ message_id: message.messageId, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'private', first_name: 'You' }, text: body.text }) as never;
      }
      case 'editMessageText': {
        const message: ShownMessage = { messageId: Number(body.message_id), html: String(body.text ?? ''), buttons: keyboardOf(body) };
        messages.set(message.messageId, message);
        events.message(message, true);
        return ok(true) as never;
      }
      case 'answerCallbackQuery':
        if (body.text) events.notice(String(body.text));
        return ok(true) as never;
      case 'answerInlineQuery': {
        const results = (body.results as { title?: string; description?: string }[] | undefined) ?? [];
        events.notice(results.length === 0 ? 'No inline results.' : results.map((r) => `• ${r.title ?? ''} (${r.description ?? ''})`).join('\n'));
        return ok(true) as never;
      }
      default:
        return ok(true) as never;
    }
  };
  return { transformer, messages };
}
