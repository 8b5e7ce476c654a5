// Test harness: telegram-test-api (4.2.1) + an Express "front" layer that mounts the
// emulator's own Express app behind it. The front layer
//   * records every Bot API call (method + payload + response) and emits events, so tests
//     can wait for a reply without sleeping;
//   * gives Telegram-shaped errors ({ok:false,error_code,description,parameters}) and fault
//     injection (429 retry_after, 403 blocked, ...);
//   * replaces the emulator's non-blocking, offset-ignoring getUpdates by a real long-poll
//     queue (offset/limit/timeout honoured) that also carries arbitrary updates
//     (inline_query, my_chat_member, channel_post, ...);
//   * implements methods the emulator lacks (setMyCommands, answerInlineQuery, getChatMember, ...)
//     and fixes the ones it mishandles (sendMessage result, editMessageText, answerCallbackQuery, getMe).
// The emulator's storage stays the source of truth for bot messages, so its client API
// (client.getUpdates / getUpdatesHistory) keeps working.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import express, { type Request, type Response, type NextFunction, type Express } from 'express';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { Chat, ChatMember, Message, Update, User, UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  seq: number;
  method: string;
  payload: Record<string, any>;
  response?: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: unknown };
}
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}
interface Fault extends ApiError {
  method: string;
  times: number;
  match?: (payload: Record<string, any>) => boolean;
}
class ApiErrorThrown extends Error {
  constructor(readonly body: ApiError) {
    super(body.description);
  }
}
type Impl = (payload: Record<string, any>, res: Response) => unknown | Promise<unknown>;

/** Methods telegram-test-api 4.2.1 routes itself (see lib/routes/bot/index.js). */
export const PACKAGE_METHODS = [
  'getMe', 'getUpdates', 'sendMessage', 'editMessageText', 'editMessageReplyMarkup',
  'answerCallbackQuery', 'deleteMessage', 'setWebhook', 'deleteWebhook',
] as const;

export interface HarnessOptions {
  token?: string; // must look like "<botId>:<secret>"; botId becomes getMe().id
  username?: string;
  /** Upper bound for a held getUpdates long-poll (ms; default 5000). grammY asks for 30 s; keep it below the bot's client.timeoutSeconds. */
  maxLongPollMs?: number;
}

export class TelegramHarness extends EventEmitter {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly server: TelegramServer;
  apiRoot = '';
  readonly calls: RecordedCall[] = [];
  /** Pending (unconfirmed) updates served by getUpdates, already numbered. */
  private queue: Update[] = [];
  private nextUpdateId = 1;
  private faults: Fault[] = [];
  private http?: http.Server;
  private closing = false;
  private readonly maxLongPollMs: number;
  // state for emulated methods
  readonly commands = new Map<string, unknown[]>(); // key: JSON scope + language_code
  readonly chatMembers = new Map<string, ChatMember>(); // key: `${chatId}:${userId}`
  readonly blockedChats = new Map<number, string>();
  /** Chats known by @username, for getChat('@name') and getChatMember('@name', ...). */
  readonly namedChats = new Map<string, Chat>();
  /** Groups upgraded to supergroups: sending to the old id fails with migrate_to_chat_id. */
  readonly migratedChats = new Map<number, number>();
  /** Milliseconds each sendMessage takes (a slow network, to interrupt a broadcast half way). */
  sendDelayMs = 0;
  /** When set, sendMessage answers 429 past these limits, as Telegram does. */
  limits: { perSecond: number; privateChatIntervalMs: number; groupChatIntervalMs: number } | undefined;
  readonly limitViolations: { chatId: number; at: number }[] = [];
  private readonly recentSends: number[] = [];
  private readonly lastSendToChat = new Map<number, number>();

  /** Seconds to wait, if this send would break a limit; records the send otherwise. */
  private limitBreach(chatId: number): number | undefined {
    if (!this.limits) return undefined;
    const now = performance.now();
    while (this.recentSends.length > 0 && (this.recentSends[0] ?? 0) <= now - 1000) this.recentSends.shift();
    const chatInterval = chatId > 0 ? this.limits.privateChatIntervalMs : this.limits.groupChatIntervalMs;
    const last = this.lastSendToChat.get(chatId);
    // 5% slack: the limiter and this server read clocks a few microseconds apart.
    if (this.recentSends.length >= this.limits.perSecond * 1.05 || (last !== undefined && now - last < chatInterval * 0.95)) {
      this.limitViolations.push({ chatId, at: now });
      return 1;
    }
    this.recentSends.push(now);
    this.lastSendToChat.set(chatId, now);
    return undefined;
  } // chatId -> 403 description
  private readonly impl: Record<string, Impl>;

