import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/telegram-harness.js';
import { updates, user } from '../support/telegram-harness.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { useTempDir } from '../support/temp-dir.js';
import { startBotWorld } from './bot-harness.js';

const newTempDir = useTempDir();
type World = Awaited<ReturnType<typeof startBotWorld>>;
let world: World;

beforeEach(async () => { world = await startBotWorld(newTempDir()); });
afterEach(async () => { await world.stop(); });

const textOf = (call: RecordedCall | undefined): string => String(call?.payload.text ?? '');
const plain = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const buttons = (call: RecordedCall | undefined): { text: string; callback_data: string }[] =>
  ((call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

function expectValidHtml(calls: RecordedCall[]): void {
  for (const call of calls) {
    expect(call.payload.parse_mode).toBe('HTML');
    expect(telegramHtmlProblems(textOf(call))).toEqual([]);
    expect(call.response?.ok).toBe(true);
  }
}

/** Presses a button of a message the bot sent (or edited), as Telegram would deliver it. */
async function press(message: RecordedCall, label: string | RegExp) {
  const button = buttons(message).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!button) throw new Error(`no button ${label} in ${JSON.stringify(buttons(message))}`);
  const result = message.response?.result as { message_id: number } | undefined;
  const messageId = Number(message.payload.message_id ?? result?.message_id);
  return world.deliver(() => world.client.sendCallback(world.client.makeCallbackQuery(button.callback_data, {
    message: { message_id: messageId, date: 0, chat: { id: 7, type: 'private' }, text: plain(textOf(message)), from: world.harness.botInfo },
  })));
}

describe('reader commands', () => {
  it('answers from fresh data after an ingest, also one made through another connection', async () => {
    const before = (await world.sent('/onthisday 21 January')).map((c) => String(c.payload.text)).join('\n');
    expect(before).not.toMatch(/A late addition/);
    const { openDatabase } = await import('../../src/store/database.js');
    const { EXTERNAL_CHANGES_CHECK_MS, createEventStore } = await import('../../src/store/event-store.js');
    const { parseDocument } = await import('../../src/ingest/parse-document.js');
    const other = openDatabase(world.db.name);
    const parsed = parseDocument('late.txt', 'Late\n\n21.01.25: A late addition to the archive.');
    createEventStore(other).replaceDocument({ source: 'late.txt', path: '/elsewhere/late.txt', sha256: 'x', bytes: 1, documentDate: undefined, documentDateMethod: undefined, events: parsed.events });
    other.close();
    await new Promise((resolve) => setTimeout(resolve, EXTERNAL_CHANGES_CHECK_MS));
    const after = (await world.sent('/onthisday 21 January')).map((c) => String(c.payload.text)).join('\n');
    expect(after).toMatch(/A late addition to the archive/);
  });

  it('/start and /help say what the bot knows and how to ask', async () => {
    const [reply] = await world.sent('/start');
    expect(textOf(reply)).toMatch(/I know 233 dated events from 5 documents, from 1918 to 31 January 2025\./);
    expect(textOf(reply)).toMatch(/\/onthisday/);
    expect(textOf((await world.sent('/help'))[0])).toMatch(/@chronicle_test_bot <i>words<\/i>/);
    expect(textOf((await world.sent('/help'))[0])).toMatch(/\/subscribe, \/settings, \/preview daily, \/unsubscribe/);
  });

  it('/onthisday defaults to today in the chat’s time zone and reads the usual date formats', async () => {
    world.setClock(new Date('2026-01-19T21:30:00Z')); // already 20 January in Baku (UTC+4)
    const today = await world.sent('/onthisday');
    expect(textOf(today[0])).toMatch(/^<b>On this day, 20 January<\/b>\n5 events/);
    expect(textOf(today[0])).toMatch(/1 year ago/);
    expectValidHtml(today);
    const answers = await Promise.all(['/onthisday 7 January', '/onthisday jan 7', '/onthisday 07.01', '/onthisday 2025-01-07'].map(async (c) => textOf((await world.sent(c))[0])));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/On this day, 7 January/);
  });

  it('/onthisday on a day without events offers the nearest days; 29 February is a day', async () => {
    const [reply] = await world.sent('/onthisday 29 February');
    expect(textOf(reply)).toMatch(/Nothing in the archive happened on 29 February\. The nearest days with events: \d+ \w+ and \d+ \w+\./);
    const [before, after] = buttons(reply).map((b) => b.text);
    expect(textOf(reply)).toContain(`${before} and ${after}`);
    const shown = (await press(reply as RecordedCall, after ?? '')).find((c) => c.method === 'sendMessage');
    expect(textOf(shown)).toMatch(new RegExp(`^<b>On this day, ${after}</b>\n\\d+ events?`));
    const forged = { ...reply, payload: { ...reply?.payload, reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'od:2025-13-45' }]] } } } as RecordedCall;
    expect((await press(forged, 'x')).filter((c) => c.method === 'sendMessage')).toEqual([]);
    expect(textOf((await world.sent('/onthisday 31 February'))[0])).toMatch(/^\/onthisday: 31 February is not a day of the calendar/);
    expect(textOf((await world.sent('/onthisday someday'))[0])).toMatch(/is not a date I can read; try 7 January/);
  });

  it('/onthisday on a busy day pages through all its events with More ›, each once', async () => {
    await world.stop();
    // 5 March in 20 years, 4 events each: 80 events on one calendar day.
    const entries = Array.from({ length: 80 }, (_, i) => `05.03.${String(5 + (i % 20)).padStart(2, '0')}: Busy day event number ${i + 1} took place in Ganja.`);
    world = await startBotWorld(newTempDir(), { extraDocuments: { 'busy.txt': `Busy days\n\n${entries.join('\n')}` } });
    const first = await world.sent('/onthisday 5 March');
    expect(textOf(first[0])).toMatch(/^<b>On this day, 5 March<\/b>\n30 of 80 events, newest first, spread over 10 years/);
    const numbersIn = (calls: RecordedCall[]): string[] => calls.map(textOf).join('\n').match(/event number \d+/g) ?? [];
    const seen: string[] = numbersIn(first);
    let last = first.at(-1) as RecordedCall;
    for (const expected of ['events 31–60 of 80', 'events 61–80 of 80']) {
      const page = (await press(last, 'More ›')).filter((c) => c.method === 'sendMessage');
      expect(textOf(page[0])).toContain(expected);
      expectValidHtml(page);
      seen.push(...numbersIn(page));
      last = page.at(-1) as RecordedCall;
    }
    expect(buttons(last)).toEqual([]);
    expect(new Set(seen).size).toBe(80);
    expect(seen).toHaveLength(80);
    // The day with words pages the same way, the words kept in the button.
    const about = await world.sent('Ganja 5 March');
    expect(textOf(about[0])).toMatch(/^<b>On this day, 5 March, about Ganja<\/b>\n30 of 80 events/);
    expect(buttons(about.at(-1)).map((b) => b.callback_data)).toEqual(['od:2025-03-05:1:Ganja']);
    const next = (await press(about.at(-1) as RecordedCall, 'More ›')).filter((c) => c.method === 'sendMessage');
    expect(textOf(next[0])).toMatch(/^<b>On this day, 5 March, about Ganja<\/b>\nevents 31–60 of 80/);
  });

  it('every event links to its deep link, which opens it in full with its provenance', async () => {
    const [reply] = await world.sent('/onthisday 16 January');
    const link = /href="https:\/\/t\.me\/chronicle_test_bot\?start=(e_[0-9a-f]{16})"/.exec(textOf(reply));
    expect(link).not.toBeNull();
    const full = await world.sent(`/start ${link?.[1]}`);
    expectValidHtml(full);
    expect(full.map(textOf).join('\n')).toMatch(/<i>Source: 2025-01-monthly-chronicle\.txt, line \d+, “[^”]+”<\/i>/);
    // The headline is the text's first sentence: the text follows in full, so the headline is not shown twice.
    const [header = '', body = ''] = textOf(full[0]).split('\n\n');
    expect(header).toMatch(/^<b>\d+ January 2025<\/b>(\n<i>Reported [^<]+<\/i>)?$/);
    expect(body.length).toBeGreaterThan(40);
    expect(textOf((await world.sent('/start e_0000000000000000'))[0])).toMatch(/no longer in the archive/);
    for (const broken of ['/start e_nonexistent', '/start e_']) expect(textOf((await world.sent(broken))[0])).toMatch(/^That link does not lead to an event of this archive/);
  });

  it('/topic ranks matches with snippets and pages with buttons that survive a restart', async () => {
    const [first] = await world.sent('/topic Azerbaijan');
    expect(textOf(first)).toMatch(/^<b>Topic: Azerbaijan<\/b>\n\d+ matches · page 1 of \d+/);
    expect(textOf(first)).toContain('<b>Azerbaijan</b>');
    expect(buttons(first).map((b) => b.text)).toEqual(['1 / ' + /page 1 of (\d+)/.exec(textOf(first))?.[1], 'Next ›']);
    const next = (await press(first as RecordedCall, 'Next ›')).find((c) => c.method === 'editMessageText');
    expect(textOf(next)).toMatch(/page 2 of/);
    expectValidHtml([next as RecordedCall]);

    world.restartBot();
    const back = (await press(next as RecordedCall, '‹ Back')).find((c) => c.method === 'editMessageText');
    expect(textOf(back)).toMatch(/page 1 of/);

    // A button from before the archive shrank (or a forged one) shows the last page, not an empty one.
    const nextButton = buttons(first).find((b) => b.text === 'Next ›');
    const stale = { ...first, payload: { ...first?.payload, reply_markup: { inline_keyboard: [[{ text: 'Next ›', callback_data: nextButton?.callback_data.replace(/:1:/, ':99:') }]] } } } as RecordedCall;
    const pages = /page 1 of (\d+)/.exec(textOf(first))?.[1];
    const last = (await press(stale, 'Next ›')).find((c) => c.method === 'editMessageText');
    expect(textOf(last)).toMatch(new RegExp(`page ${pages} of ${pages}`));
    expect(textOf(last)).toMatch(/<b>Azerbaijan<\/b>/);
  });

  it('pages a query too long for callback data by reading it back from the message, line breaks included', async () => {
    const query = `Baku\n${'Azerbaijan '.repeat(6).trim()}`;
    const [reply] = await world.sent(`/topic ${query}`);
    expect(textOf(reply)).toMatch(/^<b>Topic: Baku Azerbaijan Azerbaijan/);
    const total = /(\d+) matches · page 1 of (\d+)/.exec(textOf(reply));
    expect(Number(total?.[2])).toBeGreaterThan(1);
    const next = buttons(reply).at(-1);
    expect(next?.text).toBe('Next ›');
    expect(Buffer.byteLength(next?.callback_data ?? '')).toBeLessThanOrEqual(64);
    const edited = (await press(reply as RecordedCall, 'Next ›')).find((c) => c.method === 'editMessageText');
    expect(textOf(edited)).toMatch(/^<b>Topic: Baku Azerbaijan Azerbaijan/);
    expect(textOf(edited)).toContain(`${total?.[1]} matches · page 2 of ${total?.[2]}`);
  });

  it('takes FTS syntax and hostile text literally, in queries and in replies', async () => {
    for (const hostile of ['/topic "NEAR(Baku Moscow) OR x*', '/topic -Baku', '/topic <b>Baku</b> & <i', '/timeline Baku" AND']) {
      const replies = await world.sent(hostile);
      expect(replies).toHaveLength(1);
      expectValidHtml(replies);
    }
    const echoed = await world.sent('/topic <b>Baku & "Moscow" <unclosed');
    expect(textOf(echoed[0])).toContain('Topic: &lt;b&gt;Baku &amp; &quot;Moscow&quot; &lt;unclosed');
    const tooLong = await world.sent(`/topic ${'x'.repeat(5000)}`);
    expect(textOf(tooLong[0])).toBe('That query is 5000 characters long; please keep it under 200.');
    expect(textOf((await world.sent('/topic'))[0])).toMatch(/needs words to search for/);
    expect(textOf((await world.sent('/topic ^ : ( ) "'))[0])).toMatch(/needs words to search for/);
  });

  it('plain text in a private chat is a topic query, or that day when it is a date; an unknown command gets a short help', async () => {
    expect(textOf((await world.sent('black boxes'))[0])).toMatch(/^<b>Topic: black boxes<\/b>/);
    expect(textOf((await world.sent('7 January'))[0])).toMatch(/^<b>On this day, 7 January<\/b>/);
    expect(textOf((await world.sent('31 February'))[0])).toMatch(/^<b>Topic: 31 February<\/b>/);
    expect(textOf((await world.sent('Embraer 190/195'))[0])).toMatch(/^<b>Topic: Embraer 190\/195<\/b>/);
    // Numbers alone are searched; when nothing holds them, they are the day (or the days) they can name.
    expect(textOf((await world.sent('6.5'))[0])).toMatch(/^<b>Topic: 6\.5<\/b>\n\d+ match/);
    expect(textOf((await world.sent('19.11'))[0])).toMatch(/^<b>On this day, 19 November<\/b>/);
    expect(textOf((await world.sent('7.1'))[0])).toMatch(/^<b>On this day, 7 January<\/b>/);
    // Numbers an event holds apart (`10 years … 1 year`) are not the typed `10/1`.
    expect(buttons((await world.sent('10/1'))[0]).map((b) => b.callback_data)).toEqual(['od:2026-01-10', 'od:2025-10-01']);
    const [twoWays] = await world.sent('7/1');
    expect(buttons(twoWays).map((b) => b.callback_data)).toEqual(['od:2026-01-07', 'od:2025-07-01']);
    expect(textOf((await world.sent('2025-01-07'))[0])).toMatch(/^<b>On this day, 7 January<\/b>/);
    // Questions about a day, and the chronicle's own way of writing one.
    for (const question of ['what happened on 7 January?', 'what happend on 7 January', 'the 7th of January', '07.01.25', 'what happened on 07.01.25?', 'Tell me what happened on 2026-01-07']) {
      expect(textOf((await world.sent(question))[0])).toMatch(/^<b>On this day, 7 January<\/b>/);
    }
    const [misspelt] = await world.sent('/onthisday 7 Janaury');
    expect(textOf(misspelt)).toBe('/onthisday: "7 Janaury" names no month I know; did you mean 7 January?');
    expect(buttons(misspelt)).toEqual([expect.objectContaining({ text: '7 January', callback_data: 'od:2026-01-07' })]);
    const [asked] = await world.sent('what happened on 7 Janaury?');
    expect(textOf(asked)).toBe('Did you mean 7 January?');
    const opened = (await press(asked as RecordedCall, /^7 January$/)).find((c) => c.method === 'sendMessage');
    expect(textOf(opened)).toMatch(/^<b>On this day, 7 January<\/b>/);
    expect(textOf((await world.sent('what happened on Monday?'))[0])).toMatch(/^<b>On this day, 19 January<\/b>/);
    const [bothWays] = await world.sent('07/01/2025');
    expect(textOf(bothWays)).toBe('"07/01/2025" could be 7 January or 1 July; write the month\'s name, e.g. 7 January.');
    expect(buttons(bothWays).map((b) => b.callback_data)).toEqual(['od:2025-01-07', 'od:2025-07-01']);
    expect(textOf((await world.sent('Jane 5'))[0])).toMatch(/^<b>Topic: Jane 5<\/b>/);
    const [week] = await world.sent('/week 15 Janury 2025');
    expect(buttons(week)).toEqual([expect.objectContaining({ text: 'The week of 13 January – 19 January 2025', callback_data: 'wk:2025-01-13:summary' })]);
    // A day and words: the day's events that match the words.
    const [aboutDay] = await world.sent('what happened to Aliyev on 7 January?');
    expect(textOf(aboutDay)).toMatch(/^<b>On this day, 7 January, about Aliyev<\/b>\n\d+ events?\n/);
    const countOf = (text: string) => Number(/\n(\d+) events?\n/.exec(text)?.[1]);
    expect(countOf(textOf(aboutDay))).toBeGreaterThan(0);
    expect(countOf(textOf(aboutDay))).toBeLessThan(countOf(textOf((await world.sent('/onthisday 7 January'))[0])));
    expect(textOf((await world.sent('events of 7 January'))[0])).toMatch(/^<b>On this day, 7 January<\/b>\n9 events/);
    // No event of the day matches: the words are searched, and when nothing at all matches, that is said of the day.
    const [nothing] = await world.sent('qwerty 7 January');
    expect(textOf(nothing)).toBe('No event of 7 January, in any year, mentions “qwerty”.');
    expect(buttons(nothing).map((b) => [b.text, b.callback_data])).toEqual([['All of 7 January', 'od:2026-01-07'], ['Search: qwerty', 'tp:0:qwerty']]);
    const [misspeltName] = await world.sent('Aliev on 7 January');
    expect(textOf(misspeltName)).toBe('No event of 7 January, in any year, mentions “Aliev”. Did you mean Aliyev?');
    const meant = (await press(misspeltName as RecordedCall, /^Aliyev on 7 January$/)).find((c) => c.method === 'sendMessage');
    expect(textOf(meant)).toMatch(/^<b>On this day, 7 January, about Aliyev<\/b>\n\d+ events?\n/);
    // The number is no day: the words are searched.
    for (const words of ['7.8 earthquake', 'open 24/7']) expect(textOf((await world.sent(words))[0])).toMatch(/^<b>Topic: /);
    // Asking for the latest news or a week in words.
    for (const asked of ['latest news?', 'What is the latest?', 'recent news']) expect(textOf((await world.sent(asked))[0])).toBe(textOf((await world.sent('/latest'))[0]));
    expect(textOf((await world.sent('news this week'))[0])).toMatch(/^<b>This week in past years \(19 January – 25 January 2026\)<\/b>/);
    expect(textOf((await world.sent('the past week'))[0])).toMatch(/^<b>This week in past years \(12 January – 18 January 2026\)<\/b>/);
    expect(textOf((await world.sent('What happened last week?'))[0])).toMatch(/^<b>This week in past years \(12 January – 18 January 2026\)<\/b>/);
    // A question's own words are not searched for; a command capitalised by a phone's keyboard is the command.
    expect(textOf((await world.sent('news about black boxes'))[0])).toMatch(/^<b>Topic: news about black boxes<\/b>\n\d+ match/);
    expect(textOf((await world.sent('/Topic black boxes'))[0])).toMatch(/^<b>Topic: black boxes<\/b>/);
    expect(textOf((await world.sent('/frobnicate'))[0])).toMatch(/I don’t know that command\. \/help/);
    expect(textOf((await world.sent('qwertyuiop'))[0])).toMatch(/No events mention “qwertyuiop”\. Try other words\./);
    // Small talk is not searched: a greeting or `help` gets the help, thanks a short answer, a sign alone a hint.
    for (const greeting of ['hi', 'Hello!', 'help', 'menu', 'good morning']) expect(textOf((await world.sent(greeting))[0])).toMatch(/^<b>Chronicle Bot<\/b>\nI know 2\d\d dated events/);
    expect(textOf((await world.sent('thanks!'))[0])).toBe('You’re welcome. Type words to search, or a date such as 7 January.');
    for (const sign of ['?', '👍']) expect(textOf((await world.sent(sign))[0])).toBe('Send me words to search for (border guards), or a date (7 January). /help shows everything I can do.');
    for (const asked of ['what happened?', 'what happend?', 'anything new?', "what's going on"]) expect(textOf((await world.sent(asked))[0])).toBe(textOf((await world.sent('/latest'))[0]));
  });

  it('plain text that reads as a misspelt date is searched when its words find something', async () => {
    await world.stop();
    world = await startBotWorld(newTempDir(), { extraDocuments: { 'tram.txt': 'Tram\n\n21.01.25: Ganja opened the Marsh tram line 2.' } });
    // "Marsh" is two letters from March, and found as typed.
    expect(textOf((await world.sent('Marsh 2'))[0])).toMatch(/^<b>Topic: Marsh 2<\/b>\n1 match/);
    expect(textOf((await world.sent('7 Janaury'))[0])).toBe('Did you mean 7 January?');
  });

  it('a search that finds nothing says which words no event holds, and offers the word most likely meant', async () => {
    const [reply] = await world.sent('/topic Aliev');
    expect(textOf(reply)).toBe('<b>Topic: Aliev</b>\nNo events mention “Aliev”. Did you mean <b>Aliyev</b>?');
    const page = (await press(reply as RecordedCall, /^Search: Aliyev$/)).find((c) => c.method === 'editMessageText');
    expect(textOf(page)).toMatch(/^<b>Topic: Aliyev<\/b>\n\d+ matches/);
    expect(textOf((await world.sent('/timeline Macron USAID'))[0])).toMatch(/No event holds all of these words together\. Try fewer words\./);
  });

  it('/timeline groups the matches by month in date order', async () => {
    const [reply] = await world.sent('/timeline USAID');
    const text = textOf(reply);
    expect(text).toMatch(/^<b>Timeline: USAID<\/b>/);
    const headings = [...text.matchAll(/<b>— (\w+ \d{4}|\d{4}) —<\/b>/g)].map((m) => m[1]);
    expect(headings.length).toBeGreaterThan(1);
    expect(headings).toContain('January 2025');
    // A year's event under its year's heading has no date line of its own.
    const karabakh = textOf((await world.sent('/timeline Karabakh'))[0]);
    expect(karabakh).toMatch(/<b>— 1988 —<\/b>\n<a href/);
    expect(karabakh).not.toMatch(/<b>— (\d{4}) —<\/b>\n<b>\1<\/b>/);
    // Each match shows the passage with the searched word in bold, as /topic does.
    expect(text).toMatch(/<b>USAID<\/b>/);
  });

  it('/week summarises a week and shows the rest behind a button', async () => {
    const [summary] = await world.sent('/week 2025-01-15');
    expect(textOf(summary)).toMatch(/^<b>The week of 13 January – 19 January 2025<\/b>\n\d+ events\nBy topic: /);
    expect(textOf(summary)).toMatch(/<b>Most important<\/b>/);
    const all = buttons(summary).find((b) => b.text.startsWith('All'));
    expect(all?.callback_data).toBe('wk:2025-01-13:0');
    const page = (await press(summary as RecordedCall, /^All \d+ events/)).find((c) => c.method === 'editMessageText');
    expect(textOf(page)).toMatch(/All events, 13 January – 19 January 2025 · page 1 of \d+/);
    expectValidHtml([page as RecordedCall]);
    const back = (await press(page as RecordedCall, /^‹ Summary$/)).find((c) => c.method === 'editMessageText');
    expect(textOf(back)).toBe(textOf(summary));
    expect(textOf((await world.sent('/week'))[0])).toMatch(/This week in past years \(19 January – 25 January 2026\)/);
    // A week with nothing in the archive points to the week of its newest events.
    const [empty] = await world.sent('/week 2026-06-10');
    expect(textOf(empty)).toMatch(/The archive has no events for these dates\.$/);
    expect(buttons(empty)).toEqual([expect.objectContaining({ text: 'The newest events: 27 January – 2 February 2025', callback_data: 'wk:2025-01-27:summary' })]);
    const newest = (await press(empty as RecordedCall, /^The newest events/)).find((c) => c.method === 'editMessageText');
    expect(textOf(newest)).toMatch(/^<b>The week of 27 January – 2 February 2025<\/b>\n\d+ events/);
  });

  it('/latest, /sources and /stats', async () => {
    expect(textOf((await world.sent('/latest'))[0])).toMatch(/^<b>Latest events<\/b>\n\n<b>31 January 2025<\/b>/);
    expect(textOf((await world.sent('/sources'))[0])).toMatch(/<b>Sources \(5\)<\/b>/);
    expect(textOf((await world.sent('/stats'))[0])).toMatch(/233 events from 5 documents/);
  });

  it('inline mode offers matching events to send', async () => {
    const calls = await world.deliver(() => world.harness.pushUpdate(updates.inlineQuery('Pantsir missiles', user(7))));
    const answer = calls.find((c) => c.method === 'answerInlineQuery');
    const results = answer?.payload.results as { type: string; title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]?.title).toMatch(/Pantsir/);
    expect(telegramHtmlProblems(results[0]?.input_message_content.message_text ?? '')).toEqual([]);
    const onDay = await world.deliver(() => world.harness.pushUpdate(updates.inlineQuery('7 January', user(7))));
    const dayResults = onDay.find((c) => c.method === 'answerInlineQuery')?.payload.results as { description: string }[];
    expect(dayResults.length).toBeGreaterThan(1);
    for (const result of dayResults) expect(result.description).toMatch(/^7 January \d{4} · /);
    const latest = await world.deliver(() => world.harness.pushUpdate(updates.inlineQuery('', user(7))));
    const latestResults = latest.find((c) => c.method === 'answerInlineQuery')?.payload.results as { description: string }[];
    expect(latestResults).toHaveLength(10);
    expect(latestResults[0]?.description).toMatch(/^31 January 2025 · /);
    const empty = await world.deliver(() => world.harness.pushUpdate(updates.inlineQuery('"*', user(7))));
    expect(empty.find((c) => c.method === 'answerInlineQuery')?.payload.results).toEqual([]);
    const wordy = await world.deliver(() => world.harness.pushUpdate(updates.inlineQuery('one two three four five six seven eight nine ten eleven twelve thirteen', user(7))));
    expect(wordy.find((c) => c.method === 'answerInlineQuery')?.payload.results).toEqual([]);
    expect(world.logs.filter((line) => line.level === 'error')).toEqual([]);
  });
});
