import { Composer, type Context, type Middleware, type MiddlewareFn } from 'grammy';
import type { ChronicleContext } from './context.js';

type CommandArguments = Parameters<Composer<ChronicleContext>['command']>;

/** A feature's middleware, which also keeps its command handlers so that commands can be routed to them. */
export class FeatureComposer extends Composer<ChronicleContext> {
  readonly commandHandlers = new Map<string, MiddlewareFn<ChronicleContext>>();

  override command(...args: CommandArguments): ReturnType<Composer<ChronicleContext>['command']> {
    const [names, ...middleware] = args;
    const handler = new Composer(...(middleware as Middleware<ChronicleContext>[])).middleware();
    for (const name of Array.isArray(names) ? names : [names]) if (!this.commandHandlers.has(name)) this.commandHandlers.set(name, handler);
    return super.command(...args);
  }
}

/** The command a message starts with and its argument (`/week@thisbot 2025-W03` → `week`, `2025-W03`), unless it is addressed to another bot. */
export function commandOf(ctx: Context): { command: string; match: string } | undefined {
  const message = ctx.message ?? ctx.channelPost;
  const text = message?.text;
  const entity = message?.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (text === undefined || entity === undefined) return undefined;
  const match = text.slice(entity.length).trimStart();
  const command = text.slice(1, entity.length);
  const at = command.indexOf('@');
  if (at === -1) return { command, match };
  return command.slice(at + 1).toLowerCase() === ctx.me.username.toLowerCase() ? { command: command.slice(0, at), match } : undefined;
}

/**
 * Runs the features in order, as a Composer of them would, except that a known command goes
 * straight to the handler of the first feature that registered it, with `ctx.match` set as
 * grammY's `command` sets it. grammY builds a Composer per filter per update; a command update
 * would otherwise pass every feature's filters first. A handler that calls `next` goes on to the
 * features after its own. Features before it must not act on command messages (none does: plain
 * text handlers leave text starting with "/" alone).
 */
export function routeCommands(features: readonly Composer<ChronicleContext>[]): MiddlewareFn<ChronicleContext> {
  const everyFeature = new Composer(...features).middleware();
  const routes = new Map<string, { handler: MiddlewareFn<ChronicleContext>; rest: MiddlewareFn<ChronicleContext> }>();
  features.forEach((feature, index) => {
    if (!(feature instanceof FeatureComposer)) return;
    const rest = new Composer(...features.slice(index + 1)).middleware();
    for (const [name, handler] of feature.commandHandlers) if (!routes.has(name)) routes.set(name, { handler, rest });
  });
  return (ctx, next) => {
    const found = commandOf(ctx);
    const route = found && routes.get(found.command);
    if (!found || !route) return everyFeature(ctx, next);
    ctx.match = found.match;
    return route.handler(ctx, async () => { await route.rest(ctx, next); });
  };
}
