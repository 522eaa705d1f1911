import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { allTexts, text } from '../support/locales.ts';
import { expectHeading, openPage, recordErrors, waitForHeading } from '../support/pages.ts';
import { routes } from '../support/routes.ts';

describe('the built app, served by the real service', () => {
  let e2e: E2E;
  let errors: string[];
  beforeAll(async () => {
    e2e = await startE2E();
    errors = recordErrors(e2e.page);
  });
  afterAll(() => e2e?.close());

  it('shows the home page heading in English', async () => {
    await openPage(e2e.page, e2e.service.baseUrl, '/');
    await expectHeading(e2e.page, text('en', 'home.title'));
    expect(await e2e.page.getAttribute('html', 'lang')).toBe('en');
  });

  it('shows an English heading on every route, with no errors', async () => {
    const english = allTexts('en');
    for (const [name, path] of routes) {
      await openPage(e2e.page, e2e.service.baseUrl, path);
      const heading = await waitForHeading(e2e.page);
      expect(english.has(heading), `route ${name} (${path}): h1 "${heading}" is not a string of locales/en`).toBe(true);
    }
    expect(errors, `errors in the browser:\n${errors.join('\n')}`).toEqual([]);
  });
});
