/** Making applications the way a person does, for the component tests (not a test file). */
import { screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import type { UserEvent } from '@testing-library/user-event';
import cyCommon from '../../locales/cy/common.json' with { type: 'json' };
import cyForms from '../../locales/cy/forms.json' with { type: 'json' };
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import enForms from '../../locales/en/forms.json' with { type: 'json' };
import { type ApplicationType, fieldsOf } from '../../src/domain/application.ts';

export const words = { en: { common: enCommon, forms: enForms }, cy: { common: cyCommon, forms: cyForms } } as const;
export type Lang = keyof typeof words;

export const menu = (lang: Lang = 'en') => screen.getByRole('navigation', { name: words[lang].common.nav.label });

/** From any page while signed in: the menu's "Ask the OMU", once the list has been read. */
export async function openApplications(user: UserEvent, lang: Lang = 'en'): Promise<void> {
  await user.click(within(menu(lang)).getByRole('link', { name: new RegExp(`^${words[lang].common.nav.applications}`) }));
  await screen.findByRole('heading', { level: 1, name: words[lang].forms.applications.title });
  await waitFor(() => expect(document.querySelector('.app-applications') ?? screen.queryByText(words[lang].forms.applications.listNone)).not.toBeNull());
}

/** Signs in in Welsh (prison number by keyboard, PIN by number pad). */
export async function signInInWelsh(user: UserEvent, who: { prisonNumber: string; pin: string }): Promise<void> {
  const { common } = words.cy;
  await user.type(await screen.findByRole('textbox', { name: common.signIn.prisonNumberLabel }), who.prisonNumber);
  const pad = screen.getByRole('group', { name: common.signIn.padLabel });
  for (const digit of who.pin) await user.click(within(pad).getByRole('button', { name: digit }));
  await user.click(screen.getByRole('button', { name: common.signIn.submit }));
}

/** Menu → "Make a new application" → the type → Continue: the type's form. */
export async function newApplication(user: UserEvent, type: ApplicationType, lang: Lang = 'en'): Promise<void> {
  const { forms } = words[lang];
  await openApplications(user, lang);
  await user.click(screen.getByRole('link', { name: forms.applications.newLink }));
  await user.click(await screen.findByRole('radio', { name: forms.type[type] }));
  await user.click(screen.getByRole('button', { name: forms.choose.continue }));
  await screen.findByRole('heading', { level: 1, name: forms.type[type] });
  await screen.findByRole('button', { name: forms.form.submit });
}

/** Answers each question the type needs with its first answer (the whole plan for "which part"). */
export async function answerRequired(user: UserEvent, type: ApplicationType, lang: Lang = 'en'): Promise<void> {
  const { forms } = words[lang];
  const field = forms.field as unknown as Record<string, { options?: Record<string, string>; wholePlan?: string }>;
  for (const [key, spec] of fieldsOf(type)) {
    if (!spec.required) continue;
    if (spec.kind === 'choice') await user.click(screen.getByRole('radio', { name: field[key]!.options![spec.options[0]!]! }));
    if (spec.kind === 'objective') await user.click(screen.getByRole('radio', { name: forms.field.objective.wholePlan }));
  }
}

export const detailsBox = (lang: Lang = 'en') => screen.getByRole('textbox', { name: words[lang].forms.details.label });

/** A whole application: the type's form, its questions, the words, Send; then its own page says it is saved. */
export async function sendApplication(user: UserEvent, type: ApplicationType, text: string, lang: Lang = 'en'): Promise<void> {
  const { forms } = words[lang];
  await newApplication(user, type, lang);
  await answerRequired(user, type, lang);
  await user.type(detailsBox(lang), text);
  await user.click(screen.getByRole('button', { name: forms.form.submit }));
  await screen.findByText(forms.form.saved);
}
