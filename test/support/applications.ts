import type { Page } from 'playwright-core';
import { type ApplicationType, fieldsOf } from '../../src/domain/application.ts';
import { type TestLanguage, text } from './locales.ts';
import { expectHeading } from './pages.ts';

/** Applications to the OMU, made the way a person does it, for the end-to-end tests. */

const nav = (page: Page, lang: TestLanguage) => page.getByRole('navigation', { name: text(lang, 'nav.label') });

/** The menu's "Ask the OMU" (its name may carry a "new reply" badge). */
export async function openApplications(page: Page, lang: TestLanguage = 'en'): Promise<void> {
  await nav(page, lang).getByRole('link', { name: text(lang, 'nav.applications') }).click();
  await expectHeading(page, text(lang, 'forms:applications.title'));
}

/** Menu → "Make a new application" → the type → Continue: the type's form. */
export async function startApplication(page: Page, type: ApplicationType, lang: TestLanguage = 'en'): Promise<void> {
  await openApplications(page, lang);
  await page.getByRole('link', { name: text(lang, 'forms:applications.newLink') }).click();
  await expectHeading(page, text(lang, 'forms:choose.title'));
  await page.getByRole('radio', { name: text(lang, `forms:type.${type}`), exact: true }).check();
  await page.getByRole('button', { name: text(lang, 'forms:choose.continue') }).click();
  await expectHeading(page, text(lang, `forms:type.${type}`));
}

/** Each question the type needs, answered with its first answer ("the whole plan" for which part). */
export async function answerRequired(page: Page, type: ApplicationType, lang: TestLanguage = 'en'): Promise<void> {
  for (const [key, spec] of fieldsOf(type)) {
    if (!spec.required) continue;
    if (spec.kind === 'choice') await page.getByRole('radio', { name: text(lang, `forms:field.${key}.options.${spec.options[0]}`), exact: true }).check();
    if (spec.kind === 'objective') await page.getByRole('radio', { name: text(lang, 'forms:field.objective.wholePlan'), exact: true }).check();
  }
}

export const detailsBox = (page: Page, lang: TestLanguage = 'en') => page.getByRole('textbox', { name: text(lang, 'forms:details.label') });

/** A whole application; its own page then says it is saved. */
export async function sendApplication(page: Page, type: ApplicationType, words: string, lang: TestLanguage = 'en'): Promise<void> {
  await startApplication(page, type, lang);
  await answerRequired(page, type, lang);
  await detailsBox(page, lang).fill(words);
  await page.getByRole('button', { name: text(lang, 'forms:form.submit') }).click();
  await page.getByText(text(lang, 'forms:form.saved')).waitFor();
}

/** One application in the list, by what the person wrote. */
export const listedApplication = (page: Page, words: string) => page.locator('.app-application', { hasText: words });
