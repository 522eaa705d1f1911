import { dummyPinHash, hashPin, verifyPin, type ScryptParams } from '../auth/pin-hash.ts';

/**
 * Staff passwords are kept as salted scrypt hashes, in the same format and with the same code as
 * PINs (auth/pin-hash.ts: the string carries its own cost and salt; NFKC first, so the same
 * password typed on another keyboard matches). An unknown username is checked against a dummy
 * hash, so it takes as long as a wrong password and gets the same answer.
 */
export const hashPassword = (password: string, params?: ScryptParams) => hashPin(password, params);
export const verifyPassword = (password: string, stored: string) => verifyPin(password, stored);
export const dummyPasswordHash = (params: ScryptParams) => dummyPinHash(params);
