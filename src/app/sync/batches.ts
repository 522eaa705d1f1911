import { currentSchemaVersion, type OutboxItem } from '../../domain/sync.ts';

/**
 * Sizes of push bodies, exactly as the API client sends them (`JSON.stringify` of
 * `{schemaVersion, items}`), in UTF-8 bytes. Pure.
 */
const encoder = new TextEncoder();
const utf8Bytes = (text: string) => encoder.encode(text).length;

/** `{"schemaVersion":1,"items":[]}` */
const envelopeBytes = utf8Bytes(JSON.stringify({ schemaVersion: currentSchemaVersion, items: [] }));

export function itemBytes(item: OutboxItem): number {
  return utf8Bytes(JSON.stringify(item));
}

/** The body of a push that carries these items. */
export function pushBytes(items: readonly OutboxItem[]): number {
  return envelopeBytes + items.reduce((sum, item) => sum + itemBytes(item), 0) + Math.max(0, items.length - 1);
}

/** True when this item alone makes a body bigger than `maxBytes`: it can never be sent. */
export function tooBigAlone(item: OutboxItem, maxBytes: number): boolean {
  return pushBytes([item]) > maxBytes;
}

/**
 * The next batch: the oldest items, in order, as many as fit in `maxItems` and `maxBytes`, always
 * at least one. An item in `alone` (the service failed on it when it went by itself) goes by
 * itself, and a batch stops before one.
 */
export function takeBatch(items: readonly OutboxItem[], limits: { maxItems: number; maxBytes: number; alone?: ReadonlySet<string> }): OutboxItem[] {
  const [first, ...rest] = items;
  if (!first) return [];
  const batch = [first];
  if (limits.alone?.has(first.id)) return batch;
  let bytes = pushBytes(batch);
  for (const item of rest) {
    if (batch.length >= limits.maxItems || limits.alone?.has(item.id)) break;
    const next = bytes + 1 + itemBytes(item);
    if (next > limits.maxBytes) break;
    batch.push(item);
    bytes = next;
  }
  return batch;
}
