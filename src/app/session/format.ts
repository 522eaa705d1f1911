/**
 * Dates, waits and ages in the reader's language, with the browser's own rules (Intl), so that
 * plurals come out right in Welsh as well as English without a string per number.
 */
export function localeTag(language: string | undefined): string {
  return language === 'cy' ? 'cy-GB' : 'en-GB';
}

/** A calendar date (YYYY-MM-DD) or an instant, as "3 March 2027" / "3 Mawrth 2027". */
export function formatDate(value: string, language: string | undefined): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined;
  return new Intl.DateTimeFormat(localeTag(language), { day: 'numeric', month: 'long', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** A wait, as "30 seconds" or "5 minutes" (rounded up, never "0"). */
export function formatWait(ms: number, language: string | undefined): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const [value, unit] = seconds < 120 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(localeTag(language), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** An age, as "2 days ago" / "2 ddiwrnod yn ôl". */
export function formatAgo(count: number, unit: 'minute' | 'hour' | 'day', language: string | undefined): string {
  return new Intl.RelativeTimeFormat(localeTag(language), { numeric: 'always' }).format(-count, unit);
}
