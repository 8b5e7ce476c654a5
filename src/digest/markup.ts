/** How a digest is marked up: Telegram HTML, or plain text for the terminal. */
export interface Markup {
  text(raw: string): string;
  bold(raw: string): string;
  italic(raw: string): string;
  link(url: string, raw: string): string;
  /** A link around text that is already marked up. */
  linkMarkedUp(url: string, markedUp: string): string;
  /** A search snippet whose matched words sit between \u0001 and \u0002. */
  highlight(snippet: string): string;
}

export function escapeHtml(raw: string): string {
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const htmlMarkup: Markup = {
  text: escapeHtml,
  bold: (raw) => `<b>${escapeHtml(raw)}</b>`,
  italic: (raw) => `<i>${escapeHtml(raw)}</i>`,
  link: (url, raw) => `<a href="${escapeHtml(url)}">${escapeHtml(raw)}</a>`,
  linkMarkedUp: (url, markedUp) => `<a href="${escapeHtml(url)}">${markedUp}</a>`,
  highlight: (snippet) => escapeHtml(snippet.replace(/[\u0001\u0002]/g, (m) => (m === '\u0001' ? '\u0003' : '\u0004')))
    .replace(/\u0003/g, '<b>').replace(/\u0004/g, '</b>'),
};

export const plainMarkup: Markup = {
  text: (raw) => raw,
  bold: (raw) => raw,
  italic: (raw) => raw,
  link: (_url, raw) => raw,
  linkMarkedUp: (_url, markedUp) => markedUp,
  highlight: (snippet) => snippet.replace(/\u0001/g, '[').replace(/\u0002/g, ']'),
};
