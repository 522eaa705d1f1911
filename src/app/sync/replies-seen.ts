import { type ApplicationReply, ApplicationStatus, isOpenStatus } from '../../domain/application.ts';
import type { Sealed } from '../data/crypto/seal.ts';
import { metaKeys, type PersonDatabase } from '../data/person-db.ts';
import { LockedError, type PersonSession } from '../data/session.ts';
import { readReplies } from './read.ts';

/**
 * Which replies from the OMU the person has read, for the "new" badge. Kept sealed in the person's
 * `meta` (`replies.seen`): for each application, how many messages and which status they last saw.
 *
 * A reply is **new** when it has a message the person has not seen, or when it reached an end
 * (answered, declined, closed) they have not seen. "Received" and "being looked at" change the
 * status line but are not news: every application is received.
 */
export type SeenReply = { messages: number; status: ApplicationStatus };
export type SeenReplies = Record<string, SeenReply>;

export function isNewReply(reply: ApplicationReply, seen: SeenReply | undefined): boolean {
  if (reply.messages.length > (seen?.messages ?? 0)) return true;
  return !isOpenStatus(reply.status) && seen?.status !== reply.status;
}

const key = metaKeys.repliesSeen;

/** What the person has read. A value that does not open or parse counts as nothing read (the badge then says more, never less). */
export async function readSeen(db: PersonDatabase, session: PersonSession): Promise<SeenReplies> {
  const row = await db.meta.get(key);
  if (!row) return {};
  try {
    const value = await session.open(row.value as Sealed, 'meta', key);
    const out: SeenReplies = {};
    if (value && typeof value === 'object') {
      for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
        const { messages, status } = (entry ?? {}) as { messages?: unknown; status?: unknown };
        const parsed = ApplicationStatus.safeParse(status);
        if (typeof messages === 'number' && Number.isInteger(messages) && messages >= 0 && parsed.success) out[id] = { messages, status: parsed.data };
      }
    }
    return out;
  } catch (error) {
    if (error instanceof LockedError) throw error;
    return {};
  }
}

/** The ids of applications whose reply has something new. */
export async function newReplyIds(db: PersonDatabase, session: PersonSession): Promise<Set<string>> {
  const [replies, seen] = await Promise.all([readReplies(db, session), readSeen(db, session)]);
  return new Set([...replies.values()].filter((reply) => isNewReply(reply, seen[reply.applicationId])).map((reply) => reply.applicationId));
}

/** Records that the person has read these replies as they are now (their badge goes). */
export async function markRepliesSeen(db: PersonDatabase, session: PersonSession, replies: readonly ApplicationReply[]): Promise<void> {
  if (replies.length === 0) return;
  const seen = await readSeen(db, session);
  let changed = false;
  for (const reply of replies) {
    const before = seen[reply.applicationId];
    if (before?.messages === reply.messages.length && before.status === reply.status) continue;
    seen[reply.applicationId] = { messages: reply.messages.length, status: reply.status };
    changed = true;
  }
  if (!changed) return;
  const sealed = await session.seal(seen, 'meta', key); // sealed before the write, never inside a transaction
  await db.meta.put({ key, value: sealed });
}
