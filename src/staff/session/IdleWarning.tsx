import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWait } from '../../format/index.ts';
import { Button } from '../../ui/Button.tsx';
import { idlePhase, type IdlePhase } from './idle.ts';
import { useSignedIn, useStaffSession } from './session-context.ts';

/**
 * Two minutes before a sign-in ends for lack of use, a dialog says so and offers "stay signed in"
 * (which asks the service, GET session, and so starts its idle clock again). At the end the
 * console shows the timed-out page; the service has ended the sign-in at the same moment.
 */
export function IdleWarning() {
  const { t, i18n } = useTranslation('staff');
  const session = useStaffSession();
  const info = useSignedIn();
  const [phase, setPhase] = useState<IdlePhase>({ phase: 'active' });
  const [failed, setFailed] = useState(false);
  const stay = useRef<HTMLButtonElement>(null);
  const warning = phase.phase === 'warning';

  useEffect(() => {
    const tick = () => setPhase(idlePhase(Date.now(), session.lastActivity(), info.idleSeconds));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [session, info.idleSeconds]);

  useEffect(() => {
    if (phase.phase === 'ended') session.timedOut();
  }, [phase.phase, session]);

  useEffect(() => {
    if (warning) stay.current?.focus();
  }, [warning]);

  if (phase.phase !== 'warning') return null;
  const stayIn = async () => {
    try {
      await session.refresh();
      setFailed(false);
      setPhase({ phase: 'active' });
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="staff-dialog-backdrop">
      <div className="staff-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 className="govuk-heading-m" id="idle-title">
          {t('idle.title')}
        </h2>
        <p className="govuk-body" id="idle-text">
          {t('idle.text', { time: formatWait(phase.secondsLeft * 1000, i18n.language) })}
        </p>
        {failed ? <p className="govuk-error-message">{t('idle.failed')}</p> : null}
        <div className="govuk-button-group">
          <Button ref={stay} onClick={() => void stayIn()}>
            {t('idle.stay')}
          </Button>
          <Button variant="secondary" onClick={() => void session.signOut()}>
            {t('idle.signOut')}
          </Button>
        </div>
      </div>
    </div>
  );
}
