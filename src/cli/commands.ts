import type { Writable } from 'node:stream';
import type { Config } from '../config.js';
import { createRescanner, ingestPathsConcurrently, listDocumentFiles, readDocumentFile } from '../corpus/ingest-corpus.js';
import { calendarDayIn, canonicalTimeZone, parseDayArgument, parseWeekArgument } from '../digest/calendar.js';
import { plainMarkup } from '../digest/markup.js';
import { findOnThisDay, renderOnThisDay } from '../digest/on-this-day.js';
import { findLatest, renderLatest, renderSources, renderStats } from '../digest/overview.js';
import { MAX_QUERY_LENGTH, findTopicPage, renderTimelinePage, renderTopicPage } from '../digest/topic.js';
import { renderWeekSummary, summariseWeek } from '../digest/week.js';
import { renderEventInFull } from '../digest/event-format.js';
import { parseDocument } from '../ingest/parse-document.js';
import { type SqliteDatabase, openDatabase } from '../store/database.js';
import { type EventStore, createEventStore } from '../store/event-store.js';
import { QueryError } from '../store/fts-query.js';
import { UsageError, parseArguments } from './arguments.js';
import { sendNow, subscribeChats, unsubscribeChats } from './delivery-commands.js';
import { createSubscriptionStore } from '../store/subscription-store.js';

export interface CommandContext {
  readonly config: Config;
  readonly out: Writable;
  readonly err: Writable;
  readonly now: () => Date;
}

export const HELP = `Chronicle Bot command line

  parse FILE...            print the events of the files as JSON Lines (no database)
  ingest [PATH...]         ingest documents (default: DATA_DIR) into DATABASE_PATH
  onthisday [DATE]         events on this calendar day in every year (DATE: 7 January, jan 7, 07.01, 2025-01-07)
  topic WORDS... [--page N]     ranked full-text search
  timeline WORDS... [--page N]  the same matches in date order
  week [DATE]              the summary of the week holding DATE (default: this week; also last, next, 2025-W03)
  latest                   the latest events
  event ID                 one event in full, with its sources
  sources                  the ingested documents
  stats                    counts and date range

  subscribe CHAT_ID... [--daily HH:MM] [--weekly DAY HH:MM] [--tz ZONE] [--topic WORDS]
  unsubscribe CHAT_ID...
  send daily|weekly [--now ISO-TIME]   deliver that post now (same ledger as the scheduler)
  deliveries [--json]      what was sent, skipped, failed and paused, and why

  --json                   machine-readable output for the query commands
  --tz ZONE                the time zone for "today" (default: TZ)
`;

const write = (stream: Writable, text: string): void => { stream.write(text.endsWith('\n') ? text : `${text}\n`); };

/** Opens the database for one command and closes it when the command is done (also when it fails). */
async function withDatabase<T>(config: Config, use: (db: SqliteDatabase) => T | Promise<T>): Promise<T> {
  const db = openDatabase(config.DATABASE_PATH);
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

const withStore = <T>(config: Config, use: (store: EventStore) => T | Promise<T>): Promise<T> => withDatabase(config, (db) => use(createEventStore(db)));

function pageFlag(value: string | true | undefined): number {
  if (value === undefined) return 0;
  const page = Number(value);
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page takes a page number from 1');
  return page - 1;
}

function topicWords(words: readonly string[], command: string): string {
  const query = words.join(' ').trim();
  if (query === '') throw new UsageError(`${command} needs words to search for, e.g. "${command} border guards"`);
  if (query.length > MAX_QUERY_LENGTH) throw new QueryError(`the query is ${query.length} characters long; at most ${MAX_QUERY_LENGTH} are searched`);
  return query;
}

/** The options that take values, and how many words each takes. */
const VALUE_FLAGS: Readonly<Record<string, number>> = { page: 1, tz: 1, daily: 1, weekly: 2, topic: 1, now: 1 };

/** The command a command line names: its first word that is neither an option nor an option's value. */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--')) return word;
    if (!word.includes('=')) i += VALUE_FLAGS[word.slice(2)] ?? 0;
  }
  return undefined;
}

