import { daysBetween, formatDate, formatDuration, formatRelativeDays, formatRelativeTime, type TimeUnit } from '../../format/index.ts';

/**
 * How far off a date is, in words a person can take in at a glance: days when it is near
 * ("in 26 days", "tomorrow", "3 days ago"), months within two years ("in 5 months"), then years.
 * The date itself is always shown beside it, so "about" is enough. All words come from src/format.
 */

const monthDays = 30.44;

/** The unit and count for a span of days: days under 45, months under 24, then whole years. */
export function roughSpan(days: number): { count: number; unit: TimeUnit } {
  const abs = Math.abs(days);
  if (abs < 45) return { count: abs, unit: 'day' };
  const months = Math.round(abs / monthDays);
  if (months < 24) return { count: months, unit: 'month' };
  return { count: Math.floor(abs / 365.25), unit: 'year' };
}

/** "in 26 days", "in 5 months", "2 years ago"; "" for a date that is not a date. */
export function countdown(date: string, today: string, lng: string | undefined): string {
  const days = daysBetween(today, date);
  if (days === undefined) return '';
  const { count, unit } = roughSpan(days);
  if (unit === 'day') return formatRelativeDays(date, today, lng);
  return formatRelativeTime(count, unit, days > 0 ? 'future' : 'past', lng);
}

/** How long something has looked late: "6 months", "12 days". */
export function spanWords(days: number, lng: string | undefined): string {
  const { count, unit } = roughSpan(days);
  return formatDuration(Math.max(1, count), unit, lng);
}

/** "1 June 2026 (in 26 days)": a date with its countdown. */
export function dateWithCountdown(date: string, today: string, lng: string | undefined): { date: string; countdown: string } {
  return { date: formatDate(date, lng), countdown: countdown(date, today, lng) };
}
