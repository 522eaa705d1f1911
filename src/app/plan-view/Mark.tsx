import { useTranslation } from 'react-i18next';
import type { Mark as MarkKind } from './marks.ts';

/**
 * A small tag saying what changed since the person last looked ("New", "Just done", "New date").
 * Most goals and steps have none: those draw nothing and ask nothing of i18next (a page of 60
 * goals would otherwise set up 60 translation hooks for nothing).
 */
export function Mark({ mark }: { mark: MarkKind | null }) {
  return mark ? <MarkTag mark={mark} /> : null;
}

function MarkTag({ mark }: { mark: MarkKind }) {
  const { t } = useTranslation('plan');
  return <strong className="govuk-tag govuk-tag--turquoise app-plan-mark">{t(`marks.${mark}`)}</strong>;
}
