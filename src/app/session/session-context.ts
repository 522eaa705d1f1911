import { createContext, useContext } from 'react';
import type { DeviceMode } from '../../domain/device.ts';
import type { OutboxItem } from '../../domain/sync.ts';
import type { PersonSync } from '../sync/engine.ts';
import type { SignedIn, SignInResult } from '../sync/sign-in.ts';
import type { IdleTimes } from './device-mode.ts';
import type { PinStep, PinStepRefusal } from './pin-steps.ts';

/**
 * The person signed in on this screen: their unlocked store, tokens and sync. Memory only.
 * `prisonNumber` is as they typed it at sign-in (upper case), for their printed plan.
 */
export type ActivePerson = { signedIn: SignedIn; sync: PersonSync; displayName: string | null; prisonNumber?: string };

/** What the screen says after a sign-out (no personal data: a count and why). */
export type SignOutNotice = { reason: 'person' | 'idle'; state: 'signingOut' | 'done'; waiting: number; draftSaved: boolean };

/** What a PIN step ends in: the sign-in with the new PIN, or why it could not be taken. */
export type PinStepOutcome = SignInResult | PinStepRefusal;

export type SessionValue = {
  /** null until the deployment has said (first load only; then remembered). */
  deviceMode: DeviceMode | null;
  /** True only in `tablet` and `kiosk` modes: families' devices, and a device whose mode is not known yet, have no sign-in. */
  signInAvailable: boolean;
  person: ActivePerson | null;
  signIn(input: { prisonNumber: string; pin: string }): Promise<SignInResult>;
  /**
   * A step after a sign-in that needs a new PIN (`pinChanged`, `newPinNeeded`: see pin-steps.ts),
   * then the sign-in with the new PIN.
   */
  changePin(step: PinStep): Promise<PinStepOutcome>;
  signOut(reason?: SignOutNotice['reason']): Promise<void>;
  notice: SignOutNotice | null;
  clearNotice(): void;
  idle: IdleTimes;
  /** Saves (sealed, in the person's own store) what a form holds; null removes it. Writes go in order. */
  saveDraft(name: string, value: unknown): Promise<void>;
  readDraft(name: string): Promise<unknown>;
  /**
   * Saves what a form made for sending, after the form's earlier draft writes, and clears that
   * form's draft in the same transaction as the item (so a reload cannot send it twice).
   */
  submit(item: OutboxItem, options?: { clearDraft?: string }): Promise<void>;
};

const notSignedIn = async (): Promise<SignInResult> => ({ ok: false, reason: 'needsConnection' });

/** Outside a provider (for example a page rendered on its own) nobody is signed in. */
export const SessionContext = createContext<SessionValue>({
  deviceMode: null,
  signInAvailable: false,
  person: null,
  signIn: notSignedIn,
  changePin: notSignedIn,
  signOut: async () => {},
  notice: null,
  clearNotice: () => {},
  idle: { timeoutMs: 2 * 60_000, warningMs: 30_000 },
  saveDraft: async () => {},
  readDraft: async () => null,
  submit: async () => {
    throw new Error('Nobody is signed in.');
  },
});

export function useSession(): SessionValue {
  return useContext(SessionContext);
}
