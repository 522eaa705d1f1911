import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceModeName as DeviceMode } from '../../domain/device-modes.ts';
import type { DeviceDatabase } from '../data/device-db.ts';
import { holdPerson } from '../data/person-hold.ts';
import { showLanguage } from '../i18n/i18n.ts';

/**
 * What a shared kiosk does around each sign-in so the next person finds nothing of the last one
 * (the session provider calls these at the matching moments; see NOTES.md, "Kiosk sign-out hygiene"):
 * - at sign-in: the person is held (their data is never removed under them); on a kiosk, a mark
 *   that their display settings and language are for this sign-in only;
 * - when the screen is cleared at sign-out: on a kiosk, the defaults are back at once;
 * - after sign-out's last send: on a kiosk, their data leaves the device if nothing of theirs
 *   waits (src/app/data/forget-person.ts), and the same for everyone at app start.
 * A sign-in waits for any of this still running, so it never races a removal.
 */
export type SignOutHygiene = {
  /** Resolves when the start-up check and any earlier sign-out's clean-up have finished. */
  settled(): Promise<void>;
  signedIn(personId: string): void;
  screenCleared(): void;
  signedOut(personId: string): Promise<void>;
};

const forgetModule = () => import('../data/forget-person.ts');
const cleanUpLimitMs = 5_000;
// Loaded when first needed, not with the first page.
const kioskDefaults = () => import('../settings/kiosk-defaults.ts');

export function useSignOutHygiene(deviceMode: DeviceMode | null, device: () => Promise<DeviceDatabase>): SignOutHygiene {
  const { i18n } = useTranslation();
  const mode = useRef(deviceMode);
  useEffect(() => {
    mode.current = deviceMode;
  }, [deviceMode]);
  const pending = useRef<Promise<void>>(Promise.resolve());
  const holds = useRef(new Map<string, () => void>());
  const sweptAtStart = useRef(false);

  const queue = useCallback((task: () => Promise<unknown>): Promise<void> => {
    // A clean-up that fails or hangs (a database another tab will not let go of) never holds up
    // a sign-in for more than a few seconds; what it did not do is done at the next start.
    const bounded = () => Promise.race([task(), new Promise((resolve) => setTimeout(resolve, cleanUpLimitMs))]);
    const next = pending.current.then(bounded).then(
      () => undefined,
      () => undefined,
    );
    pending.current = next;
    return next;
  }, []);

  // At start on a kiosk: remove everyone whose items have all gone.
  useEffect(() => {
    if (deviceMode !== 'kiosk' || sweptAtStart.current) return;
    sweptAtStart.current = true;
    void queue(async () => (await forgetModule()).forgetDeliveredPeople(await device()));
  }, [deviceMode, device, queue]);

  // Leaving the app releases whoever is held (the provider locks them).
  useEffect(() => {
    const held = holds.current;
    return () => {
      for (const release of held.values()) release();
      held.clear();
    };
  }, []);

  const settled = useCallback(() => pending.current, []);

  const signedIn = useCallback((personId: string) => {
    if (mode.current === 'kiosk') void kioskDefaults().then(({ markChoicesForThisSignIn }) => markChoicesForThisSignIn());
    if (!holds.current.has(personId)) holds.current.set(personId, holdPerson(personId));
  }, []);

  const screenCleared = useCallback(() => {
    if (mode.current === 'kiosk') void kioskDefaults().then(({ restoreKioskDefaults }) => restoreKioskDefaults({ showLanguage: (lng) => showLanguage(i18n, lng) }));
  }, [i18n]);

  const signedOut = useCallback(
    (personId: string) =>
      queue(async () => {
        holds.current.get(personId)?.();
        holds.current.delete(personId);
        if (mode.current === 'kiosk') await (await forgetModule()).forgetPersonIfDelivered(await device(), personId);
      }),
    [device, queue],
  );

  return useMemo(() => ({ settled, signedIn, screenCleared, signedOut }), [settled, signedIn, screenCleared, signedOut]);
}
