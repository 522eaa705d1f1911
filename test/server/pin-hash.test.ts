import { describe, expect, it } from 'vitest';
import { defaultScryptParams, hashPin, parsePinHash, verifyPin } from '../../src/server/auth/pin-hash.ts';

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
});
