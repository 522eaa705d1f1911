import { IsoDate } from '../../domain/ids.ts';

/**
 * A date as typed in three boxes (day, month, year), kept as typed (a draft may hold half a
 * date) and turned into YYYY-MM-DD only when it is a real date. Pure.
 */
export type DateParts = { day: string; month: string; year: string };

export const noDate: DateParts = { day: '', month: '', year: '' };

/** Kept in a draft as "year-month-day", as typed (not padded, may be incomplete). */
export function partsToText(parts: DateParts): string {
  return parts.day.trim() === '' && parts.month.trim() === '' && parts.year.trim() === '' ? '' : `${parts.year}-${parts.month}-${parts.day}`;
}

export function textToParts(text: string | undefined): DateParts {
  const match = /^([^-]*)-([^-]*)-([^-]*)$/.exec(text ?? '');
  return match ? { year: match[1]!, month: match[2]!, day: match[3]! } : noDate;
}

export type DateReading = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'notReal' };

/** Empty, a real calendar date (as YYYY-MM-DD), or not a real date. */
export function readDate(parts: DateParts): DateReading {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (day === '' && month === '' && year === '') return { kind: 'empty' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { kind: 'notReal' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return IsoDate.safeParse(iso).success ? { kind: 'date', iso } : { kind: 'notReal' };
}
