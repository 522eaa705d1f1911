import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { DeviceModeName as DeviceMode } from '../../domain/device-modes.ts';
import type { DeviceDatabase } from '../data/device-db.ts';
import type { Sealed } from '../data/crypto/seal.ts';
import { draftMetaKey, metaKeys } from '../data/meta-keys.ts';
import type { UnlockOptions } from '../data/unlock.ts';
import { appRoutes } from '../routes.ts';
import type { ApiClient } from '../sync/api-client.ts';
import type { SignedIn } from '../sync/sign-in.ts';
import type { SessionServices } from './session-services.ts';
import { type IdleTimes, idleTimesFor, loadDeviceMode, rememberedDeviceMode } from './device-mode.ts';
import { type ActivePerson, SessionContext, type SessionValue, type SignOutNotice } from './session-context.ts';
import { useSignOutHygiene } from './sign-out-hygiene.ts';

/** What the provider needs from the outside world. The app passes nothing; tests pass fakes. */
export type SessionOptions = {
  api?: ApiClient;
  device?: DeviceDatabase;
  /** PBKDF2 iterations and the offline-unlock throttle (tests use small figures). */
  unlock?: UnlockOptions;
  /** A fixed device mode (tests). Otherwise it is loaded from /config.json. */
  deviceMode?: DeviceMode | null;
  loadDeviceMode?: () => Promise<DeviceMode | null>;
  /** Override the idle times (tests). */
  idle?: IdleTimes;
  /** The longest a sign-out may take, last send included (default 5 s). */
  flushTimeoutMs?: number;
};

const displayNameKey = metaKeys.displayName;

/** Loaded on first use (sign-in), so the first page does not carry Dexie, WebCrypto and the outbox. */
const loadServices = (): Promise<SessionServices> => import('./session-services.ts');

/**
 * Holds the person signed in on this screen, in memory only: their unlocked session (the data key),
 * their database, tokens and sync. Sign-out (by the person or after the idle time) clears the screen
 * at once, then makes a last bounded try to send, ends the sign-in, and locks (the key leaves memory).
 * What is still waiting stays sealed on this device and goes at the person's next sign-in here.
 */
