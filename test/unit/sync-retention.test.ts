import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationReply } from '../../src/domain/application.ts';
import type { OutboxItem } from '../../src/domain/sync.ts';
import type { PersonDatabase } from '../../src/app/data/person-db.ts';
import type { PersonSession } from '../../src/app/data/session.ts';
import { enqueue } from '../../src/app/sync/outbox.ts';
import { pullChanges, readCursor } from '../../src/app/sync/pull.ts';
import { readApplications, readReplies } from '../../src/app/sync/read.ts';
import { alice, application, world } from './sync-harness.ts';

/**
 * The device keeps no longer than a new device would get (src/domain/retention.ts): finished
 * applications leave it 90 days after their last change, by the service's clock; and a pull that
 * starts again (the device's cursor was older than what the service let go) replaces what it held.
 */
let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

function reply(item: OutboxItem, status: ApplicationReply['status'], updatedAt: string): { entity: 'applicationReply'; data: ApplicationReply } {
  return { entity: 'applicationReply', data: { applicationId: item.id, personId: alice.personId, status, type: 'seeMyPom', messages: [], updatedAt } };
}

/** An application the person wrote here and the service has (as after a flush). */
async function sent(db: PersonDatabase, session: PersonSession, details: string): Promise<OutboxItem> {
  const item = application(details);
  await enqueue(db, session, item);
  await db.transaction('rw', [db.outbox, db.submissions], async () => {
    await db.outbox.delete(item.id);
    await db.submissions.update(item.id, { state: 'sent' });
  });
  return item;
}

describe('retention on the device', () => {
  it('lets a finished application go 90 days after its last change, reply and sent copy, by the service clock', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.setOnline(true);
    const answered = await sent(db, session, 'Please can I see my POM');
    const open = await sent(db, session, 'Can I have a copy of my plan');
    w.service.addChange(alice.personId, reply(answered, 'answered', '2026-01-10T09:00:00Z'));
    w.service.addChange(alice.personId, reply(open, 'received', '2026-01-05T09:00:00Z'));
    // The device clock is years ahead: it decides nothing.
    const pull = () => pullChanges({ db, session, api: w.api, auth, wallClock: () => Date.parse('2031-01-01T00:00:00Z') });
    expect(await pull()).toEqual({ kind: 'done' });
    expect([...(await readReplies(db, session)).keys()].sort()).toEqual([answered.id, open.id].sort());

    // Another application, answered exactly 90 days after the first: the first stays.
    const other = application('From the kiosk');
    w.service.addChange(alice.personId, reply(other, 'answered', '2026-04-10T09:00:00Z'));
    expect(await pull()).toEqual({ kind: 'done' });
    expect([...(await readReplies(db, session)).keys()].sort()).toEqual([answered.id, open.id, other.id].sort());
    expect(await db.submissions.get(answered.id)).toBeDefined();

    // One second later (by the service's time), it goes, and its sent copy with it; the open one stays.
    const later = application('Another');
    w.service.addChange(alice.personId, reply(later, 'declined', '2026-04-10T09:00:01Z'));
    expect(await pull()).toEqual({ kind: 'done' });
    expect([...(await readReplies(db, session)).keys()].sort()).toEqual([open.id, other.id, later.id].sort());
    expect(await db.submissions.get(answered.id)).toBeUndefined();
    expect([...(await readApplications(db, session)).keys()]).toEqual([open.id]);
  });

  it('starts again when the service says so: the replies held are replaced, sent ones it no longer has let go', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    const held = await sent(db, session, 'Please can I see my POM');
    const waiting = application('Not sent yet');
    await enqueue(db, session, waiting);
    w.service.addChange(alice.personId, reply(held, 'received', '2026-01-05T09:00:00Z'));
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect((await readReplies(db, session)).get(held.id)?.status).toBe('received');

    // Staff answered it, and long after, the service let it go; then a new one from another device.
    w.service.addChange(alice.personId, reply(held, 'answered', '2026-01-08T09:00:00Z'));
    w.service.retire(alice.personId, held.id);
    const elsewhere = application('Sent from another device');
    w.service.addChange(alice.personId, reply(elsewhere, 'received', '2026-05-01T09:00:00Z'));

    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    const replies = await readReplies(db, session);
    expect([...replies.keys()], 'no longer shown as received').toEqual([elsewhere.id]);
    expect(await db.submissions.get(held.id), 'its sent copy went too').toBeUndefined();
    expect((await db.submissions.get(waiting.id))?.state, 'what waits to be sent is never touched').toBe('waiting');
    // Once only: the cursor is now past what went.
    const cursor = await readCursor(db);
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect(await readCursor(db)).toBe(cursor);
    expect([...(await readReplies(db, session)).keys()]).toEqual([elsewhere.id]);
  });
});
