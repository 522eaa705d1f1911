/**
 * The shape of one language's formatting data. The data itself is generated from CLDR by
 * `npm run cldr` (src/build/cldr-extract.ts) into `src/format/data/<lang>.ts`; nothing here is
 * typed by hand.
 */

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

export const timeUnits = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type TimeUnit = (typeof timeUnits)[number];

/** One message per plural category, as CLDR gives it. `other` is always there; a missing one falls back to it. */
export type PluralPatterns = Partial<Record<PluralCategory, string>> & { other: string };

/** A piece of a date pattern: a field (day of month, month name, year) or literal text. */
export type DatePart = 'day' | 'month' | 'year' | { text: string };

export type LocaleData = {
  /** The CLDR locale the data was taken from (`en-GB` for English). */
  cldrLocale: string;
  /** Month names, January first, in the form used inside a date ("format" context, wide). */
  months: readonly string[];
  /** CLDR's long date pattern ("d MMMM y"), taken apart. */
  longDate: readonly DatePart[];
  /** Words for days near today, by offset in days: "-1" yesterday, "0" today, "1" tomorrow (only those CLDR has). */
  dayWords: Readonly<Record<string, string>>;
  /** "in {0} days" / "{0} days ago", per unit and plural category. */
  relative: Readonly<Record<TimeUnit, { future: PluralPatterns; past: PluralPatterns }>>;
  /** "{0} seconds", per unit and plural category (long form). */
  duration: Readonly<Record<TimeUnit, PluralPatterns>>;
  /** Decimal number symbols and grouping, from CLDR's standard decimal pattern ("#,##0.###"). */
  number: {
    decimal: string;
    group: string;
    minus: string;
    infinity: string;
    nan: string;
    /** Digits in the group next to the decimal point, and in every group before it. */
    primaryGroup: number;
    secondaryGroup: number;
    /** No grouping unless the integer part has at least primaryGroup + this many digits. */
    minimumGroupingDigits: number;
    maxFractionDigits: number;
  };
};
