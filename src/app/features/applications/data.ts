import { useCallback } from 'react';
import { ApplicationType } from '../../../domain/application.ts';
import type { Plan } from '../../../domain/plan.ts';
import { ClientReplyTimes, type ReplyTime, withDefaultReplyTimes } from '../../../domain/reply-times.ts';
import { replyTimesStorageKey } from '../../session/device-mode.ts';
import { type Loaded, usePersonData } from '../../session/hooks.ts';
import { type ActivePerson, type SessionValue, useSession } from '../../session/session-context.ts';
import { readApplications, readPlan, readReplies } from '../../sync/read.ts';
import { type Draft, legacyDraftName, newDraftName, type Row, toDraft } from './model.ts';

/** Everything the applications pages show, read from the person's sealed store. */
export type ApplicationsData = {
  /** Newest first. */
  rows: Row[];
  /** Drafts of new applications, one per type at most. */
  drafts: Draft[];
  /** The person's plan as last pulled (for "which goal"), or null. */
  plan: Plan | null;
};

/**
 * The app before application types kept one draft (`draft.application`); it becomes the draft of
 * its own type (unless that type has one), so nothing written before an update is lost.
 */
export async function moveLegacyDraft(readDraft: SessionValue['readDraft'], saveDraft: SessionValue['saveDraft']): Promise<void> {
  const legacy = toDraft(await readDraft(legacyDraftName));
  if (!legacy) return;
  if (!toDraft(await readDraft(newDraftName(legacy.type)))) await saveDraft(newDraftName(legacy.type), legacy);
  await saveDraft(legacyDraftName, null);
}

async function load(person: ActivePerson, readDraft: SessionValue['readDraft'], saveDraft: SessionValue['saveDraft']): Promise<ApplicationsData> {
  const { db, session } = person.signedIn;
  await moveLegacyDraft(readDraft, saveDraft);
  const onUnreadable = () => person.sync.reportDamage();
  const [views, applications, replies, plan, drafts] = await Promise.all([
    person.sync.items(),
    readApplications(db, session),
    readReplies(db, session, { onUnreadable }),
    readPlan(db, session, { onUnreadable }),
    Promise.all(ApplicationType.options.map(async (type) => toDraft(await readDraft(newDraftName(type)), type))),
  ]);
  const made = views.filter((view) => view.kind === 'application');
  const here = new Set(made.map((view) => view.id));
  const rows: Row[] = [
    ...made.map((view) => ({ id: view.id, view, application: applications.get(view.id) ?? null, reply: replies.get(view.id) ?? null })),
    // Replies to applications this device does not hold (made elsewhere, or gone with a kiosk's sign-out).
    ...[...replies.values()].filter((reply) => !here.has(reply.applicationId)).map((reply) => ({ id: reply.applicationId, view: null, application: null, reply })),
  ];
  // Newest first: ids are UUIDv7, made in time order.
  rows.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { rows, drafts: drafts.filter((draft): draft is Draft => draft !== null), plan };
}

/** The person's applications, read again whenever sync changes something. */
export function useApplications(person: ActivePerson): Loaded<ApplicationsData> {
  const { readDraft, saveDraft } = useSession();
  const loader = useCallback((active: ActivePerson) => load(active, readDraft, saveDraft), [readDraft, saveDraft]);
  return usePersonData(person, loader);
}

/**
 * How long the OMU usually takes to answer each type: what the deployment said (remembered on the
 * device from /config.json), checked with the shared schema; the defaults otherwise.
 */
export function replyTimes(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Record<ApplicationType, ReplyTime> {
  try {
    const saved = storage?.getItem(replyTimesStorageKey);
    const parsed = saved ? ClientReplyTimes.safeParse(JSON.parse(saved)) : null;
    if (parsed?.success) return parsed.data;
  } catch {
    // Blocked storage or a spoilt copy: the defaults.
  }
  return withDefaultReplyTimes(null);
}
