/**
 * The delivery envelope: sealed by the app's code (as a kiosk does at enqueue), opened and checked
 * by the service's code. Keys are real (WebCrypto, P-256); the secret records are kept in a map
 * here. Replays end as `duplicate` in the push path: that is tested on both engines in
 * test/server/support/delivery-suite.ts.
 */
import { describe, expect, it } from 'vitest';
import { DeliveryEnvelope, type DeliveryKey } from '../../src/domain/delivery.ts';
import type { OutboxItem } from '../../src/domain/sync.ts';
import { importDeliverySecret, sealEnvelope } from '../../src/app/sync/delivery-envelope.ts';
import type { DeliveryKeyRecord, DeliverySecretRecord, NewDeliveryKey } from '../../src/server/delivery/delivery-store.ts';
import { checkEnvelope, openEnvelope } from '../../src/server/delivery/envelope.ts';
import { createKeyRing, deriveSecret, newSealKey, newSecretKey } from '../../src/server/delivery/keys.ts';
import { newClientId } from '../../src/app/sync/ids.ts';

const now = new Date('2026-11-23T10:00:00.000Z');
const alice = 'person-a';
const bob = 'person-b';

function application(details = 'Please can I see my POM about my course.'): OutboxItem {
  const id = newClientId();
  const createdAt = '2026-11-23T09:30:00.000Z';
  return { id, kind: 'application', createdAt, payload: { id, createdAt, type: 'seeMyPom', details } };
}

/** The service side: real keys, and secret records in memory. */
async function service() {
  const keys = new Map<string, DeliveryKeyRecord>();
  const add = (key: NewDeliveryKey) => {
    const record = { ...key, retiredAt: null };
    keys.set(key.keyId, record);
    return record;
  };
  const seal = add(await newSealKey(now));
  const secretKey = add(await newSecretKey(now));
  const secrets = new Map<string, DeliverySecretRecord>();
  const store = {
    async currentKey(purpose: 'seal' | 'secret') {
      return purpose === 'seal' ? seal : secretKey;
    },
    async getKey(keyId: string) {
      return keys.get(keyId) ?? null;
    },
    async getSecret(secretId: string) {
      return secrets.get(secretId) ?? null;
    },
  };
  const ring = createKeyRing(store, () => now);
  const publicKey: DeliveryKey = await ring.currentSealKey();
  let n = 0;
  return {
    publicKey,
    ring,
    secrets,
    rotate: async () => add(await newSealKey(now)),
    /** What POST /api/delivery/secret gives a signed-in person. */
    issue(personId: string, expiresAt = '2026-12-07T10:00:00.000Z') {
      n += 1;
      const secretId = `ds_${n}`;
      secrets.set(secretId, { secretId, sessionId: `s_${n}`, personId, keyId: secretKey.keyId, issuedAt: now.toISOString(), expiresAt, revokedAt: null });
      return { secretId, secret: deriveSecret(Buffer.from(secretKey.privateKey, 'base64'), secretId, personId).toString('base64') };
    },
    check: (envelope: DeliveryEnvelope, at = now) => checkEnvelope(envelope, { keys: ring, store, now: at }),
  };
}

type Service = Awaited<ReturnType<typeof service>>;

async function sealAs(svc: Service, personId: string, item: OutboxItem, issued = svc.issue(personId), key = svc.publicKey) {
  return sealEnvelope({ serviceKey: key, personId, secretId: issued.secretId, secret: await importDeliverySecret(issued.secret), item });
}

