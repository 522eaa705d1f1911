import { useTranslation } from 'react-i18next';
import { todayInLondon } from '../../format/index.ts';
import type { ActivePerson } from '../session/session-context.ts';
import { type PlanGlossaries, usePlanGlossaries } from './glossaries.ts';
import { type PlanView, usePlanView } from './plan-data.ts';
import type { Loaded } from '../session/hooks.ts';

/**
 * What every plan page starts from: its words (the `plan` namespace), the language, today in the
 * UK, the glossaries and the plan. A page that shows no staff text with glossary terms (the
 * overview: its staff text is goal titles, inside links) says `{ glossaries: false }`: it draws
 * the same without them, so it neither fetches nor waits for them.
 */
export function usePlanPage(
  person: ActivePerson,
  { glossaries: wanted = true }: { glossaries?: boolean } = {},
): {
  t: ReturnType<typeof useTranslation<'plan'>>['t'];
  lng: string;
  today: string;
  glossaries: PlanGlossaries | undefined;
  view: Loaded<PlanView>;
} {
  const { t, i18n } = useTranslation('plan');
  const lng = i18n.resolvedLanguage ?? 'en';
  const glossaries = usePlanGlossaries(wanted ? lng : null);
  const view = usePlanView(person);
  return { t, lng, today: todayInLondon(), glossaries, view };
}
