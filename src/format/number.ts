import { localeData } from './locales.ts';

/**
 * A number as the language writes it, with CLDR's symbols and grouping: 85000 → "85,000",
 * 1234.5 → "1,234.5", at most the fraction digits of CLDR's standard pattern (3), rounded half
 * away from zero, as Intl.NumberFormat does.
 */
export function formatNumber(n: number, lang: string | undefined): string {
  return numberParts(n, lang).text;
}

/**
 * The number as shown, and the same digits with no grouping and "." for the decimal point (what
 * the plural rules read: "1.5", so that "1.5 days" is not taken for "1 day").
 */
export function numberParts(n: number, lang: string | undefined): { text: string; plain: string } {
  const symbols = localeData(lang).number;
  if (Number.isNaN(n)) return { text: symbols.nan, plain: 'NaN' };
  const negative = n < 0 || Object.is(n, -0);
  const sign = negative ? symbols.minus : '';
  const abs = Math.abs(n);
  if (abs === Infinity) return { text: sign + symbols.infinity, plain: 'Infinity' };
  // toFixed rounds the exact value of the double half up, as Intl's default (halfExpand) does for
  // a positive number; from 1e21 it would switch to exponent form, so whole numbers go by BigInt.
  let plain = abs >= 1e21 ? BigInt(Math.round(abs)).toString() : abs.toFixed(symbols.maxFractionDigits);
  if (plain.includes('.')) plain = plain.replace(/\.?0+$/, '');
  const [integer = '', fraction] = plain.split('.');
  return { text: sign + group(integer, symbols) + (fraction ? symbols.decimal + fraction : ''), plain };
}

function group(integer: string, symbols: { group: string; primaryGroup: number; secondaryGroup: number; minimumGroupingDigits: number }): string {
  const { primaryGroup, secondaryGroup } = symbols;
  if (primaryGroup === 0 || integer.length < primaryGroup + symbols.minimumGroupingDigits) return integer;
  const groups = [integer.slice(-primaryGroup)];
  for (let end = integer.length - primaryGroup; end > 0; end -= secondaryGroup) groups.unshift(integer.slice(Math.max(0, end - secondaryGroup), end));
  return groups.join(symbols.group);
}
