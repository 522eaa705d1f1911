import { type Application, type ApplicationReply, type ApplicationStatus, ApplicationType, isOpenStatus } from '../../../domain/application.ts';
import type { ItemView } from '../../sync/outbox.ts';

/**
 * The applications pages' own rules, pure: one status line per application, which ones are open
 * (one open application per type), and the shape of a draft.
 */

/**
 * One application as the list shows it: what the device knows, what it says, the OMU's reply.
 * `view` and `application` are null for one made on another device (or on a kiosk, before its
 * data left at sign-out): only the OMU's reply is here.
 */
export type Row = { id: string; view: ItemView | null; application: Application | null; reply: ApplicationReply | null };

/** The type of an application, from what the person wrote or, failing that, from the reply. */
export function typeOf(row: Row): ApplicationType | null {
  return row.application?.type ?? row.reply?.type ?? null;
}

/**
 * One status line made from both sides: the device's own states until the service has it
 * (waiting to send, sending, sent), then the OMU's (received, being looked at, answered,
 * declined, closed). Turned down or unreadable items say so whatever came before.
 */
export type StatusKey = 'draft' | 'waiting' | 'sending' | 'sent' | 'rejected' | 'unreadable' | ApplicationStatus;

export function statusOf(row: Pick<Row, 'view' | 'reply'>): StatusKey {
  const { view, reply } = row;
  if (view?.state === 'rejected' || view?.state === 'unreadable') return view.state;
  if (reply) return reply.status;
  return view?.state ?? 'sent';
}

/** The colour of each status's tag (GOV.UK tag modifiers). */
export const statusTag: Record<StatusKey, string> = {
  draft: 'govuk-tag--grey',
  waiting: 'govuk-tag--yellow',
  sending: 'govuk-tag--blue',
  sent: 'govuk-tag--blue',
  received: 'govuk-tag--light-blue',
  beingLookedAt: 'govuk-tag--purple',
  answered: 'govuk-tag--green',
  declined: 'govuk-tag--orange',
  closed: 'govuk-tag--grey',
  rejected: 'govuk-tag--red',
  unreadable: 'govuk-tag--orange',
};

/**
 * Open: on its way or with the OMU and not finished. A draft, an item turned down or unreadable,
 * and one answered, declined or closed are not open.
 */
export function isOpen(row: Row): boolean {
  const status = statusOf(row);
  if (status === 'waiting' || status === 'sending' || status === 'sent') return true;
  return status !== 'draft' && status !== 'rejected' && status !== 'unreadable' && isOpenStatus(status);
}

/** The open application of this type, if any (the newest, should there be more than one). */
export function openOfType(rows: readonly Row[], type: ApplicationType): Row | null {
  return rows.find((row) => typeOf(row) === type && isOpen(row)) ?? null;
}

/** What a form holds for one application while it is written (kept as a sealed draft). */
export type Draft = { type: ApplicationType; fields: Record<string, string>; details: string; replaces?: string };

/** The draft of a new application of one type; a changed one that was turned down has its own. */
export const newDraftName = (type: ApplicationType): string => `application.${type}`;
export const changeDraftName = (id: string): string => `application.change.${id}`;
/** Where the app before types kept its one draft: read once, moved to its type's own. */
export const legacyDraftName = 'application';

/** A draft read back from the store (any shape, from any version): what fits, or null. */
export function toDraft(value: unknown, type?: ApplicationType): Draft | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { type?: unknown; fields?: unknown; details?: unknown; replaces?: unknown };
  const parsed = ApplicationType.safeParse(v.type ?? type);
  if (!parsed.success) return null;
  const fields: Record<string, string> = {};
  if (v.fields && typeof v.fields === 'object') {
    for (const [key, field] of Object.entries(v.fields as Record<string, unknown>)) if (typeof field === 'string') fields[key] = field;
  }
  return {
    type: parsed.data,
    fields,
    details: typeof v.details === 'string' ? v.details : '',
    ...(typeof v.replaces === 'string' ? { replaces: v.replaces } : {}),
  };
}

/** Nothing written yet: no need to keep it. */
export function isEmptyDraft(draft: Draft): boolean {
  return draft.details.trim() === '' && Object.values(draft.fields).every((value) => value.trim() === '');
}