export function SessionProvider({ options = {}, children }: { options?: SessionOptions; children: ReactNode }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [deps] = useState(() => {
    let api = options.api;
    let device = options.device;
    return {
      services: loadServices,
      api: async () => (api ??= (await loadServices()).createApiClient()),
      device: async () => (device ??= (await loadServices()).openDeviceDatabase()),
      unlock: options.unlock,
    fixedMode: options.deviceMode,
    loadMode: options.loadDeviceMode ?? (() => loadDeviceMode()),
    idle: options.idle,
      flushTimeoutMs: options.flushTimeoutMs,
    };
  });
  const [deviceMode, setDeviceMode] = useState<DeviceMode | null>(() => (deps.fixedMode !== undefined ? deps.fixedMode : rememberedDeviceMode()));
  const [person, setPerson] = useState<ActivePerson | null>(null);
  const [notice, setNotice] = useState<SignOutNotice | null>(null);
  const personRef = useRef<ActivePerson | null>(null);
  const draftWrites = useRef<Promise<void>>(Promise.resolve());
  // Draft writes not started yet, by key: a newer value for one of them takes its place, so the
  // queue holds at most one write per draft however fast the person types (sign-out waits for it).
  const pendingDrafts = useRef(new Map<string, { value: unknown }>());
  const courier = useRef<{ request(reason: 'manual'): void; stop(): void } | null>(null);
  const hygiene = useSignOutHygiene(deviceMode, deps.device);

  useEffect(() => {
    if (deps.fixedMode !== undefined) return undefined;
    let live = true;
    void deps.loadMode().then((mode) => {
      if (live && mode) setDeviceMode(mode);
    });
    return () => {
      live = false;
    };
  }, [deps]);

  // The sign-out notice belongs to the home page it was shown on; moving on clears it.
  const [noticePath, setNoticePath] = useState(pathname);
  if (noticePath !== pathname) {
    setNoticePath(pathname);
    if (notice && pathname !== appRoutes.home) setNotice(null);
  }

  // Sync when the app starts, the network comes back or the screen is shown again.
  useEffect(() => {
    if (!person) return undefined;
    const { sync } = person;
    let stop: (() => void) | undefined;
    let live = true;
    void deps.services().then(({ startSyncTriggers }) => {
      if (live) stop = startSyncTriggers({ request: (reason) => sync.request(reason), onOnlineChange: (online) => sync.status.update({ online }) });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [person, deps]);

  // On a kiosk, a courier sends what signed-out people left waiting, never for whoever is signed in here.
  useEffect(() => {
    if (deviceMode !== 'kiosk') return undefined;
    let live = true;
    void Promise.all([deps.services(), deps.api(), deps.device()])
      .then(([{ startCourier }, api, device]) => {
        if (live) courier.current = startCourier({ api, device, currentPersonId: () => personRef.current?.signedIn.session.personId ?? null });
      })
      .catch(() => undefined);
    return () => {
      live = false;
      courier.current?.stop();
      courier.current = null;
    };
  }, [deviceMode, deps]);

  // Leaving the app (or a test unmounting it) locks whoever is signed in.
  useEffect(
    () => () => {
      const active = personRef.current;
      personRef.current = null;
      if (active) {
        active.sync.stop();
        active.signedIn.session.lock();
        active.signedIn.db.close();
      }
    },
    [],
  );

  const activate = useCallback(
    async (signedIn: SignedIn, prisonNumber: string) => {
      const { db, session } = signedIn;
      let displayName = signedIn.displayName;
      try {
        if (displayName) {
          const sealed = await session.seal(displayName, 'meta', displayNameKey);
          await db.meta.put({ key: displayNameKey, value: sealed });
        } else {
          const row = await db.meta.get(displayNameKey);
          if (row) displayName = String(await session.open(row.value as Sealed, 'meta', displayNameKey));
        }
      } catch {
        // The name is a courtesy; sign-in goes on without it.
      }
      const { createPersonSync, createDeliverySealer } = await deps.services();
      const api = await deps.api();
      // On a kiosk each item is also sealed to the service, so it can be delivered after sign-out.
      const sealer = deviceMode === 'kiosk' ? createDeliverySealer({ api, db, session, auth: signedIn.auth }) : null;
      const sync = createPersonSync({ db, session, api, auth: signedIn.auth, ...(sealer ? { sealForDelivery: sealer.seal } : {}) });
      sync.status.update({ online: signedIn.mode === 'online' });
      const active: ActivePerson = { signedIn, sync, displayName, prisonNumber };
      // Only one person on a screen: anyone left (should never happen) is locked first.
      const previous = personRef.current;
      if (previous) {
        previous.sync.stop();
        previous.signedIn.session.lock();
      }
      personRef.current = active;
      hygiene.signedIn(session.personId);
      draftWrites.current = Promise.resolve();
      pendingDrafts.current = new Map();
      setPerson(active);
      setNotice(null);
    },
    [deps, deviceMode, hygiene],
  );

  const signIn = useCallback<SessionValue['signIn']>(
    async (input) => {
      await hygiene.settled();
      const services = await deps.services();
      const result = await services.signIn({ api: await deps.api(), device: await deps.device(), ...(deps.unlock ? { unlock: deps.unlock } : {}) }, input);
      if (result.ok) await activate(result, input.prisonNumber.trim().toUpperCase());
      return result;
    },
    [deps, activate, hygiene],
  );

  const changePin = useCallback<SessionValue['changePin']>(
    async (step) => {
      const next = await (await deps.services()).takePinStep(deps, step);
      return next.ok ? signIn(next) : next;
    },
    [deps, signIn],
  );

  const signOut = useCallback<SessionValue['signOut']>(
    async (reason = 'person') => {
      const active = personRef.current;
      if (!active) return;
      // Clear the screen first: nothing of this person stays visible while the last send runs.
      personRef.current = null;
      setPerson(null);
      setNotice({ reason, state: 'signingOut', waiting: active.sync.status.getSnapshot().waiting, draftSaved: false });
      hygiene.screenCleared();
      void navigate(appRoutes.home, { replace: true });
      // The data layer's sign-out ends within 5 s whatever the network does, and drops the key
      // before it waits on anything; the last draft write lands first (`settle`).
      let left = { waiting: active.sync.status.getSnapshot().waiting, draftSaved: false };
      try {
        const { signOut: signOutOfService } = await deps.services();
        const summary = await signOutOfService(active.signedIn, active.sync, await deps.api(), {
          settle: draftWrites.current,
          ...(deps.flushTimeoutMs ? { timeoutMs: deps.flushTimeoutMs } : {}),
        });
        if (summary) left = summary;
      } catch {
        // Whatever went wrong, the key still leaves memory below; the queue stays sealed on the device.
      } finally {
        active.sync.stop();
        active.signedIn.session.lock();
        active.signedIn.db.close();
      }
      await hygiene.signedOut(active.signedIn.session.personId);
      courier.current?.request('manual');
      setNotice({ reason, state: 'done', ...left });
    },
    [deps, navigate, hygiene],
  );

  const saveDraft = useCallback<SessionValue['saveDraft']>(async (name, value) => {
    const active = personRef.current;
    if (!active || active.signedIn.session.locked) return;
    const { db, session } = active.signedIn;
    const key = draftMetaKey(name);
    const pending = pendingDrafts.current;
    const waiting = pending.get(key);
    if (waiting) {
      waiting.value = value; // the write already queued for this draft writes this value instead
      return draftWrites.current;
    }
    const slot = { value };
    pending.set(key, slot);
    const write = draftWrites.current.then(async () => {
      if (pending.get(key) === slot) pending.delete(key);
      const latest = slot.value;
      if (latest === null || latest === undefined) await db.meta.delete(key);
      else {
        const sealed = await session.seal(latest, 'meta', key); // sealed before the write, never inside a transaction
        await db.meta.put({ key, value: sealed });
      }
    });
    draftWrites.current = write.catch(() => undefined);
    return draftWrites.current;
  }, []);

  const readDraft = useCallback<SessionValue['readDraft']>(async (name) => {
    const active = personRef.current;
    if (!active) return null;
    const key = draftMetaKey(name);
    const row = await active.signedIn.db.meta.get(key);
    if (!row) return null;
    return active.signedIn.session.open(row.value as Sealed, 'meta', key).catch(() => null);
  }, []);

  const submit = useCallback<SessionValue['submit']>(async (item, { clearDraft } = {}) => {
    const active = personRef.current;
    if (!active) throw new Error('Nobody is signed in.');
    // In the same queue as the draft writes: an earlier draft write can never land after the item
    // (and bring the words back); what is typed after "Send" is written after it.
    pendingDrafts.current = new Map();
    const task = draftWrites.current.then(() => active.sync.enqueue(item, clearDraft ? { clearMeta: [draftMetaKey(clearDraft)] } : {}));
    draftWrites.current = task.catch(() => undefined);
    return task;
  }, []);

  // One object while the mode holds: the idle watch must not start again on every change of the value.
  const idle = useMemo(() => deps.idle ?? idleTimesFor(deviceMode), [deps, deviceMode]);
  const value = useMemo<SessionValue>(
    () => ({
      deviceMode,
      signInAvailable: deviceMode === 'tablet' || deviceMode === 'kiosk',
      person,
      signIn,
      changePin,
      signOut,
      notice,
      clearNotice: () => setNotice(null),
      idle,
      saveDraft,
      readDraft,
      submit,
    }),
    [deviceMode, person, signIn, changePin, signOut, notice, idle, saveDraft, readDraft, submit],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
