/** Telegram's broadcast limits: ~30 messages/s overall, 1/s per private chat, 20/min per group or channel. */
export interface SendLimits {
  readonly perSecond: number;
  readonly privateChatIntervalMs: number;
  readonly groupChatIntervalMs: number;
}

export const TELEGRAM_LIMITS: SendLimits = { perSecond: 30, privateChatIntervalMs: 1_000, groupChatIntervalMs: 3_000 };

export interface SendLimiter {
  /** Resolves when a message to this chat may go out, and reserves that slot. */
  acquire(chatId: number, isGroupOrChannel: boolean): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces messages so that no limit is crossed: a chat's own spacing first (without holding a
 * global slot meanwhile), then the next free global slot.
 */
export function createSendLimiter(limits: SendLimits, clock: { now: () => number; sleep: (ms: number) => Promise<void> } = { now: () => performance.now(), sleep: realSleep }): SendLimiter {
  const globalInterval = 1_000 / limits.perSecond;
  let nextGlobalSlot = 0;
  const nextChatSlot = new Map<number, number>();
  return {
    async acquire(chatId, isGroupOrChannel) {
      const chatReady = nextChatSlot.get(chatId) ?? 0;
      if (chatReady > clock.now()) await clock.sleep(chatReady - clock.now());
      const slot = Math.max(clock.now(), nextGlobalSlot);
      nextGlobalSlot = slot + globalInterval;
      nextChatSlot.set(chatId, slot + (isGroupOrChannel ? limits.groupChatIntervalMs : limits.privateChatIntervalMs));
      if (nextChatSlot.size > 50_000) for (const [id, at] of nextChatSlot) if (at < clock.now()) nextChatSlot.delete(id);
      const wait = slot - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
  };
}
