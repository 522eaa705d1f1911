import { useTranslation } from 'react-i18next';
import type { Mark as MarkKind } from './marks.ts';

/** A small tag saying what changed since the person last looked ("New", "Just done", "New date"). */
export function Mark({ mark }: { mark: MarkKind | null }) {
  const { t } = useTranslation('plan');
  if (!mark) return null;
  return <strong className="govuk-tag govuk-tag--turquoise app-plan-mark">{t(`marks.${mark}`)}</strong>;
}
