import { daysBetween, formatDate, formatNumber, londonOffsetMs, todayInLondon } from '../../format/index.ts';

/** The UK calendar date of an instant ("2026-06-01"), for day counts. */
export function londonDay(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? instant.slice(0, 10) : todayInLondon(ms);
}

/** Whole days since an instant, counted in UK calendar days (0 on the same day). */
export function ageInDays(instant: string, now: number = Date.now()): number {
  return Math.max(0, daysBetween(londonDay(instant), todayInLondon(now)) ?? 0);
}

/** "14:05": the time of day in the UK, 24-hour (the same digits in English and Welsh). */
export function londonTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  const local = new Date(ms + londonOffsetMs(ms));
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** "1 June 2026, 14:05" / "1 Mehefin 2026, 14:05". */
export function formatDateTime(instant: string, lang: string): string {
  return `${formatDate(instant, lang)}, ${londonTime(instant)}`;
}

export { formatDate, formatNumber };