/** Changes one base64 character of a field (keeps it valid base64). */
function flip(text: string, at: number): string {
  const c = text[at]!;
  return text.slice(0, at) + (c === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

describe('delivery envelope', () => {
  it('is sealed: the words are nowhere in it, and only the service key opens it', async () => {
    const svc = await service();
    const words = 'Please can I have a copy of my OASys before my review';
    const item = application(words);
    const envelope = await sealAs(svc, alice, item);
    expect(DeliveryEnvelope.parse(envelope)).toEqual(envelope);
    expect(envelope).toMatchObject({ v: 1, id: item.id, personId: alice, keyId: svc.publicKey.keyId });
    const serialised = JSON.stringify(envelope);
    expect(serialised).not.toContain('OASys');
    expect(atob(envelope.ct)).not.toContain('OASys');
    // Two envelopes of the same item share nothing but their labels (fresh one-off key and nonce).
    const again = await sealAs(svc, alice, item);
    expect(again.epk).not.toBe(envelope.epk);
    expect(again.ct).not.toBe(envelope.ct);

    expect(await svc.check(envelope)).toEqual({ ok: true, personId: alice, item });

    // Another service key (say, another deployment's) cannot open it.
    const other = await service();
    const otherPrivate = await other.ring.sealPrivateKey(other.publicKey.keyId);
    expect(await openEnvelope(envelope, otherPrivate!)).toBeNull();
  });

  it('refuses any change to any part, as `invalid`', async () => {
    const svc = await service();
    const envelope = await sealAs(svc, alice, application());
    const changed: DeliveryEnvelope[] = [
      { ...envelope, ct: flip(envelope.ct, 10) },
      { ...envelope, ct: flip(envelope.ct, envelope.ct.length - 6) }, // the tag
      { ...envelope, iv: flip(envelope.iv, 3) },
      { ...envelope, epk: flip(envelope.epk, 40) },
      { ...envelope, id: newClientId() },
    ];
    for (const tampered of changed) {
      expect(await svc.check(tampered)).toMatchObject({ ok: false, result: { id: tampered.id, status: 'rejected', code: 'invalid' } });
    }
    // Sealed to a key the service does not have.
    expect(await svc.check({ ...envelope, keyId: 'dk_unknown' })).toMatchObject({ ok: false, result: { code: 'invalid' } });
  });

  it('refuses an envelope relabelled to another person, or written with another person\'s secret', async () => {
    const svc = await service();
    const item = application('B pretends to be A');

    // Relabelled: A's envelope now says it is Bob's. The associated data no longer matches.
    const real = await sealAs(svc, alice, application());
    expect(await svc.check({ ...real, personId: bob })).toMatchObject({ ok: false, result: { code: 'invalid' } });

    // Bob, at the kiosk, seals an item "from Alice" with his own secret: it opens, but is not hers.
    const bobs = svc.issue(bob);
    const forged = await sealAs(svc, alice, item, bobs);
    expect(await svc.check(forged)).toMatchObject({ ok: false, result: { id: item.id, code: 'notAllowed' } });

    // With a secret id of Alice's but a key he made up.
    const alices = svc.issue(alice);
    const madeUp = { secretId: alices.secretId, secret: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) };
    expect(await svc.check(await sealAs(svc, alice, item, madeUp))).toMatchObject({ ok: false, result: { code: 'notAllowed' } });

    // With no secret the service ever issued.
    const none = { secretId: 'ds_never', secret: madeUp.secret };
    expect(await svc.check(await sealAs(svc, alice, item, none))).toMatchObject({ ok: false, result: { code: 'notAllowed' } });
  });

  it('refuses a revoked secret (`notAllowed`) and one that has run out (`tooLate`)', async () => {
    const svc = await service();
    const issued = svc.issue(alice, '2026-11-24T10:00:00.000Z');
    const envelope = await sealAs(svc, alice, application(), issued);
    expect(await svc.check(envelope)).toMatchObject({ ok: true });
    expect(await svc.check(envelope, new Date('2026-11-24T10:00:00.000Z'))).toMatchObject({ ok: false, result: { code: 'tooLate' } });
    svc.secrets.set(issued.secretId, { ...svc.secrets.get(issued.secretId)!, revokedAt: now.toISOString() });
    expect(await svc.check(envelope)).toMatchObject({ ok: false, result: { code: 'notAllowed' } });
  });

  it('still opens after the service key is rotated; a replay opens to the same item, whose id decides', async () => {
    const svc = await service();
    const item = application();
    const envelope = await sealAs(svc, alice, item);
    await svc.rotate();
    const first = await svc.check(envelope);
    const replay = await svc.check(structuredClone(envelope));
    expect(first).toEqual({ ok: true, personId: alice, item });
    // The same item with the same id: the push path answers the second one `duplicate`.
    expect(replay).toEqual(first);
  });
});
