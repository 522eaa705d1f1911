import { DeliverySecret, type DeliveryEnvelope, type DeliveryKey } from '../../domain/delivery.ts';
import type { OutboxItem } from '../../domain/sync.ts';
import type { Sealed } from '../data/crypto/seal.ts';
import type { PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import type { ApiClient } from './api-client.ts';
import { deliveryApi } from './delivery-api.ts';
import { readServiceKey, saveServiceKey, withDeliveryDatabase } from './delivery-db.ts';
import { importDeliverySecret, sealEnvelope } from './delivery-envelope.ts';
import type { AuthHandle } from './flusher.ts';

/**
 * On a kiosk, each item a person queues is also sealed for delivery without them (courier.ts).
 * This holds, for one signed-in person, what that needs:
 * - the service's public key: asked for after an online sign-in, remembered for offline use;
 * - this sign-in's delivery secret: asked for with the person's access token, kept in memory and
 *   sealed under the person's own key in their database (so an offline sign-in later can use it).
 *   Locking the session drops it from memory.
 * Nothing here may hold up saving an item: without a key or a secret (yet), the item is saved
 * without an envelope and waits for the person's own next sign-in, as before.
 */
export const deliverySecretMetaKey = 'delivery.secret';

/** How long `seal` waits for the first set-up after sign-in before saving the item without an envelope. */
const setUpWaitMs = 2_000;

export type DeliverySealer = {
  /** The envelope for an item, or undefined when this session cannot make one. Never throws. */
  seal(item: OutboxItem): Promise<DeliveryEnvelope | undefined>;
  /** Resolves when the first set-up has finished (tests). */
  ready(): Promise<void>;
};

type Secret = { secretId: string; key: CryptoKey; expiresAt: string };

export function createDeliverySealer(options: {
  api: ApiClient;
  db: PersonDatabase;
  session: PersonSession;
  auth: AuthHandle;
  /** The device's clock, only to skip a secret the service will no longer take. */
  wallClock?: () => number;
}): DeliverySealer {
  const { db, session, auth } = options;
  const api = deliveryApi(options.api);
  const wallClock = options.wallClock ?? (() => Date.now());
  let serviceKey: DeliveryKey | null = null;
  let secret: Secret | null = null;
  let asked = false;
  session.onLock(() => {
    secret = null;
  });

  async function takeSecret(value: DeliverySecret): Promise<void> {
    const key = await importDeliverySecret(value.secret);
    if (!session.locked) secret = { secretId: value.secretId, key, expiresAt: value.expiresAt };
  }

  async function loadStored(): Promise<void> {
    const row = await db.meta.get(deliverySecretMetaKey);
    if (!row) return;
    const parsed = DeliverySecret.safeParse(await session.open(row.value as Sealed, 'meta', deliverySecretMetaKey));
    if (parsed.success && secret === null) await takeSecret(parsed.data);
  }

  /** Asks the service, once per session, when there is an access token. */
  async function askService(): Promise<void> {
    const token = auth.accessToken();
    if (asked || token === null || session.locked) return;
    asked = true;
    const [key, issued] = await Promise.all([api.key(), api.secret(token)]);
    if (key.ok) {
      serviceKey = key.value;
      await withDeliveryDatabase((delivery) => saveServiceKey(delivery, key.value));
    }
    if (issued.ok) {
      const sealed = await session.seal(issued.value, 'meta', deliverySecretMetaKey); // sealed before the write
      await db.meta.put({ key: deliverySecretMetaKey, value: sealed });
      await takeSecret(issued.value);
    } else {
      asked = issued.kind === 'refused'; // no answer: ask again next time
    }
  }

  const setUp = (async () => {
    serviceKey = await withDeliveryDatabase(readServiceKey);
    await Promise.all([loadStored(), askService()]);
  })().catch(() => undefined);

  return {
    async seal(item) {
      try {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([setUp, new Promise((resolve) => (timer = setTimeout(resolve, setUpWaitMs)))]);
        clearTimeout(timer);
        // Signed in offline earlier and online now: get this sign-in's own secret for next time.
        if (!asked) void askService().catch(() => undefined);
        const current = secret;
        if (!serviceKey || !current || session.locked) return undefined;
        if (wallClock() >= Date.parse(current.expiresAt)) return undefined;
        return await sealEnvelope({ serviceKey, personId: session.personId, secretId: current.secretId, secret: current.key, item });
      } catch {
        return undefined;
      }
    },
    ready: () => setUp,
  };
}
