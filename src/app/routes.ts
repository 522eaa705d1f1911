/**
 * Every page of the app, by path. The router, the end-to-end tests and the accessibility checks
 * all read this list, so a new page is checked as soon as it is added here.
 */
export const appRoutes = {
  home: '/',
  displaySettings: '/settings',
} as const;

export type AppRoute = (typeof appRoutes)[keyof typeof appRoutes];

/** A path no page has: used by tests of the "page not found" page. */
export const exampleUnknownPath = '/no-such-page';
