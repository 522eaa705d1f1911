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
  const plain = round(decimalDigits(abs), symbols.maxFractionDigits);
  const [integer = '', fraction] = plain.split('.');
  return { text: sign + group(integer, symbols) + (fraction ? symbols.decimal + fraction : ''), plain };
}

/** A number's shortest decimal form (what String gives) without an exponent: 1e-7 → "0.0000001". */
function decimalDigits(abs: number): string {
  const text = String(abs);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const digits = match[1]! + (match[2] ?? '');
  const point = match[1]!.length + Number(match[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Rounds a decimal to at most `fraction` decimals, half away from zero, on its digits (as browsers
 * do: 1.0005 → "1.001", though the double is a hair below 1.0005), and drops trailing zeros.
 */
function round(plain: string, fraction: number): string {
  const [integer = '0', decimals = ''] = plain.split('.');
  let digits = integer + decimals.slice(0, fraction).padEnd(fraction, '0');
  if ((decimals[fraction] ?? '0') >= '5') digits = (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
  const whole = digits.slice(0, digits.length - fraction).replace(/^0+(?=\d)/, '');
  const part = digits.slice(digits.length - fraction).replace(/0+$/, '');
  return part ? `${whole}.${part}` : whole;
}

function group(integer: string, symbols: { group: string; primaryGroup: number; secondaryGroup: number; minimumGroupingDigits: number }): string {
  const { primaryGroup, secondaryGroup } = symbols;
  if (primaryGroup === 0 || integer.length < primaryGroup + symbols.minimumGroupingDigits) return integer;
  const groups = [integer.slice(-primaryGroup)];
  for (let end = integer.length - primaryGroup; end > 0; end -= secondaryGroup) groups.unshift(integer.slice(Math.max(0, end - secondaryGroup), end));
  return groups.join(symbols.group);
}
