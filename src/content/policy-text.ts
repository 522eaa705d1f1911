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

/**
 * Time spans made of two policy limits, shown smallest first as one phrase ("2 to 8 weeks"),
 * as CONTENT.md asks. Text uses `{{range.NAME}}`; the two ends stay in src/domain/policy.ts.
 */
export const policyRanges = {
  /** Determinate sentences: the COM's pre-release OASys review, 2 to 8 weeks before release. */
  preReleaseDeterminate: { from: 'preReleaseDeterminateLatest', to: 'preReleaseDeterminateEarliest' },
} as const satisfies Record<string, { from: PolicyName; to: PolicyName }>;

export type RangeName = keyof typeof policyRanges;

export function isRangeName(name: string): name is RangeName {
  return Object.hasOwn(policyRanges, name);
}

/** A duration that is one count of one unit ({ weeks: 2 }), or undefined for a mix. */
function single(duration: Duration): { n: number; unit: Unit } | undefined {
  const present = order.filter((unit) => (duration[unit] ?? 0) > 0);
  const unit = present[0];
  return present.length === 1 && unit ? { n: duration[unit] ?? 0, unit } : undefined;
}

/**
 * Two durations as a span, smallest first: "2 to 8 weeks", Welsh "2 i 8 wythnos" (the unit once,
 * after the last number, with the mutation that number takes). Different units keep both:
 * "6 months to 2 years". Throws if `from` is not the shorter, so a span can never read backwards.
 */
export function formatRange(from: Duration, to: Duration, lng: string): string {
  const days = (d: Duration) => (d.weeks ?? 0) * 7 + (d.months ?? 0) * 30.4 + (d.years ?? 0) * 365.25;
  if (days(from) >= days(to)) throw new RangeError('A time span must go from the shorter time to the longer one');
  const a = single(from);
  const b = single(to);
  const word = lng === 'cy' ? 'i' : 'to';
  if (a && b && a.unit === b.unit) {
    const last = lng === 'cy' ? welsh(b.n, b.unit) : english(b.n, b.unit);
    return `${a.n} ${word} ${last}`;
  }
  return `${formatDuration(from, lng)} ${word} ${formatDuration(to, lng)}`;
}

/** The words for a named span, e.g. rangeText('preReleaseDeterminate', 'en') → "2 to 8 weeks". */
export function rangeText(name: RangeName, lng: string): string {
  const { from, to } = policyRanges[name];
  return formatRange(policy[from].duration, policy[to].duration, lng);
}
