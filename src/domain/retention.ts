import { isOpenStatus, type ApplicationReply } from './application.ts';
import type { Change } from './sync.ts';

/**
 * How long the change log (what a device pulls) keeps things, one rule for the service and the app.
 *
 * - **Plan**: only the newest shared version (and the newest draft, never pulled) stays; each new
 *   version replaces the earlier ones when it is recorded. Never past retention.
 * - **Application reply**: one entry per application (each new reply replaces the earlier one).
 *   While the application is open (`received`, `beingLookedAt`) it always stays, however old.
 *   Once it is finished (`answered`, `declined`, `closed`), it stays for
 *   `closedApplicationRetentionDays` after its last change, then leaves: a device pulling from the
 *   start no longer gets it. A later change (a new message, or staff opening it again) is a new
 *   entry, and the time counts again from there.
 * - Questionnaires and progress notes never go into the change log (they only go from the device
 *   to the service), so nothing of theirs is pulled.
 *
 * So a first pull holds the plan, the open applications (at most one per type) and the
 * applications finished in the last 90 days, whatever the length of the person's history.
 */

/**
 * 90 days: about three months, the time between two of the OMU's usual reviews, so a person can
 * look back at every answer since their last review; and long after anyone still waits on it
 * (a finished application needs nothing more from them). At about 2 applications a month that is
 * about 6 finished applications in a first pull. Older answers stay with staff, who keep every
 * application (the change log is what devices still have to learn, not the record).
 * Not a setting: the app prunes by the same rule, so the two must agree; a change is a release.
 */
export const closedApplicationRetentionDays = 90;

const dayMs = 86_400_000;

/**
 * From when a reply's retention counts: its last change, once the application is finished; null
 * while it is open (it stays for as long as it is open). An ISO time in UTC (`toISOString`), so
 * that times compare as text.
 */
export function replyRetentionStart(reply: Pick<ApplicationReply, 'status' | 'updatedAt'>): string | null {
  return isOpenStatus(reply.status) ? null : new Date(reply.updatedAt).toISOString();
}

/** From when a change log entry's retention counts, or null for one that stays (a plan, an open application). */
export function retentionStartOf(change: Change): string | null {
  return change.entity === 'applicationReply' ? replyRetentionStart(change.data) : null;
}

/**
 * The oldest start that is still kept at `now`: an entry whose retention started before this is
 * past retention. An entry that started exactly `closedApplicationRetentionDays` ago is still kept.
 */
export function retentionCutoff(now: Date | string, days: number = closedApplicationRetentionDays): string {
  return new Date(new Date(now).getTime() - days * dayMs).toISOString();
}

/** Whether an entry that started retention at `start` (see `replyRetentionStart`) is past retention at `now`. */
export function isPastRetentionFrom(start: string | null, now: Date | string): boolean {
  return start !== null && start < retentionCutoff(now);
}

/** Whether a reply is past retention at `now`: finished, and its last change more than the window ago. */
export function isReplyPastRetention(reply: Pick<ApplicationReply, 'status' | 'updatedAt'>, now: Date | string): boolean {
  return isPastRetentionFrom(replyRetentionStart(reply), now);
}

/** Whether a change log entry is past retention at `now` (a plan never is). */
export function isPastRetention(change: Change, now: Date | string): boolean {
  return isPastRetentionFrom(retentionStartOf(change), now);
}
