import { createHook } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultScryptParams, hashPin, parsePinHash, pinHashesAtOnce, verifyPin } from '../../src/server/auth/pin-hash.ts';

const cheap = { N: 1024, r: 8, p: 1 };

describe('PIN hashing', () => {
  it('stores scrypt parameters, a 16-byte salt and the hash', async () => {
    const stored = await hashPin('482913');
    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    const parsed = parsePinHash(stored);
    expect(parsed?.params).toEqual(defaultScryptParams);
    expect(parsed?.salt.length).toBe(16);
    expect(stored).not.toContain('482913');
  });

  it('verifies the right PIN and rejects a wrong one', async () => {
    const stored = await hashPin('135790', cheap);
    expect(await verifyPin('135790', stored)).toBe(true);
    expect(await verifyPin('135791', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts every hash differently', async () => {
    expect(await hashPin('111111', cheap)).not.toBe(await hashPin('111111', cheap));
  });

  it('never matches a malformed or tampered hash', async () => {
    const stored = await hashPin('246802', cheap);
    expect(await verifyPin('246802', 'plain-text')).toBe(false);
    expect(await verifyPin('246802', stored.replace('N=1024', 'N=1000'))).toBe(false);
    expect(await verifyPin('246802', stored.replace('N=1024', 'N=2048'))).toBe(false);
    expect(await verifyPin('246802', stored.replace('N=1024', `N=${2 ** 24}`))).toBe(false);
    expect(parsePinHash('scrypt$N=1024,r=8,p=1$short$abc')).toBeNull();
  });

  it('works out at most half the cores\' worth of hashes at once; the rest wait their turn and all finish', async () => {
    expect(pinHashesAtOnce).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    // Each scrypt job runs from its creation until its callback.
    const running = new Set<number>();
    let most = 0;
    const hook = createHook({
      init(id, type) {
        if (type !== 'SCRYPTREQUEST') return;
        running.add(id);
        most = Math.max(most, running.size);
      },
      before(id) {
        running.delete(id);
      },
    }).enable();
    try {
      const stored = await Promise.all(Array.from({ length: pinHashesAtOnce * 3 + 1 }, (_, i) => hashPin(String(100_000 + i), cheap)));
      const checks = await Promise.all(stored.map((hash, i) => verifyPin(String(100_000 + i), hash)));
      expect(checks.every(Boolean)).toBe(true);
    } finally {
      hook.disable();
    }
    expect(most).toBe(pinHashesAtOnce);
  });
});
