import { z } from 'zod';
import { ClientId, IsoDateTime } from '../../domain/ids.ts';
import type { ListPosition } from './staff-store.ts';

/**
 * The "next page" marker of a list sorted oldest first: the last item's received time and id,
 * as base64url. Opaque to the console; checked when it comes back (a made-up one is refused).
 */
export function encodePosition(position: ListPosition): string {
  return Buffer.from(`${position.at}|${position.id}`).toString('base64url');
}

const Position = z.object({ at: IsoDateTime, id: ClientId });

export function decodePosition(marker: string): ListPosition | null {
  const [at, id, extra] = Buffer.from(marker, 'base64url').toString('utf8').split('|');
  if (extra !== undefined) return null;
  const parsed = Position.safeParse({ at, id });
  return parsed.success ? parsed.data : null;
}
