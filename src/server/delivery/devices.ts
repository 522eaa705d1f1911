import { randomInt } from 'node:crypto';
import { DeviceName, enrolmentCodeLifetimeHours, enrolmentCodeLength, formatEnrolmentCode } from '../../domain/delivery.ts';
import { hashToken } from '../auth/tokens.ts';
import { newOpaqueId } from '../ids.ts';
import type { DeliveryStore, DeviceRecord } from './delivery-store.ts';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new enrolment code: 12 characters, 60 random bits. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < enrolmentCodeLength; i += 1) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** What the store keeps instead of a code (a normalised one). */
export function hashEnrolmentCode(normalised: string): string {
  return hashToken(`enrol:${normalised}`);
}

/** Staff enrol a kiosk: a device record and its one-time code (shown once, never stored). */
export async function startEnrolment(store: DeliveryStore, name: string, now: Date): Promise<{ device: DeviceRecord; code: string; shown: string }> {
  const checkedName = DeviceName.parse(name);
  const code = newEnrolmentCode();
  const device = await store.createDevice({
    deviceId: newOpaqueId('kiosk'),
    name: checkedName,
    enrolCodeHash: hashEnrolmentCode(code),
    enrolExpiresAt: new Date(now.getTime() + enrolmentCodeLifetimeHours * 3_600_000).toISOString(),
    createdAt: now.toISOString(),
  });
  return { device, code, shown: formatEnrolmentCode(code) };
}

export type DeviceState = 'waitingForCode' | 'codeExpired' | 'enrolled' | 'revoked';

export function deviceState(device: DeviceRecord, now: Date): DeviceState {
  if (device.revokedAt) return 'revoked';
  if (device.enrolledAt) return 'enrolled';
  return device.enrolExpiresAt && device.enrolExpiresAt > now.toISOString() ? 'waitingForCode' : 'codeExpired';
}
