/** Checks a message the way Telegram's HTML parse mode reads it: known tags, balanced, entities escaped. */
const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'blockquote', 'span']);

export function telegramHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|<|&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);|&/gi;
  let visible = html;
  for (const match of html.matchAll(token)) {
    const [whole, closing, tag] = match;
    if (whole === '<') problems.push(`a bare "<" at ${match.index}`);
    else if (whole === '&') problems.push(`a bare "&" at ${match.index}`);
    else if (tag) {
      if (!ALLOWED_TAGS.has(tag.toLowerCase())) problems.push(`unsupported tag <${tag}>`);
      else if (closing) {
        if (stack.pop() !== tag) problems.push(`</${tag}> closes nothing open`);
      } else stack.push(tag);
    }
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  visible = visible.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, 'x');
  if (visible.length > 4096) problems.push(`${visible.length} characters of text, over 4096`);
  return problems;
}
