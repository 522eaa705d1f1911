/** A small seeded random source (mulberry32), so the same seed always makes the same estate. */
export type Random = {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  below(n: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
  /** `count` random bytes as base64url. */
  bytes64(count: number): string;
  /** A UUID version 7 for the given time, as a device mints them (time first, then random bits). */
  uuidv7(atMs: number): string;
};

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const below = (n: number) => Math.floor(next() * n);
  const byteArray = (count: number) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = below(256);
    return out;
  };
  return {
    next,
    below,
    pick: (items) => items[below(items.length)]!,
    bytes64: (count) => Buffer.from(byteArray(count)).toString('base64url'),
    uuidv7(atMs) {
      const bytes = Buffer.from(byteArray(16));
      bytes.writeUIntBE(atMs, 0, 6);
      bytes[6] = (bytes[6]! & 0x0f) | 0x70;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
