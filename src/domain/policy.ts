/**
 * Policy constants: every time limit the product uses, in one place, each with its source.
 * Sources are line references into the project's reference documents (see shared/DOMAIN.md).
 * A policy can change: change it here and every screen and explainer follows.
 */

export type Duration = { readonly weeks?: number; readonly months?: number; readonly years?: number };

export type PolicyRule = {
  readonly duration: Duration;
  /** Where the rule comes from: document and lines. */
  readonly source: string;
};

export const policy = {
  /** Initial OASys for a determinate sentence: only for sentences longer than this. */
  initialOasysDeterminateMinSentence: { duration: { months: 10 }, source: '001:37-39' },
  /** Initial OASys for a determinate sentence of over 10 months: within this time of sentence. */
  initialOasysDeterminate: { duration: { weeks: 10 }, source: '001:37-39' },
  /** Initial OASys for an indeterminate sentence: within this time of sentence. */
  initialOasysIndeterminate: { duration: { weeks: 16 }, source: '001:41' },
  /** Determinate sentences longer than this are reviewed on a cycle by the POM. */
  oasysReviewDeterminateMinSentence: { duration: { years: 2 }, source: '001:45' },
  /** Determinate over 2 years: reviewed at least this often before handover to the COM. */
  oasysReviewDeterminate: { duration: { years: 2 }, source: '001:45' },
  /** Indeterminate: reviewed at least this often before handover to the COM. */
  oasysReviewIndeterminate: { duration: { years: 3 }, source: '001:47' },
  /** Indeterminate: also reviewed this long before the parole eligibility date (pre-tariff sift). */
  oasysPreTariffSift: { duration: { years: 2, weeks: 24 }, source: '001:47' },
  /** Determinate: the COM reviews OASys no earlier than this before release… */
  preReleaseDeterminateEarliest: { duration: { weeks: 8 }, source: '001:58' },
  /** …and no later than this before release. */
  preReleaseDeterminateLatest: { duration: { weeks: 2 }, source: '001:58' },
  /** MAPPA level 2 or 3: the pre-release review happens this long before release. */
  preReleaseMappa: { duration: { months: 6 }, source: '001:58; 002:1624-1627' },
  /** Indeterminate: the COM reviews OASys this long before the parole eligibility date. */
  preReleaseIndeterminate: { duration: { weeks: 24 }, source: '001:60' },
  /** A sentence plan is reviewed at least this often. */
  sentencePlanReview: { duration: { years: 1 }, source: '002:2356' },
  /** OGRS gives a score for reoffending within this shorter period… */
  ogrsShortPeriod: { duration: { months: 12 }, source: '001:88' },
  /** …and within this longer period. */
  ogrsLongPeriod: { duration: { months: 24 }, source: '001:88' },
  /** RSR estimates the chance of a seriously harmful offence within this period. */
  rsrPeriod: { duration: { years: 2 }, source: '001:157' },
} as const satisfies Record<string, PolicyRule>;

export type PolicyName = keyof typeof policy;

/** Free text in an application to OMU is capped at this many characters. */
export const applicationDetailsMaxLength = 500;

/** Adds a policy duration to an ISO date (YYYY-MM-DD), in UTC, and returns an ISO date. */
export function addDuration(isoDate: string, duration: Duration, sign: 1 | -1 = 1): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${isoDate}`);
  const months = (duration.months ?? 0) + 12 * (duration.years ?? 0);
  if (months) date.setUTCMonth(date.getUTCMonth() + sign * months);
  if (duration.weeks) date.setUTCDate(date.getUTCDate() + sign * 7 * duration.weeks);
  return date.toISOString().slice(0, 10);
}
