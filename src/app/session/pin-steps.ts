import type { ApiClient } from '../sync/api-client.ts';
import type { DeviceDatabase } from '../data/device-db.ts';
import { forgetPersonAtTheirChoice } from '../data/forget-person.ts';
import { rewrapAfterPinChange, type UnlockOptions } from '../data/unlock.ts';
import { sendOwnPin, type OwnPinRefusal, type PendingPinChange } from '../sync/pin-change.ts';

/**
 * The steps between a sign-in that needs a new PIN and the sign-in with it. Loaded with the sync
 * machinery (session-services), so the first page carries only the one call that runs them.
 * - `oldPin`: the PIN changed elsewhere; the old PIN unlocks this device's data once and the new
 *   one wraps it from now on.
 * - `forgotOldPin`: the person cannot remember the old PIN; this device's copy of their data is
 *   removed (it cannot be opened without it; anything unsent in it is lost), and the plan and
 *   replies come again at the sign-in.
 * - `ownPin`: after a one-time PIN from staff, the person's own PIN is saved on the service.
 */
export type PinStep =
  | { kind: 'oldPin'; personId: string; prisonNumber: string; oldPin: string; newPin: string }
  | { kind: 'forgotOldPin'; personId: string; prisonNumber: string; newPin: string }
  | { kind: 'ownPin'; pending: PendingPinChange; newPin: string };

export type PinStepRefusal = { ok: false; reason: 'oldPinWrong' } | OwnPinRefusal;

/** Does the step's own work; when it is done, says which sign-in comes next. */
export async function takePinStep(
  deps: { api(): Promise<ApiClient>; device(): Promise<DeviceDatabase>; unlock?: UnlockOptions | undefined },
  step: PinStep,
): Promise<{ ok: true; prisonNumber: string; pin: string } | PinStepRefusal> {
  const device = await deps.device();
  if (step.kind === 'oldPin') {
    const { personId, prisonNumber, oldPin, newPin } = step;
    if (!(await rewrapAfterPinChange(device, { personId, prisonNumber, oldPin, newPin }, deps.unlock))) return { ok: false, reason: 'oldPinWrong' };
    return { ok: true, prisonNumber, pin: newPin };
  }
  if (step.kind === 'forgotOldPin') {
    await forgetPersonAtTheirChoice(device, step.personId);
    return { ok: true, prisonNumber: step.prisonNumber, pin: step.newPin };
  }
  const sent = await sendOwnPin({ api: await deps.api(), device }, step.pending, step.newPin);
  return sent.ok ? { ok: true, prisonNumber: step.pending.prisonNumber, pin: step.newPin } : sent;
}
