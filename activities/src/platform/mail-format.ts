// Dates in mail are read by people, in a mail client, anywhere: spelled out in English with the time zone named
// (UTC; the mail cannot know the reader's), never ISO 8601.
const MAIL_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** "Tuesday 2 December 2025, 14:03 UTC". */
export function formatMailDate(date: Date | string): string {
  const parts = Object.fromEntries(MAIL_DATE.formatToParts(new Date(date)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} UTC`;
}
