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

function cutLongBlock(block: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = block;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > limit / 2 ? cut : limit;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}
