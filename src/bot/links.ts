/** The deep link that opens one event in the bot: t.me/<bot>?start=e_<id>. */
export const eventLink = (botUsername: string) => (eventId: string): string => `https://t.me/${botUsername}?start=e_${eventId}`;
