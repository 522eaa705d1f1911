import { useTranslation } from 'react-i18next';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useSyncSnapshot } from './hooks.ts';
import type { ActivePerson } from './session-context.ts';

/**
 * Says plainly when something saved on this device could not be read (a damaged or tampered
 * store): what is being fetched again, and that what could still be read is kept.
 */
export function StoreDamageNotice({ person }: { person: ActivePerson }) {
  const { t } = useTranslation();
  const { storeDamage } = useSyncSnapshot(person);
  if (storeDamage === 'none') return null;
  return (
    <NotificationBanner title={t('storeDamage.title')}>
      <p className="govuk-notification-banner__heading">{t('storeDamage.heading')}</p>
      <p className="govuk-body">{t(`storeDamage.${storeDamage}`)}</p>
    </NotificationBanner>
  );
}
