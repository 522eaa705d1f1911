import { type TopicId, topicIds } from '../content/topic-ids.ts';

/**
 * Every page of the app, by path. The router, the end-to-end tests and the accessibility checks
 * all read these, so a new page is checked as soon as it is added here.
 */
export const appRoutes = {
  home: '/',
  explainers: '/explainers',
  glossary: '/glossary',
  search: '/search',
  displaySettings: '/settings',
  // Personal pages: each shows a sign-in prompt when nobody is signed in, so whole-app checks can open them.
  signIn: '/sign-in',
  plan: '/plan',
  planTimeline: '/plan/timeline',
  planPrint: '/plan/print',
  applications: '/applications',
  questionnaire: '/questionnaire',
  // For staff, on a kiosk only (any other device says so).
  kioskSetup: '/kiosk-setup',
} as const;

export type AppRoute = (typeof appRoutes)[keyof typeof appRoutes];

/** The pages that are about the person signed in (and any address under them). */
export const personalRoutes: readonly AppRoute[] = [appRoutes.signIn, appRoutes.plan, appRoutes.applications, appRoutes.questionnaire];

export function isPersonalPath(pathname: string): boolean {
  const path = pathname.toLowerCase(); // the router matches without regard to case
  return personalRoutes.some((route) => path === route || path.startsWith(`${route}/`));
}

export const topicPath = (id: TopicId): string => `${appRoutes.explainers}/${id}`;

export const termPath = (id: string): string => `${appRoutes.glossary}/${id}`;

/** A glossary term page used as the example of its kind in whole-app checks. */
export const exampleTermPath = /* @__PURE__ */ termPath('oasys');

/** Every page a person can reach, for whole-app checks (accessibility, offline, reflow). */
export function everyPagePath(): string[] {
  return [...Object.values(appRoutes), ...topicIds.map(topicPath), exampleTermPath];
}

/** A path no page has: used by tests of the "page not found" page. */
export const exampleUnknownPath = '/no-such-page';
