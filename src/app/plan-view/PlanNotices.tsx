import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format/index.ts';
import type { ActivePerson } from '../session/session-context.ts';
import { StoreDamageNotice } from '../session/StoreDamageNotice.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import type { PlanView } from './plan-data.ts';

/**
 * What every plan page says first, when it applies: saved data that could not be read, a newer
 * plan that was turned away (the plan shown is the last good one), and that staff's words are in
 * English on a page in another language. Then when the plan was last updated from the prison.
 */
export function PlanNotices({ person, view, showsStaffEnglish }: { person: ActivePerson; view: PlanView; showsStaffEnglish: boolean }) {
  const { t, i18n } = useTranslation('plan');
  const lng = i18n.resolvedLanguage ?? 'en';
  return (
    <>
      <StoreDamageNotice person={person} />
      {view.rejectedAt !== null ? (
        <NotificationBanner title={t('rejected.title')}>
          <p className="govuk-notification-banner__heading">{t('rejected.heading')}</p>
          <p className="govuk-body">{t('rejected.text')}</p>
        </NotificationBanner>
      ) : null}
      {view.plan ? <p className="govuk-body app-plan-freshness">{t('updatedFromPrison', { date: formatDate(view.plan.updatedAt, lng) })}</p> : null}
      {showsStaffEnglish ? <p className="govuk-inset-text app-staff-english">{t('staffEnglish')}</p> : null}
    </>
  );
}
