import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createKeyedLimit } from './in-flight.ts';

/**
 * PIN hashing with scrypt from node:crypto. The stored string carries its own parameters and salt:
 *   scrypt$N=32768,r=8,p=1$<salt, base64url>$<hash, base64url>
 * so the cost can be raised later without breaking old hashes.
 * A 6-digit PIN has only a million values: hashing slows guessing from a stolen database, but
 * sign-in must also limit attempts.
 */
export type ScryptParams = { N: number; r: number; p: number };

export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;

/**
 * PIN and password hashes worked out at once in this process: half its cores (at least one). Each
 * is about 0.1 s of a core at N=2^15. Without a bound, a burst of PIN sign-ins filled Node's four
 * thread-pool threads. On a 2-core box that left every other request (pulls, pushes, resumes,
 * the staff inbox) a fraction of the CPU, and their p99 with it. The rest wait their turn, in
 * order, and none is refused. Resume needs no hash, so a morning's sign-ins mostly never wait
 * here.
 */
export const pinHashesAtOnce = Math.max(1, Math.floor(availableParallelism() / 2));
const hashLane = createKeyedLimit(pinHashesAtOnce);

function derive(pin: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return hashLane(
    'scrypt',
    () =>
      new Promise((resolve, reject) => {
        scrypt(pin.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

export async function hashPin(pin: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(pin, salt, keyBytes, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const hashPattern = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Reads a stored hash, refusing parameters that are unsafe or absurdly costly. */
export function parsePinHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const match = hashPattern.exec(stored);
  if (!match) return null;
  const [, n, r, p, salt64, key64] = match;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const isPowerOfTwo = Number.isInteger(Math.log2(params.N));
  if (!isPowerOfTwo || params.N < 2 ** 10 || params.N > 2 ** 20) return null;
  if (params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(salt64 ?? '', 'base64url');
  const key = Buffer.from(key64 ?? '', 'base64url');
  if (salt.length < saltBytes || key.length < 16 || key.length > 64) return null;
  return { params, salt, key };
}

/** True only when `pin` matches the stored hash. A malformed hash never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const candidate = await derive(pin, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(candidate, parsed.key);
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash of a random secret, made once per cost, to check against when nobody has the name typed
 * (an unknown prison number or username): that answer then takes as long as a wrong PIN or
 * password and says the same thing, so nobody can find out which names exist.
 */
export function dummyPinHash(params: ScryptParams): Promise<string> {
  const key = `${params.N},${params.r},${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPin(randomBytes(32).toString('base64url'), params);
    dummyHashes.set(key, hash);
  }
  return hash;
}