  constructor(opts: HarnessOptions = {}) {
    super();
    this.token = opts.token ?? '123456789:TEST-token_abc';
    const id = Number(this.token.split(':')[0]);
    this.botInfo = {
      id, is_bot: true, first_name: 'Test Bot', username: opts.username ?? 'test_harness_bot',
      can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true,
      can_connect_to_business: false, has_main_web_app: false,
    } as UserFromGetMe;
    this.maxLongPollMs = opts.maxLongPollMs ?? 5_000;
    // port is only a placeholder: we never call server.start() (it treats port 0 as 9000 and
    // starts a 60 s cleanup setInterval); we listen ourselves on port 0 and fix config.apiURL.
    this.server = new TelegramServer({ host: '127.0.0.1', port: 1 });
    // Move every user update the emulator's client API creates into our numbered queue.
    const pump = () => this.pumpFromEmulator();
    this.server.on('AddedUserMessage', pump);
    this.server.on('AddedUserCommand', pump);
    this.server.on('AddedUserCallbackQuery', pump);
    this.impl = this.buildImpl();
  }

  // ------------------------------------------------------------------ lifecycle
  async start(): Promise<this> {
    const inner = (this.server as unknown as { webServer: Express }).webServer;
    const front = express();
    front.use(express.json({ limit: '10mb' }));
    front.use(express.urlencoded({ extended: true }));
    front.all('/bot:token/:method', (req, res, next) => void this.handle(req, res, next));
    front.use(inner); // emulator's client routes (/sendMessage, /sendCommand, /sendCallback, /getUpdates, ...)
    this.http = http.createServer(front);
    this.http.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      this.http!.once('error', reject).listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.server.config.port = port;
    this.server.config.apiURL = this.apiRoot; // so server.getClient() talks to the front layer
    return this;
  }

  async stop(): Promise<void> {
    this.closing = true;
    this.emit('update'); // release held long-polls
    this.server.removeAllListeners();
    const srv = this.http;
    if (!srv) return;
    await new Promise<void>((resolve) => {
      srv.close(() => resolve());
      srv.closeAllConnections(); // kill keep-alive sockets (grammY uses a keepAlive agent)
    });
  }

  /** Emulator client (user side). chatId/userId default to 1. */
  client(options: Parameters<TelegramServer['getClient']>[1] = {}) {
    return this.server.getClient(this.token, { timeout: 2000, interval: 10, ...options });
  }

  // ------------------------------------------------------------------ updates
  private pumpFromEmulator(): void {
    for (const u of this.server.getUpdates(this.token) as any[]) {
      if (u.message) delete u.message.botToken; // emulator leaks its routing field into the Message
      if (u.callback_query) u.callback_query.chat_instance ??= String(u.callback_query.message?.chat?.id ?? 0);
      this.enqueue(u);
    }
  }

  private enqueue(u: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const upd = { ...u, update_id: this.nextUpdateId++ } as Update;
    this.rememberChats(upd);
    this.queue.push(upd);
    this.emit('update', upd);
    return upd;
  }

  /** Queue any update (inline_query, my_chat_member, channel_post, ...) for getUpdates. */
  pushUpdate(u: Omit<Update, 'update_id'>): Update {
    return this.enqueue(u);
  }

  /** For bot.handleUpdate() mode: take (and confirm) everything pending. */
  drainUpdates(): Update[] {
    this.pumpFromEmulator();
    const out = this.queue;
    this.queue = [];
    return out;
  }

  /** Number an update without queueing it (to pass straight to bot.handleUpdate). */
  makeUpdate(u: Omit<Update, 'update_id'>): Update {
    const upd = { ...u, update_id: this.nextUpdateId++ } as Update;
    this.rememberChats(upd);
    return upd;
  }

