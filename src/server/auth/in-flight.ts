/**
 * At most `maxPerKey` tasks at once per key; the rest wait their turn, in order, and none is refused.
 *
 * Sign-in runs each try under its client address here (16 at a time). The address cap counts a
 * wrong PIN only once it is known to be wrong, so tries running side by side could each pass the
 * check before any is counted; this bounds how many can (per service instance). A bank of kiosks
 * behind one address still all get in: they queue for a few milliseconds, nobody is turned away.
 */
export function createKeyedLimit(maxPerKey: number) {
  const lanes = new Map<string, { active: number; waiting: Array<() => void> }>();

  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lane = lanes.get(key) ?? { active: 0, waiting: [] };
    lanes.set(key, lane);
    if (lane.active < maxPerKey) lane.active += 1;
    else await new Promise<void>((resolve) => lane.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      // The slot goes straight to the next in line; the last one out removes the lane.
      if (next) next();
      else if (--lane.active === 0) lanes.delete(key);
    }
  };
}
