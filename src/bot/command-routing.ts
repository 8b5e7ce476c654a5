import { Composer, type Context, type Middleware, type MiddlewareFn } from 'grammy';
import type { ChronicleContext } from './context.js';

type CommandArguments = Parameters<Composer<ChronicleContext>['command']>;
type CommandBranch = ReturnType<Composer<ChronicleContext>['command']>;

interface Registration {
  readonly middleware: Middleware<ChronicleContext>[];
  /** Set for a `command()` registration: its names and the Composer holding its handlers. */
  readonly command?: { readonly names: readonly string[]; readonly branch: CommandBranch };
}

/**
 * A feature's middleware. It keeps its registrations in order, so that a command can be routed
 * to its handler with exactly what grammY would run around it: a command registered after
 * anything other than commands is routed to the whole feature instead.
 */
export class FeatureComposer extends Composer<ChronicleContext> {
  private readonly registrations: Registration[] = [];
  private registering: Registration['command'] | 'command' | undefined;

  override use(...middleware: Middleware<ChronicleContext>[]): Composer<ChronicleContext> {
    const command = this.registering === 'command' ? undefined : this.registering;
    this.registrations.push({ middleware, ...(command ? { command } : {}) });
    return super.use(...middleware);
  }

  override command(...args: CommandArguments): CommandBranch {
    const [names] = args;
    // grammY's command() ends in one use() call: the registration it makes is recorded as this command's.
    this.registering = 'command';
    const branch = super.command(...args);
    this.registering = undefined;
    const registration = this.registrations.at(-1);
    if (registration) this.registrations[this.registrations.length - 1] = { ...registration, command: { names: Array.isArray(names) ? names : [names], branch } };
    return branch;
  }

  /** For each command this feature can hand straight to its handler: the handler, and what runs when it calls next. */
  directRoutes(): Map<string, { handler: MiddlewareFn<ChronicleContext>; restOfFeature: Middleware<ChronicleContext>[] }> {
    const routes = new Map<string, { handler: MiddlewareFn<ChronicleContext>; restOfFeature: Middleware<ChronicleContext>[] }>();
    const seen = new Set<string>();
    for (const [index, registration] of this.registrations.entries()) {
      if (!registration.command) break;
      for (const name of registration.command.names) {
        if (seen.has(name)) continue;
        seen.add(name);
        const branch = registration.command.branch as unknown as Composer<ChronicleContext>;
        routes.set(name, { handler: (ctx, next) => branch.middleware()(ctx, next), restOfFeature: this.registrations.slice(index + 1).flatMap((r) => r.middleware) });
      }
    }
    return routes;
  }

  /** Every command this feature registers, wherever it registers it. */
  commands(): Set<string> {
    return new Set(this.registrations.flatMap((r) => r.command?.names ?? []));
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
 * Runs the features in order, as a Composer of them would, except that a known command starts at
 * the feature that registered it: straight at its handler (with `ctx.match` set as grammY sets
 * it) when nothing but commands comes before it in its feature, else at the start of the feature.
 * grammY builds a Composer per filter per update, and a command would otherwise pass every
 * feature's filters first. Features before that one are skipped, so a feature's middleware other
 * than its commands may act on its own commands but must leave other features' commands alone
 * (plain-text handlers skip text starting with "/"). Commands of features after a plain Composer
 * are not routed. A routed command is known in any case (`/Topic` is /topic), where grammY's are
 * case-sensitive: so a command that starts at the top of its feature must be typed in its own case.
 */
export function routeCommands(features: readonly Composer<ChronicleContext>[]): MiddlewareFn<ChronicleContext> {
  const everyFeature = new Composer(...features).middleware();
  const routes = new Map<string, MiddlewareFn<ChronicleContext>>();
  for (const [index, feature] of features.entries()) {
    if (!(feature instanceof FeatureComposer)) break;
    const direct = feature.directRoutes();
    const laterFeatures = features.slice(index + 1);
    for (const name of feature.commands()) {
      const key = name.toLowerCase();
      if (routes.has(key)) continue;
      const route = direct.get(name);
      if (!route) {
        routes.set(key, new Composer(...features.slice(index)).middleware());
        continue;
      }
      const afterHandler = new Composer(...route.restOfFeature, ...laterFeatures).middleware();
      routes.set(key, (ctx, next) => route.handler(ctx, () => afterHandler(ctx, next) as Promise<void>));
    }
  }
  return (ctx, next) => {
    const found = commandOf(ctx);
    // `/Topic`, as a phone's keyboard capitalises it, is /topic.
    const route = found && routes.get(found.command.toLowerCase());
    if (!found || !route) return everyFeature(ctx, next);
    ctx.match = found.match;
    return route(ctx, next);
  };
}