  /** Chats seen in updates, so sendMessage results carry the right chat.type (channel vs supergroup). */
  private readonly chats = new Map<number, Chat>();
  private rememberChats(u: Update): void {
    const a = u as any;
    for (const c of [a.message?.chat, a.channel_post?.chat, a.my_chat_member?.chat, a.chat_member?.chat, a.callback_query?.message?.chat]) {
      if (c?.id !== undefined && c.type) this.chats.set(Number(c.id), c);
    }
  }

  private async getUpdates(p: Record<string, any>, res: Response): Promise<Update[]> {
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(Math.max(Number(p.limit ?? 100), 1), 100);
    const timeoutMs = Math.min(Number(p.timeout ?? 0) * 1000, this.maxLongPollMs);
    if (offset > 0) {
      this.queue = this.queue.filter((u) => u.update_id >= offset); // confirm
      this.emit('confirmed');
    }
    if (this.queue.length === 0 && timeoutMs > 0 && !this.closing) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.off('update', done);
          res.off('close', done);
          resolve();
        };
        const t = setTimeout(done, timeoutMs);
        this.on('update', done);
        res.on('close', done); // client aborted (bot.stop()) -> stop waiting
      });
    }
    return this.queue.slice(0, limit);
  }

  // ------------------------------------------------------------------ faults / state
  /** Make the next `times` calls of `method` (optionally matching payload) fail. */
  failNext(method: string, error: ApiError, opts: { times?: number; match?: Fault['match'] } = {}): void {
    this.faults.push({ method, ...error, times: opts.times ?? 1, ...(opts.match ? { match: opts.match } : {}) });
  }
  blockChat(chatId: number, description = 'Forbidden: bot was blocked by the user'): void {
    this.blockedChats.set(chatId, description);
  }
  setChatMember(chatId: number, member: ChatMember): void {
    this.chatMembers.set(`${chatId}:${member.user.id}`, member);
  }

  // ------------------------------------------------------------------ waiting / inspection
  /** Current position in the call log; pass as `after` to only look at later calls. */
  mark(): number {
    return this.calls.length;
  }
  callsOf(method: string, after = 0): RecordedCall[] {
    return this.calls.slice(after).filter((c) => c.method === method);
  }
  /** Resolve with the first (already answered) call matching method+predicate at index >= after. */
  waitForCall(
    method: string,
    pred: (payload: Record<string, any>) => boolean = () => true,
    { after = 0, timeoutMs = 2000 }: { after?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall> {
    const find = () => this.calls.slice(after).find((c) => c.method === method && c.response && pred(c.payload));
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const onCall = () => {
        const h = find();
        if (h) {
          cleanup();
          resolve(h);
        }
      };
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`timeout after ${timeoutMs}ms waiting for ${method}; saw: ${this.calls.slice(after).map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(t);
        this.off('call', onCall);
      };
      this.on('call', onCall);
    });
  }
  /**
   * Polling mode: resolves once every queued update has been confirmed (grammY only sends the
   * next getUpdates with offset=last+1 after its middleware finished the batch) and no other
   * API request is in flight. Event-driven, no sleeps.
   */
  idle(timeoutMs = 2000): Promise<void> {
    const ok = () => this.queue.length === 0 && this.inFlight === 0;
    if (ok()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (ok()) {
          cleanup();
          resolve();
        }
      };
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`harness not idle after ${timeoutMs}ms (queue=${this.queue.length}, inFlight=${this.inFlight})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(t);
        this.off('confirmed', check);
        this.off('call', check);
      };
      this.on('confirmed', check);
      this.on('call', check);
    });
  }
  private inFlight = 0;

  /** Bot message as the emulator stored it (text, reply_markup, ...), by message_id. */
  storedBotMessage(messageId: number): Record<string, any> | undefined {
    return this.server.storage.botMessages.find((m) => m.messageId === messageId)?.message as any;
  }

  // ------------------------------------------------------------------ request routing
  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    const { token, method } = req.params as { token: string; method: string };
    const payload: Record<string, any> = { ...(req.query as object), ...(req.body ?? {}) };
    const call: RecordedCall = { seq: this.calls.length, method, payload };
    this.calls.push(call);
    const counted = method !== 'getUpdates';
    if (counted) this.inFlight++;
    const reply = (body: NonNullable<RecordedCall['response']>) => {
      call.response = body;
      if (counted) this.inFlight--;
      res.status(body.ok ? 200 : body.error_code ?? 400).json(body);
      this.emit('call', call);
    };
    if (token !== this.token) return reply({ ok: false, error_code: 401, description: 'Unauthorized' });
    const fault = this.faults.find((f) => f.method === method && (!f.match || f.match(payload)));
    if (fault) {
      if (--fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      const { error_code, description, parameters } = fault;
      return reply({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) });
    }
    const impl = this.impl[method];
    if (impl) {
      try {
        return reply({ ok: true, result: await impl(payload, res) });
      } catch (e) {
        if (e instanceof ApiErrorThrown) return reply({ ok: false, ...e.body });
        return reply({ ok: false, error_code: 400, description: `Bad Request: harness error ${String(e)}` });
      }
    }
    if ((PACKAGE_METHODS as readonly string[]).includes(method)) {
      // pass through to the emulator, capturing its response
      const json = res.json.bind(res);
      res.json = (body: any) => {
        call.response = body;
        if (counted) this.inFlight--;
        const r = json(body);
        this.emit('call', call);
        return r;
      };
      return next();
    }
    // The emulator would answer HTTP 500 {message:"API method ... is not supported"}, which grammY
    // turns into GrammyError(undefined: undefined). Answer like Telegram does for unknown methods.
    return reply({ ok: false, error_code: 404, description: `Not Found: method '${method}' is not emulated by the harness` });
  }

  // ------------------------------------------------------------------ emulated methods
  private chatOf(chatId: number | string): Chat {
    const id = Number(chatId);
    const known = this.chats.get(id);
    if (known) return known;
    if (id > 0) return { id, type: 'private', first_name: 'TestName' } as Chat;
    if (String(chatId).startsWith('-100')) return { id, type: 'supergroup', title: `Chat ${id}` } as Chat;
    return { id, type: 'group', title: `Chat ${id}` } as Chat;
  }
  private get botUser(): User {
    const { id, is_bot, first_name, username } = this.botInfo;
    return { id, is_bot, first_name, username };
  }
  private findBotMessage(chatId: unknown, messageId: unknown) {
    return this.server.storage.botMessages.find(
      (m) => String(m.messageId) === String(messageId) && String(m.message.chat_id) === String(chatId),
    );
  }
  private toMessage(messageId: number, body: Record<string, any>): Message {
    const kb = body.reply_markup && 'inline_keyboard' in body.reply_markup ? body.reply_markup : undefined;
    return {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: this.chatOf(body.chat_id),
      from: this.botUser,
      text: body.text,
      ...(body.entities ? { entities: body.entities } : {}),
      ...(kb ? { reply_markup: kb } : {}),
    } as Message;
  }
  private static parseJsonFields(p: Record<string, any>): Record<string, any> {
    for (const k of ['reply_markup', 'entities', 'commands', 'scope', 'results']) {
      if (typeof p[k] === 'string') p[k] = JSON.parse(p[k]);
    }
    return p;
  }
  private static fail(error_code: number, description: string): never {
    throw new ApiErrorThrown({ error_code, description });
  }

  private buildImpl(): Record<string, Impl> {
    const H = TelegramHarness;
    return {
      getMe: () => this.botInfo, // emulator's getMe lacks is_bot/can_join_groups/... and has id 666
      getUpdates: (p, res) => this.getUpdates(p, res),
      getWebhookInfo: () => ({ url: '', has_custom_certificate: false, pending_update_count: this.queue.length }),
      sendMessage: async (p) => {
        H.parseJsonFields(p);
        if (p.text === undefined || p.text === '') H.fail(400, 'Bad Request: message text is empty');
        const blocked = this.blockedChats.get(Number(p.chat_id));
        if (blocked) H.fail(403, blocked);
        const migrated = this.migratedChats.get(Number(p.chat_id));
        if (migrated !== undefined) throw new ApiErrorThrown({ error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: migrated } });
        const limited = this.limitBreach(Number(p.chat_id));
        if (limited !== undefined) throw new ApiErrorThrown({ error_code: 429, description: `Too Many Requests: retry after ${limited}`, parameters: { retry_after: limited } });
        if (this.sendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sendDelayMs));
        // store through the emulator so client.getUpdates()/getUpdatesHistory() see it
        const stored = this.server.addBotMessage({ ...p } as any, this.token);
        return this.toMessage(stored.message_id, p);
      },
      editMessageText: (p) => {
        H.parseJsonFields(p);
        if (p.inline_message_id) return true;
        const m = this.findBotMessage(p.chat_id, p.message_id);
        if (!m) return H.fail(400, 'Bad Request: message to edit not found');
        const prev = m.message as Record<string, any>;
        if (prev.text === p.text && JSON.stringify(prev.reply_markup) === JSON.stringify(p.reply_markup))
          H.fail(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        // Telegram drops the inline keyboard when editMessageText has no reply_markup; the emulator keeps it.
        const { message_id: _mid, ...rest } = p;
        m.message = { ...rest, chat_id: prev.chat_id } as any;
        this.server.emit('EditedMessageText');
        return this.toMessage(m.messageId, m.message as any);
      },
      answerCallbackQuery: (p) => {
        if (!p.callback_query_id) H.fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        return true; // emulator returns null and records nothing; the call log has text/show_alert
      },
      answerInlineQuery: (p) => {
        H.parseJsonFields(p);
        if (!Array.isArray(p.results)) H.fail(400, 'Bad Request: results must be an array');
        return true;
      },
      setMyCommands: (p) => {
        H.parseJsonFields(p);
        this.commands.set(JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']), p.commands);
        return true;
      },
      getMyCommands: (p) => {
        H.parseJsonFields(p);
        return this.commands.get(JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? ''])) ?? [];
      },
      deleteMyCommands: (p) => {
        H.parseJsonFields(p);
        this.commands.delete(JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']));
        return true;
      },
      getChatMember: (p) => {
        const named = this.namedChats.get(String(p.chat_id));
        if (named) p.chat_id = named.id;
        const hit = this.chatMembers.get(`${Number(p.chat_id)}:${Number(p.user_id)}`);
        if (hit) return hit;
        if (Number(p.user_id) === this.botInfo.id) return { status: 'member', user: this.botUser };
        H.fail(400, 'Bad Request: PARTICIPANT_ID_INVALID');
      },
      getChat: (p) => {
        const named = this.namedChats.get(String(p.chat_id));
        if (named) return named;
        if (Number.isNaN(Number(p.chat_id))) H.fail(400, 'Bad Request: chat not found');
        return this.chatOf(p.chat_id);
      },
      sendChatAction: () => true,
      leaveChat: () => true,
    };
  }
}

