import type { Duration } from '../policy.ts';

/**
 * Time allowances the review rules need where policy sets no figure. They are the product's own
 * choices, not policy (policy limits are in ../policy.ts, each with its source); each says why.
 * They are kept generous on purpose: a review only "looks late" once a reasonable time has passed.
 */
export type Allowance = { readonly duration: Duration; readonly source: 'product'; readonly why: string };

export const allowances = {
  /** A review is "due soon" from this long before its due date. */
  dueSoon: {
    duration: { weeks: 8 },
    source: 'product',
    why: 'Long enough to ask about a review before it is due; the same span as the determinate pre-release window.',
  },
  /**
   * A review that policy ties to one date (the pre-tariff sift, the MAPPA and indeterminate
   * pre-release reviews, before a move to open conditions) counts as done when it was done no
   * earlier than this before that date.
   */
  doneBeforeDue: {
    duration: { weeks: 8 },
    source: 'product',
    why: 'Policy names one date; a review a few weeks before it serves the same purpose.',
  },
  /**
   * After a transfer, a goal done or a significant event, policy says the plan (or OASys) is looked
   * at again, but not by when. The product expects it within this time.
   */
  afterEvent: {
    duration: { weeks: 8 },
    source: 'product',
    why: 'Policy sets no time after the event; 8 weeks leaves staff time before anything looks late.',
  },
} as const satisfies Record<string, Allowance>;

export type AllowanceName = keyof typeof allowances;
