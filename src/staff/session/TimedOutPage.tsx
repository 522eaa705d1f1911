import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useStaffSession } from './session-context.ts';

/** After 20 minutes with nothing done, the sign-in has ended: say so, and offer to sign in again. */
export function TimedOutPage() {
  const { t } = useTranslation('staff');
  const session = useStaffSession();
  return (
    <StaffPage title={t('timedOut.title')}>
      <p className="govuk-body">{t('timedOut.text')}</p>
      <p className="govuk-body">{t('timedOut.unsaved')}</p>
      <Button onClick={session.startAgain}>{t('timedOut.signInAgain')}</Button>
    </StaffPage>
  );
}
