/**
 * Sign-ins on their own, for the cost of sign-in at a given scrypt cost: `count` people sign in
 * once each (PIN and a device id, as a tablet does after its 12 hours), `concurrency` at a time,
 * spread over the service processes. Timed per sign-in and as a whole.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashPin, type ScryptParams } from '../../src/server/auth/pin-hash.ts';
import { pinStamp } from '../../src/server/auth/sign-in-limits.ts';
import { pool, summarize, type LatencySummary } from '../sync/stats.ts';
import { signIn } from './device.ts';
import { estatePin } from './generate.ts';

/**
 * Gives every person one PIN hash (the estate's PIN) at this scrypt cost. Their known devices
 * (and resume tokens) are moved to the new hash's stamp: as if it had been the hash all along.
 */
export async function setPinCost(client: pg.ClientBase, params: ScryptParams): Promise<void> {
  const pinHash = await hashPin(estatePin, params);
  await client.query('UPDATE people SET pin_hash = $1', [pinHash]);
  await client.query('UPDATE known_devices SET pin_stamp = $1', [pinStamp(pinHash)]);
}

export type SignInRun = { signIns: number; wallMs: number; latency: LatencySummary; errors: number; errorSamples: string[] };

export async function runSignIns(options: { bases: readonly string[]; prisonNumbers: readonly string[]; concurrency: number }): Promise<SignInRun> {
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await pool(
    options.concurrency,
    () => (next < options.prisonNumbers.length ? next++ : null),
    async (index) => {
      try {
        const base = options.bases[index % options.bases.length]!;
        samples.push((await signIn(base, options.prisonNumbers[index]!, estatePin, randomUUID())).ms);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push((error as Error).message);
      }
    },
  );
  return { signIns: samples.length, wallMs: performance.now() - started, latency: summarize(samples), errors, errorSamples };
}
