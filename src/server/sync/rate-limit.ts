/**
 * A rate limit on sync per signed-in person: a token bucket. Each pull or push takes one token;
 * the bucket holds `burst` and refills `perSecond`. Generous on purpose: a device syncing as it
 * should (a pass every few seconds at most, a long outbox in batches, a first pull in pages) never
 * meets it; only a loop or someone hammering the service does, and gets 429 with Retry-After,
 * which the app honours. Kept in this process's memory (a second instance keeps its own count).
 */
export type RateLimit = { burst: number; perSecond: number };

/** About 100 pushes and pulls at once (a device catching up on 10,000 queued items), then 2 a second. */
export const defaultSyncRateLimit: RateLimit = { burst: 120, perSecond: 2 };

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How many people's buckets to keep before forgetting the ones that are full again. */
const sweepAbove = 10_000;

export function createRateLimiter(limit: RateLimit) {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function level(bucket: { tokens: number; at: number }, nowMs: number): number {
    return Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * limit.perSecond);
  }

  function sweep(nowMs: number): void {
    for (const [key, bucket] of buckets) if (level(bucket, nowMs) >= limit.burst) buckets.delete(key);
  }

  return {
    /** Takes one token for `key` at `now`, or says how long until one is there. */
    take(key: string, now: Date): Take {
      const nowMs = now.getTime();
      const bucket = buckets.get(key);
      const tokens = bucket ? level(bucket, nowMs) : limit.burst;
      if (tokens < 1) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)) };
      if (!bucket && buckets.size >= sweepAbove) sweep(nowMs);
      buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return { allowed: true };
    },
  };
}