// ------------------------------------------------------------------ update builders
let builderMsgId = 1_000_000;
export const user = (id = 1, first_name = 'TestName'): User => ({ id, is_bot: false, first_name, username: `user${id}` });
export const updates = {
  inlineQuery: (query: string, from = user()): Omit<Update, 'update_id'> => ({
    inline_query: { id: String(++builderMsgId), from, query, offset: '', chat_type: 'sender' },
  }),
  myChatMember: (chat: Chat, botUser: User, from = user(), status: 'member' | 'administrator' | 'left' | 'kicked' = 'member'): Omit<Update, 'update_id'> => ({
    my_chat_member: {
      chat, from, date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: 'left', user: botUser },
      new_chat_member: status === 'administrator'
        ? ({ status, user: botUser, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: false, can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false } as ChatMember)
        : ({ status, user: botUser } as ChatMember),
    } as any,
  }),
  channelPost: (chatId: number, text: string): Omit<Update, 'update_id'> => ({
    channel_post: {
      message_id: ++builderMsgId, date: Math.floor(Date.now() / 1000), text,
      chat: { id: chatId, type: 'channel', title: 'Test channel' },
      sender_chat: { id: chatId, type: 'channel', title: 'Test channel' },
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/[\s@]/)[0]!.length }] } : {}),
    } as any,
  }),
  groupMessage: (chatId: number, text: string, from = user()): Omit<Update, 'update_id'> => ({
    message: {
      message_id: ++builderMsgId, date: Math.floor(Date.now() / 1000), text, from,
      chat: { id: chatId, type: chatId < -1e12 ? 'supergroup' : 'group', title: 'Test group' },
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/[\s@]/)[0]!.length }] } : {}),
    } as any,
  }),
};
