import { v7 } from 'uuid';

/** A new idempotency key: UUID version 7 (RFC 9562), minted once on the device. */
export function newClientId(): string {
  return v7();
}
