import { localeData } from './locales.ts';
import { formatRelativeTime } from './time.ts';

/**
 * Dates, with no time-zone data from the device.
 *
 * A calendar date ("2026-06-01": a review, a release date) is a day, not a moment: it is shown as
 * it is written, whatever the device's zone. An instant ("2026-06-01T23:30:00Z": when a plan was
 * changed) is shown as its date in the UK (Europe/London), worked out here from the UK's summer
 * time rule, because the people, the prisons and the plans are in England and Wales: a kiosk set
 * to UTC, or a family member's phone abroad, shows the same day as the prison's own papers.
 */

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

type CalendarDate = { year: number; month: number; day: number };

/** "2026-06-01" → its parts, or undefined when it is not a real date (2026-02-30). */
export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** 01:00 UTC on the last Sunday of a month (month 1–12): when UK clocks change. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0, 1));
  return last.getTime() - last.getUTCDay() * dayMs;
}

/**
 * The UK's offset from UTC at an instant: one hour (British Summer Time) from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October, else none (the Summer Time
 * Order 2002; the same rule has held since 1996, which is older than any date the app shows).
 */
export function londonOffsetMs(instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  return instant >= lastSundayAtOneUtc(year, 3) && instant < lastSundayAtOneUtc(year, 10) ? hourMs : 0;
}

/** The date in the UK at an instant (ms since 1970). */
function londonDate(instant: number): CalendarDate {
  const local = new Date(instant + londonOffsetMs(instant));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Today's date in the UK, as "2026-06-01" (for formatRelativeDays). */
export function todayInLondon(now: number = Date.now()): string {
  const { year, month, day } = londonDate(now);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function toCalendarDate(value: string): CalendarDate | undefined {
  if (isoDatePattern.test(value)) return parseIsoDate(value);
  // An instant must say its offset ("Z" or "+01:00"): without one, Date.parse would read it in the device's zone.
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}(:?\d{2})?)$/.test(value)) return undefined;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : londonDate(instant);
}

/**
 * A calendar date or an instant as the language writes a date in full: "1 June 2026",
 * "1 Mehefin 2026" (CLDR's long date pattern). Anything that is not a date is given back as it is,
 * so a damaged value shows, rather than breaking the page.
 */
export function formatDate(value: string, lang: string | undefined): string {
  const date = toCalendarDate(value);
  if (!date) return value;
  const data = localeData(lang);
  return data.longDate
    .map((part) => {
      if (part === 'day') return String(date.day);
      if (part === 'month') return data.months[date.month - 1] ?? '';
      if (part === 'year') return String(date.year);
      return part.text;
    })
    .join('');
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number | undefined {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return undefined;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / dayMs);
}

/**
 * How far a date is from today, in days: "in 26 days" / "ymhen 26 diwrnod", "26 days ago",
 * and CLDR's own words where it has them ("today", "tomorrow", "yesterday"; Welsh also "echdoe",
 * "drennydd"). Both dates are calendar dates (see todayInLondon). A bad date is given back as it is.
 */
export function formatRelativeDays(targetIsoDate: string, todayIsoDate: string, lang: string | undefined): string {
  const days = daysBetween(todayIsoDate, targetIsoDate);
  if (days === undefined) return targetIsoDate;
  const word = localeData(lang).dayWords[String(days)];
  if (word !== undefined) return word;
  return formatRelativeTime(days, 'day', days > 0 ? 'future' : 'past', lang);
}

