import type { Context } from 'grammy';
import type { Config } from '../config.js';
import type { EventStore } from '../store/event-store.js';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What every feature needs, passed in explicitly. */
export interface BotDependencies {
  readonly store: EventStore;
  readonly config: Pick<Config, 'TZ'>;
  readonly logger: Logger;
  /** The current instant; tests pass a fixed clock. */
  readonly now: () => Date;
  /** A chat's own time zone (a subscription's setting), when it has one; else `config.TZ`. */
  readonly chatTimeZone?: (chatId: number) => string | undefined;
}

/** The time zone "today" means in this chat. */
export function timeZoneOf(ctx: Context, deps: BotDependencies): string {
  return (ctx.chat && deps.chatTimeZone?.(ctx.chat.id)) ?? deps.config.TZ;
}

export type ChronicleContext = Context;
