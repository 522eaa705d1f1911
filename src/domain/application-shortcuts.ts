import { z } from 'zod';
import { type ApplicationType, wholePlan } from './application.ts';

/**
 * Shortcuts into an application: a guide's "What you can do" action, or a plan screen's "Ask the
 * OMU about this", names *why* the person is asking (`about`). Each names the application type and
 * the structured fields it already knows; the words written in for the person (which they can
 * change) are in locales/<lng>/forms.json under `about.<key>`. The app and the content schema
 * share this list, so a guide action can only name a shortcut that exists.
 */
export const ApplicationAbout = z.enum([
  // From the guides.
  'seeMyPom',
  'talkAboutMyPlan',
  'explainMyScores',
  'explainMyRosh',
  'oasysCopy',
  'planCopy',
  'oasysReview',
  'planReview',
  'whatMappaMeans',
  'talkToMyCom',
  'reachMyCom',
  'joinACourse',
  'whichCourses',
  'pipeSuitsMe',
  // From the plan screens (listed in src/app/features/plan/NOTES.md).
  'initialOasysLooksLate',
  'oasysReviewLooksLate',
  'preTariffSiftLooksLate',
  'preReleaseReviewLooksLate',
  'openConditionsReviewLooksLate',
  'significantEventReviewLooksLate',
  'planReviewLooksLate',
  'planNotAgreed',
  'goalQuestion',
]);
export type ApplicationAbout = z.infer<typeof ApplicationAbout>;

export type ShortcutSpec = { readonly type: ApplicationType; readonly fields?: Readonly<Record<string, string>> };

export const applicationShortcuts = {
  seeMyPom: { type: 'seeMyPom' },
  talkAboutMyPlan: { type: 'seeMyPom' },
  explainMyScores: { type: 'seeMyPom' },
  explainMyRosh: { type: 'seeMyPom' },
  oasysCopy: { type: 'copyOfOasys', fields: { whichCopy: 'oasys' } },
  planCopy: { type: 'copyOfOasys', fields: { whichCopy: 'sentencePlan' } },
  oasysReview: { type: 'reviewMyOasys' },
  planReview: { type: 'questionAboutMyPlan', fields: { objective: wholePlan } },
  whatMappaMeans: { type: 'questionAboutMyPlan' },
  talkToMyCom: { type: 'questionAboutMyPlan' },
  reachMyCom: { type: 'other' },
  joinACourse: { type: 'askAboutCourse', fields: { want: 'askForPlace' } },
  whichCourses: { type: 'askAboutCourse', fields: { want: 'findOutMore' } },
  pipeSuitsMe: { type: 'askAboutPipe', fields: { want: 'findOutMore' } },
  initialOasysLooksLate: { type: 'reviewMyOasys', fields: { reason: 'looksLate' } },
  oasysReviewLooksLate: { type: 'reviewMyOasys', fields: { reason: 'looksLate' } },
  preTariffSiftLooksLate: { type: 'reviewMyOasys', fields: { reason: 'looksLate' } },
  preReleaseReviewLooksLate: { type: 'reviewMyOasys', fields: { reason: 'looksLate' } },
  openConditionsReviewLooksLate: { type: 'reviewMyOasys', fields: { reason: 'looksLate' } },
  significantEventReviewLooksLate: { type: 'reviewMyOasys', fields: { reason: 'looksLate' } },
  planReviewLooksLate: { type: 'questionAboutMyPlan', fields: { objective: wholePlan } },
  planNotAgreed: { type: 'disagreeWithPlan', fields: { objective: wholePlan } },
  // The goal's page knows the goal, but the person says which in the form (the link carries no ids).
  goalQuestion: { type: 'questionAboutMyPlan' },
} as const satisfies Record<ApplicationAbout, ShortcutSpec>;

/** The shortcut named `about`, when it exists (a link may carry anything). */
export function shortcutFor(about: string | null | undefined): (ShortcutSpec & { about: ApplicationAbout }) | null {
  const parsed = ApplicationAbout.safeParse(about);
  return parsed.success ? { about: parsed.data, ...(applicationShortcuts[parsed.data] as ShortcutSpec) } : null;
}
