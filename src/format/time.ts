import type { PluralPatterns, TimeUnit } from './locale-data.ts';
import { localeData } from './locales.ts';
import { numberParts } from './number.ts';
import { pluralCategory } from './plural.ts';

/** Fills a CLDR pattern ("{0} diwrnod yn ôl") with a number, picking the message for its plural category. */
function fill(patterns: PluralPatterns, count: number, lang: string | undefined): string {
  const { text, plain } = numberParts(count, lang);
  const pattern = patterns[pluralCategory(plain, lang)] ?? patterns.other;
  return pattern.replace('{0}', text);
}

/** A length of time: formatDuration(30, 'second', 'cy') → "30 eiliad"; (2, 'day', 'cy') → "2 ddiwrnod". */
export function formatDuration(count: number, unit: TimeUnit, lang: string | undefined): string {
  return fill(localeData(lang).duration[unit], count, lang);
}

/** "in 3 weeks" / "3 weeks ago", always as a number (CLDR's relative-time patterns). */
export function formatRelativeTime(count: number, unit: TimeUnit, direction: 'future' | 'past', lang: string | undefined): string {
  return fill(localeData(lang).relative[unit][direction], Math.abs(count), lang);
}

/** How long ago, always as a number: formatAgo(2, 'day', 'en') → "2 days ago"; 'cy' → "2 ddiwrnod yn ôl". */
export function formatAgo(count: number, unit: TimeUnit, lang: string | undefined): string {
  return formatRelativeTime(count, unit, 'past', lang);
}

/**
 * A wait, as "30 seconds" or "5 minutes": whole seconds, rounded up and never "0", up to two
 * minutes; then whole minutes, rounded up (nobody is told to wait less than they must).
 */
export function formatWait(ms: number, lang: string | undefined): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? formatDuration(seconds, 'second', lang) : formatDuration(Math.ceil(seconds / 60), 'minute', lang);
}
