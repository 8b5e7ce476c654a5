/** Telegram's limit for one message's text, in UTF-16 code units after entity parsing. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/**
 * Packs blocks (a header, one block per event) into as few messages as fit the limit, never
 * splitting a block. A block longer than the limit on its own is cut at line or word boundaries
 * (digest blocks are built short enough that this only guards against surprises).
 */
export function splitIntoMessages(blocks: readonly string[], limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  const pieces = blocks.flatMap((block) => (block.length <= limit ? [block] : cutLongBlock(block, limit)));
  for (const piece of pieces) {
    const joined = current === '' ? piece : `${current}\n\n${piece}`;
    if (joined.length <= limit) {
      current = joined;
    } else {
      messages.push(current);
      current = piece;
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}

/** Where to cut `text` at most `limit` long: at a line or word break, else never inside an HTML entity or a character. */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit);
  const space = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
  if (space > limit / 2) return space;
  let at = limit;
  const entity = window.lastIndexOf('&');
  if (entity > limit / 2 && !window.includes(';', entity)) at = entity;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return at;
}

function cutLongBlock(block: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = block;
  while (rest.length > limit) {
    const at = cutPoint(rest, limit);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** Plain text in pieces of at most `limit` characters, cut at word breaks (for texts too long for one message). */
export function splitPlainText(text: string, limit: number): string[] {
  return text.length <= limit ? [text] : cutLongBlock(text, limit);
}
