import { createHash } from 'node:crypto';
import type { StaffAttemptKeys, StaffSignInPolicy } from './staff-store.ts';

/**
 * Waits after wrong staff passwords: they slow a guesser down and never lock anyone out. The rules
 * and the arithmetic are the prisoner sign-in's (auth/sign-in-limits.ts), with three counts:
 * - **username and address together**: 5 wrong passwords free, then 30 s doubling up to 15 minutes
 *   (the waits someone who mistypes sees); a right password clears it;
 * - **username, from anywhere**: 20 free, then up to 5 minutes: someone guessing from many places
 *   slows to a handful of tries an hour, while the owner, at worst, waits 5 minutes;
 * - **address, any username**: 30 free, then up to 5 minutes: someone trying many usernames.
 * Each is forgotten an hour after its last wrong password; a try counts from the moment it
 * starts, so tries sent at once cannot slip past; a right password takes its try back.
 */
export const staffSignInPolicy: StaffSignInPolicy = {
  pair: { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  account: { freeFailures: 20, firstDelaySeconds: 30, maxDelaySeconds: 5 * 60, forgetAfterSeconds: 60 * 60 },
  address: { freeFailures: 30, firstDelaySeconds: 30, maxDelaySeconds: 5 * 60, forgetAfterSeconds: 60 * 60 },
};

function digest(kind: string, value: string): string {
  return createHash('sha256').update(`staff-${kind}:${value}`).digest('hex');
}

/** The keys a try is counted under: SHA-256s, so the table holds no usernames or addresses. */
export function staffAttemptKeys(username: string, address: string): StaffAttemptKeys {
  return { pair: digest('pair', `${username}|${address}`), account: digest('account', username), address: digest('address', address) };
}
