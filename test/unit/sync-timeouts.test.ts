import { afterEach, describe, expect, it } from 'vitest';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { createApiClient, type FetchLike } from '../../src/app/sync/api-client.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { flushLockName, memoryLock } from '../../src/app/sync/locks.ts';
import { signOut } from '../../src/app/sync/sign-in.ts';
import { alice, application, manualClock, world } from './sync-harness.ts';

/** A network that takes the request and never answers; only an abort ends it. */
const neverAnswers: FetchLike = (_input, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
  });

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

describe('every request has a time-out', () => {
  it('a request nobody answers ends as a network failure once its time is up', async () => {
    const api = createApiClient({ fetch: neverAnswers, timeoutMs: 50 });
    const started = performance.now();
    expect(await api.pull('token', null, 10)).toMatchObject({ ok: false, kind: 'network', aborted: false });
    expect(await api.refresh('token')).toMatchObject({ ok: false, kind: 'network', aborted: false });
    expect(await api.signOut({ accessToken: 'token' })).toMatchObject({ ok: false, kind: 'network', aborted: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('the caller\'s own signal still cuts it short, and says it was the caller', async () => {
    const api = createApiClient({ fetch: neverAnswers, timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await api.push('token', [application()], controller.signal)).toMatchObject({ ok: false, kind: 'network', aborted: true });
  });

  it('a body that never finishes arriving is timed out too', async () => {
    const slowBody: FetchLike = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"schemaVersion":1,'));
            init.signal?.addEventListener('abort', () => controller.error(new DOMException('Aborted', 'AbortError')), { once: true });
          },
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    const api = createApiClient({ fetch: slowBody, timeoutMs: 50 });
    expect(await api.pull('token', null, 10)).toMatchObject({ ok: false });
  });
});

describe('sign-out always ends within 5 seconds, and drops the key first', { timeout: 15_000 }, () => {
  async function aliceWithWaitingItem() {
    const a = await w.signIn(alice);
    const sync = createPersonSync({ db: a.db, session: a.session, api: w.api, auth: a.auth, pull: false, clock: manualClock() });
    w.service.setOnline(false);
    const item = application();
    await sync.enqueue(item);
    await sync.idle();
    w.service.setOnline(true);
    const started = performance.now();
    let lockedAfter: number | null = null;
    a.session.onLock(() => (lockedAfter = performance.now() - started));
    return { a, sync, item, started, lockedAfter: () => lockedAfter };
  }

  it('the service takes every request and never answers', async () => {
    w = world();
    const { a, sync, started, lockedAfter } = await aliceWithWaitingItem();
    w.service.setHanging(true);
    await signOut(a, sync, w.api);
    const took = performance.now() - started;
    expect(a.session.locked).toBe(true);
    expect(() => a.session.key()).toThrow();
    expect(lockedAfter()).not.toBeNull();
    expect(lockedAfter()!).toBeLessThan(1000);
    expect(took).toBeLessThan(5000);
    // Nothing is lost: the item still waits, sealed, for the next sign-in; the refresh token is gone.
    const store = w.track(openPersonDatabase(alice.personId));
    expect(await store.outbox.count()).toBe(1);
    expect(await store.meta.get('refreshToken')).toBeUndefined();
  });

  it('another tab holds the flush lock and never lets go', async () => {
    w = world();
    const { a, sync, started, lockedAfter } = await aliceWithWaitingItem();
    let release!: () => void;
    void memoryLock(flushLockName(alice.personId), () => new Promise<void>((resolve) => (release = resolve)));
    try {
      await signOut(a, sync, w.api);
      expect(a.session.locked).toBe(true);
      expect(lockedAfter()!).toBeLessThan(1000);
      expect(performance.now() - started).toBeLessThan(5000);
      // The sign-in is still ended on the service even though nothing could be sent.
      expect(w.service.calls.at(-1)).toMatchObject({ path: '/api/auth/sign-out', status: 204 });
      expect(w.service.effects).toHaveLength(0);
    } finally {
      release();
    }
  });

  it('online and free: the last send goes first, after the key has left memory', async () => {
    w = world();
    const { a, sync, item } = await aliceWithWaitingItem();
    let lockedAtFirstPush: boolean | null = null;
    const api = createApiClient({
      fetch: (input, init) => {
        if (input.includes('/api/sync/push')) lockedAtFirstPush ??= a.session.locked;
        return w.service.fetch(input, init);
      },
    });
    await signOut(a, sync, api);
    expect(lockedAtFirstPush).toBe(true);
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    const store = w.track(openPersonDatabase(alice.personId));
    expect(await store.outbox.count()).toBe(0);
    expect((await store.submissions.get(item.id))?.state).toBe('sent');
  });
});
