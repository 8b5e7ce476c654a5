import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../bot/context.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { Broadcaster, DrainReport } from './broadcaster.js';
import { planDeliveries } from './plan-deliveries.js';

/** Every minute: decide what is due (each subscription in its own time zone), then send it. */
export const DELIVERY_CRON = '* * * * *';
/** Every five minutes: look for new or changed documents in the data directory. */
export const RESCAN_CRON = '*/5 * * * *';

export interface SchedulerOptions {
  readonly subscriptions: SubscriptionStore;
  readonly broadcaster: Broadcaster;
  readonly logger: Logger;
  /** The injected clock: tests drive the schedule in simulated time. */
  readonly now: () => Date;
  /** Re-reads the data directory (changes only). */
  readonly rescan?: () => Promise<void> | void;
  /** Is the process that claimed a delivery still alive? (A hard-killed one is not.) */
  readonly isAlive?: (owner: number) => boolean;
}

export interface TickReport {
  readonly decided: number;
  readonly drained?: DrainReport;
}

/** Is the process that claimed a delivery still running? This process's own pid counts as gone: it claims nothing before it starts (and in a container every run is pid 1). */
export const processIsAlive = (pid: number): boolean => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
};

/**
 * The delivery schedule. `start()` ticks with node-cron in real time; `runUntil()` walks simulated
 * time minute by minute and ticks wherever the same cron expressions match.
 */
export function createScheduler(options: SchedulerOptions) {
  const { subscriptions, broadcaster, logger, now } = options;
  const deliveryTask: ScheduledTask = cron.createTask(DELIVERY_CRON, () => tick(now()));
  const rescanTask: ScheduledTask = cron.createTask(RESCAN_CRON, () => rescan());
  let draining: Promise<DrainReport> | undefined;

  async function rescan(): Promise<void> {
    try {
      await options.rescan?.();
    } catch (error) {
      logger.error('rescan of the data directory failed', { error: String(error) });
    }
  }

  /** One run: record what is due, then send (unless a previous run is still sending). One try per run. */
  async function tick(at: Date): Promise<TickReport> {
    try {
      const decisions = planDeliveries(subscriptions.listActiveSubscriptions(), at, (chatId, kind, period) => subscriptions.hasDelivery(chatId, kind, period));
      const decided = subscriptions.recordDecisions(decisions, at);
      if (draining) return { decided };
      draining = broadcaster.drain();
      try {
        const drained = await draining;
        if (drained.messages + drained.skipped + drained.failed + drained.paused > 0) logger.info('broadcast', { ...drained });
        return { decided, drained };
      } finally {
        draining = undefined;
      }
    } catch (error) {
      logger.error('scheduled run failed', { error: String(error instanceof Error ? error.stack : error) });
      return { decided: 0 };
    }
  }

  return {
    /** Picks up deliveries a killed process left half-sent, then ticks every minute in real time. */
    start(): void {
      const released = subscriptions.releaseAbandonedDeliveries(options.isAlive ?? processIsAlive, now());
      if (released > 0) logger.warn('resuming deliveries interrupted by a crash', { released });
      deliveryTask.start();
      rescanTask.start();
      void tick(now());
    },
    /**
     * Stops ticking and claiming, and waits at most `graceMs` for the messages already on their way
     * to be recorded (the ledger resumes the rest; keep it under the container's stop timeout).
     */
    async stop(graceMs = 8_000): Promise<void> {
      await deliveryTask.stop();
      await rescanTask.stop();
      broadcaster.stop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([draining, new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
      clearTimeout(timer);
    },
    tick,
    /** Simulated time: ticks at every minute after `from` up to `to` where the cron expressions match. */
    async runUntil(from: Date, to: Date, setClock: (instant: Date) => void): Promise<void> {
      const start = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000;
      for (let minute = start; minute <= to.getTime(); minute += 60_000) {
        const instant = new Date(minute);
        setClock(instant);
        if (rescanTask.match(instant)) await rescan();
        if (deliveryTask.match(instant)) await tick(instant);
      }
      setClock(to);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
