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
}

export type ChronicleContext = Context;
