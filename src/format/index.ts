/**
 * Every date, number and plural the product shows goes through here (the app, the staff console
 * and the prerendered family pages alike), with CLDR's data for each language shipped with the
 * code, so that nothing depends on the locale data a browser has. See NOTES.md.
 */
export { daysBetween, formatDate, formatRelativeDays, londonOffsetMs, parseIsoDate, todayInLondon } from './date.ts';
export { isLocaleLoaded, loadLocale } from './locales.ts';
export type { PluralCategory, TimeUnit } from './locale-data.ts';
export { formatNumber } from './number.ts';
export { pluralCategories, pluralCategory } from './plural.ts';
export { installPluralRules } from './plural-rules.ts';
export { formatAgo, formatDuration, formatRelativeTime, formatWait } from './time.ts';
