import { type RefObject, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasUnsavedInput } from '../update/unsaved-input.ts';
import { formatWait } from '../../format/index.ts';
import { useSession } from './session-context.ts';

// `click` too: a screen reader's "activate" sends a click with no key or pointer event before it.
const activityEvents = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input', 'click'] as const;

/** Hides the page behind the warning, or shows it again (at once, so focus can go back into it). */
function setBehind(behind: RefObject<HTMLDivElement | null>, hidden: boolean): void {
  behind.current?.toggleAttribute('inert', hidden);
}

/** The idle clock and its warning, while someone is signed in (see IdleTimeout). */
export function IdleWatch({ behind }: { behind: RefObject<HTMLDivElement | null> }) {
  const { t, i18n } = useTranslation();
  const { idle, signOut } = useSession();
  const unsaved = useHasUnsavedInput();
  const [remainingMs, setRemainingMs] = useState<number | null>(null);
  // Set once, when the watch starts: only a touch, a key or a click moves it on, never a re-render.
  const lastActivity = useRef<number | null>(null);
  const warning = remainingMs !== null;
  const warningRef = useRef(false);
  const moreButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    lastActivity.current ??= performance.now();
    const onActivity = () => {
      // Once the warning is up, only its buttons count: a stray touch should not hide it unseen.
      if (!warningRef.current) lastActivity.current = performance.now();
    };
    for (const name of activityEvents) document.addEventListener(name, onActivity, { capture: true, passive: true });
    const tick = Math.max(50, Math.min(1000, idle.warningMs / 4));
    const timer = setInterval(() => {
      const idleFor = performance.now() - (lastActivity.current ?? performance.now());
      if (idleFor >= idle.timeoutMs) {
        clearInterval(timer);
        void signOut('idle');
      } else if (idleFor >= idle.timeoutMs - idle.warningMs) {
        if (!warningRef.current) returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        warningRef.current = true;
        setRemainingMs(idle.timeoutMs - idleFor);
      }
    }, tick);
    return () => {
      clearInterval(timer);
      for (const name of activityEvents) document.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idle, signOut]);

  // Before the warning is painted: never a frame with the warning up and the page readable.
  useLayoutEffect(() => {
    setBehind(behind, warning);
    return () => setBehind(behind, false);
  }, [warning, behind]);

  useEffect(() => {
    if (!warning) return undefined;
    moreButton.current?.focus();
    // Keep Tab inside the warning while it is open.
    const trapFocus = (event: globalThis.KeyboardEvent) => {
      const box = dialog.current;
      if (event.key !== 'Tab' || !box) return;
      const buttons = [...box.querySelectorAll('button')];
      const first = buttons[0];
      const last = buttons[buttons.length - 1];
      if (!first || !last) return;
      const inside = box.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', trapFocus);
    return () => document.removeEventListener('keydown', trapFocus);
  }, [warning]);

  const moreTime = () => {
    lastActivity.current = performance.now();
    warningRef.current = false;
    setRemainingMs(null);
    setBehind(behind, false);
    returnFocus.current?.focus();
  };

  if (remainingMs === null) return null;
  return (
    <div className="app-idle">
      <div className="app-idle__dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId} ref={dialog}>
        <h2 className="govuk-heading-l" id={titleId}>
          {t('session.idleTitle')}
        </h2>
        <p className="govuk-body-l" id={textId}>
          {t('session.idleText', { time: formatWait(remainingMs, i18n.resolvedLanguage) })}
        </p>
        {unsaved ? <p className="govuk-body">{t('session.idleDraft')}</p> : null}
        <div className="govuk-button-group">
          <button type="button" ref={moreButton} className="govuk-button app-idle__more" onClick={moreTime}>
            {t('session.idleMore')}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void signOut('person')}>
            {t('session.idleSignOut')}
          </button>
        </div>
      </div>
    </div>
  );
}