/** Runs one command; returns the process exit code (0 ok, 1 some input rejected, 2 usage). */
export async function runCommand(argv: readonly string[], context: CommandContext): Promise<number> {
  if (argv[0] === '--help') return runCommand(['help'], context);
  // Options may come before the command (`--json stats`) as well as after it.
  const { positional: words, flags } = parseArguments(argv, VALUE_FLAGS, ['json']);
  const [command = 'help', ...positional] = words;
  const { config, out, err } = context;
  const json = flags.has('json');
  const namedZone = flags.get('tz');
  const timeZone = typeof namedZone === 'string' ? canonicalTimeZone(namedZone) : config.TZ;
  if (timeZone === undefined) throw new UsageError(`--tz "${String(namedZone)}" is not an IANA time zone such as Europe/Berlin or Asia/Baku`);
  const today = () => calendarDayIn(context.now(), timeZone);
  const print = (blocks: string[], data: unknown): void => write(out, json ? JSON.stringify(data, null, 2) : blocks.join('\n\n'));
  /** A query command: find in the store, then print it as plain text (or the found data as JSON). */
  const answer = async <T>(find: (store: EventStore) => T, render: (found: T, markup: typeof plainMarkup) => string[]): Promise<number> => {
    await withStore(config, (store) => {
      const found = find(store);
      print(render(found, plainMarkup), found);
    });
    return 0;
  };

  switch (command) {
    case 'help':
    case '--help':
      write(out, HELP);
      return 0;
    case 'parse': {
      if (positional.length === 0) throw new UsageError('parse needs at least one FILE');
      const { files, problems } = listDocumentFiles(positional);
      let failed = problems.length > 0;
      for (const problem of problems) write(err, `${problem.where}: ${problem.message}`);
      for (const path of files) {
        const read = readDocumentFile(path, config.MAX_DOCUMENT_BYTES);
        const decoded = read.ok ? read.decode() : read;
        if (!decoded.ok) {
          write(err, `${decoded.problem.where}: ${decoded.problem.message}`);
          failed = true;
          continue;
        }
        const parsed = parseDocument(path.split(/[\\/]/).pop() ?? path, decoded.text);
        for (const issue of parsed.issues) write(err, `${path}:${issue.line}: ${issue.message}`);
        for (const event of parsed.events) out.write(`${JSON.stringify(event)}\n`);
      }
      return failed ? 1 : 0;
    }
    case 'ingest': {
      const options = { maxDocumentBytes: config.MAX_DOCUMENT_BYTES, now: context.now };
      // The data directory is brought in step (deleted files' events go too); named paths are only added.
      const reports = await withStore(config, (store) => (positional.length > 0
        ? ingestPathsConcurrently(store, positional, options)
        : createRescanner(store, config.DATA_DIR, options)()));
      for (const report of reports) {
        const counts = report.outcome === 'rejected' || report.outcome === 'kept' ? ''
          : ` (${report.eventsAdded} new events, ${report.eventsLinked} linked to other documents, ${report.eventsRemoved} removed)`;
        if (json) continue;
        write(out, `${report.outcome.padEnd(8)} ${report.path}${counts}`);
        for (const problem of report.problems) write(err, `${problem.where}: ${problem.message}`);
      }
      const total = (outcome: string) => reports.filter((r) => r.outcome === outcome).length;
      if (json) write(out, JSON.stringify(reports, null, 2));
      else write(out, `${total('added')} added, ${total('kept')} kept, ${total('replaced')} replaced, ${total('removed')} removed, ${total('rejected')} rejected`);
      return total('rejected') > 0 ? 1 : 0;
    }
    case 'onthisday': {
      const day = parseDayArgument(positional.join(' '), today());
      return answer((store) => findOnThisDay(store, day, today().year), renderOnThisDay);
    }
    case 'topic':
    case 'timeline': {
      const query = topicWords(positional, command);
      const page = pageFlag(flags.get('page'));
      return command === 'topic'
        ? answer((store) => findTopicPage(store, query, page, 'rank'), renderTopicPage)
        : answer((store) => findTopicPage(store, query, page, 'date'), renderTimelinePage);
    }
    case 'week': {
      const day = parseWeekArgument(positional.join(' '), today());
      return answer((store) => summariseWeek(store, day), renderWeekSummary);
    }
    case 'latest':
      return answer((store) => findLatest(store, today()), renderLatest);
    case 'event': {
      const id = positional[0];
      if (!id) throw new UsageError('event needs an event ID (as printed by --json or parse)');
      return withStore(config, (store) => {
        const event = store.getEvent(id);
        if (!event) {
          write(err, `chronicle: no event with ID ${id}`);
          return 1;
        }
        print(renderEventInFull(event, plainMarkup), event);
        return 0;
      });
    }
    case 'sources':
      return answer((store) => store.listDocuments(), renderSources);
    case 'stats':
      return answer((store) => store.stats(), renderStats);
    case 'subscribe':
    case 'unsubscribe': {
      const lines = await withDatabase(config, (db) => {
        const subscriptions = createSubscriptionStore(db);
        return command === 'subscribe' ? subscribeChats(subscriptions, positional, flags, timeZone, context.now()) : unsubscribeChats(subscriptions, positional);
      });
      write(out, lines.join('\n'));
      return 0;
    }
    case 'send': {
      const nowFlag = flags.get('now');
      const at = typeof nowFlag === 'string' ? new Date(nowFlag) : context.now();
      if (Number.isNaN(at.getTime())) throw new UsageError(`send: --now "${String(nowFlag)}" is not an ISO time such as 2026-01-19T10:00:00Z`);
      const report = await withDatabase(config, (db) => sendNow(createSubscriptionStore(db), createEventStore(db), positional[0], at, config, (line) => write(out, line)));
      return report.failed > 0 ? 1 : 0;
    }
    case 'deliveries': {
      await withDatabase(config, (db) => {
        const subscriptions = createSubscriptionStore(db);
        const deliveries = subscriptions.listDeliveries();
        const paused = subscriptions.listSubscriptions().filter((s) => s.status === 'paused');
        if (json) {
          write(out, JSON.stringify({ counts: subscriptions.deliveryCounts(), deliveries, pausedSubscriptions: paused }, null, 2));
        } else {
          const counts = subscriptions.deliveryCounts();
          write(out, `${counts.sent} sent, ${counts.skipped} skipped, ${counts.failed} failed, ${counts.paused} paused, ${counts.pending + counts.sending} waiting`);
          for (const d of deliveries) write(out, `${d.status.padEnd(8)} ${d.kind.padEnd(6)} ${d.period.padEnd(10)} chat ${d.chatId}  due ${d.dueAt}${d.reason ? `  ${d.reason}` : ''}`);
          for (const s of paused) write(out, `paused subscription: chat ${s.chatId}: ${s.statusReason ?? ''}`);
        }
      });
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
