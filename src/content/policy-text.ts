import { type Duration, policy, type PolicyName } from '../domain/policy.ts';

/**
 * Policy durations in words, per language: "2 years and 24 weeks", "2 flynedd a 24 wythnos".
 * Numbers stay as digits (easier to read than words, and the same in both languages).
 * Languages we have no rules for get English.
 */

type Unit = 'years' | 'months' | 'weeks';
const order: readonly Unit[] = ['years', 'months', 'weeks'];

function english(n: number, unit: Unit): string {
  const singular = { years: 'year', months: 'month', weeks: 'week' }[unit];
  return `${n} ${n === 1 ? singular : `${singular}s`}`;
}

/**
 * Welsh nouns after a number: after the numeral the singular noun is used, with the mutation
 * the spoken number causes (blwyddyn is feminine: un flwyddyn, dwy flynedd; after 5, 7, 8, 9, 10,
 * 12, 15, 18, 20 and 100 "blynedd" takes a nasal mutation: pum mlynedd). Numbers we have no
 * settled form for use "o" and the plural, which is always correct: "13 o flynyddoedd".
 */
function welsh(n: number, unit: Unit): string {
  if (unit === 'weeks') return `${n} wythnos`; // w- does not mutate
  if (unit === 'months') {
    if (n === 2) return '2 fis'; // dau fis
    if (n <= 12 || n === 15 || n === 18 || n === 20 || n === 24) return `${n} mis`;
    return `${n} o fisoedd`;
  }
  if (n === 1) return '1 flwyddyn';
  if (n === 2) return '2 flynedd';
  if (n === 3 || n === 4 || n === 6) return `${n} blynedd`;
  if ([5, 7, 8, 9, 10, 12, 15, 18, 20, 100].includes(n)) return `${n} mlynedd`;
  return `${n} o flynyddoedd`;
}

/** Welsh "and" is "ac" before a vowel sound: 1 (un), 8 (wyth), 11 (un ar ddeg), 80–89 (wyth deg…). */
function welshAnd(next: number): string {
  return next === 1 || next === 8 || next === 11 || (next >= 80 && next <= 89) ? 'ac' : 'a';
}

function join(parts: string[], and: (index: number) => string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${and(parts.length - 1)} ${parts.at(-1) ?? ''}`;
}

export function formatDuration(duration: Duration, lng: string): string {
  const present = order.filter((unit) => (duration[unit] ?? 0) > 0);
  if (present.length === 0) throw new RangeError('A policy duration must not be empty');
  const numbers = present.map((unit) => duration[unit] ?? 0);
  if (lng === 'cy') {
    const parts = present.map((unit, i) => welsh(numbers[i] ?? 0, unit));
    return join(parts, (i) => welshAnd(numbers[i] ?? 0));
  }
  const parts = present.map((unit, i) => english(numbers[i] ?? 0, unit));
  return join(parts, () => 'and');
}

export function isPolicyName(name: string): name is PolicyName {
  return Object.hasOwn(policy, name);
}

/** The words for a policy time limit in a language, e.g. policyText('initialOasysDeterminate', 'en') → "10 weeks". */
export function policyText(name: PolicyName, lng: string): string {
  return formatDuration(policy[name].duration, lng);
}
