import { describe, expect, it } from 'vitest';
import { budgets } from '../../bench/budgets.ts';
import { firstRouteScripts } from '../../bench/sizes.ts';
import { assertAppBuilt } from '../support/paths.ts';

/**
 * The first page's JavaScript, measured on the build this run tests (as `npm run bench` measures
 * it): everything index.html loads, with the static imports of those modules, gzip. Run inside
 * `npm test`, after the build, so no change can make the first page heavier unnoticed.
 */
describe('first-route JavaScript budget', () => {
  it(`is at most ${budgets.firstRouteJsGzipKB} kB gzip`, () => {
    const { files, gzip } = firstRouteScripts(assertAppBuilt());
    const list = files.map((f) => `${f.file} ${(f.gzip / 1000).toFixed(1)} kB`).join(', ');
    expect(files.length, 'index.html should load at least one script').toBeGreaterThan(0);
    expect(gzip / 1000, `first-route JavaScript: ${list}`).toBeLessThanOrEqual(budgets.firstRouteJsGzipKB);
  });

  it('counts the chunks the entry imports statically, not the pages loaded later', () => {
    const { files } = firstRouteScripts(assertAppBuilt());
    // The entry and the display-settings script before it (inline in index.html, counted too);
    // lazy pages (sign-in, guides) are not counted.
    expect(files.some((f) => /^assets\/index-[\w-]+\.js$/.test(f.file))).toBe(true);
    expect(files.some((f) => f.file === 'index.html inline script 1' && f.gzip > 300)).toBe(true);
    expect(files.some((f) => /SignInPage|TopicPage/.test(f.file))).toBe(false);
  });
});
