import type { DeliveryEnvelope } from '../../domain/delivery.ts';
import type { OutboxItem, PushResult } from '../../domain/sync.ts';
import { rejected } from '../sync/push-messages.ts';
import { StoreNotFoundError, type Store } from '../store/store.ts';
import { checkEnvelope } from './envelope.ts';
import type { KeyRing } from './keys.ts';
import { deliveryMessages } from './messages.ts';

/**
 * Delivers sealed envelopes: each is opened and checked (envelope.ts), then applied under the
 * person who wrote it through the one push path (`store.applyPush`, with the item's own id), so
 * it has exactly one effect however often, and by whoever, it is sent: a later resend by the
 * person themselves answers `duplicate`. One answer per envelope, in the order sent.
 */
export async function deliverEnvelopes(
  envelopes: readonly DeliveryEnvelope[],
  deps: { store: Store; keys: KeyRing; now: Date },
): Promise<PushResult[]> {
  const checked = await Promise.all(envelopes.map((envelope) => checkEnvelope(envelope, { keys: deps.keys, store: deps.store.delivery, now: deps.now })));

  // Items of each person, in the order sent: one push transaction per person.
  const byPerson = new Map<string, { items: OutboxItem[]; at: number[] }>();
  const results: Array<PushResult | undefined> = checked.map((check, index) => {
    if (!check.ok) return check.result;
    const group = byPerson.get(check.personId) ?? { items: [], at: [] };
    group.items.push(check.item);
    group.at.push(index);
    byPerson.set(check.personId, group);
    return undefined;
  });

  for (const [personId, group] of byPerson) {
    try {
      const applied = await deps.store.applyPush(personId, group.items, deps.now.toISOString());
      applied.forEach((result, i) => {
        results[group.at[i]!] = result;
      });
    } catch (error) {
      if (!(error instanceof StoreNotFoundError)) throw error;
      for (const index of group.at) results[index] = rejected(envelopes[index]!.id, 'notAllowed', deliveryMessages.ownerUnknown);
    }
  }
  return results.map((result, index) => result ?? rejected(envelopes[index]!.id, 'invalid', deliveryMessages.cannotOpen));
}
