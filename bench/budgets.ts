/**
 * The app's speed budgets, in one place: the bench (`npm run bench`) checks both, and the
 * end-to-end run inside `npm test` checks the first one on every build (test/e2e/first-route-budget.test.ts),
 * so a change that makes the first page heavier fails the tests, not only the bench.
 */
export const budgets = {
  /** What index.html loads (with static imports), gzip, in kB of 1000 bytes. */
  firstRouteJsGzipKB: 105,
  /** Time to the home heading, offline, CPU 4× slower: the app ÷ a plain static page with the same words. */
  appToFloorRatio: 2.0,
} as const;
