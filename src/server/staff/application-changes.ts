import {
  applicationThreadLimits,
  isOpenStatus,
  type ApplicationMessage,
  type ApplicationStatus,
  type DeclineReason,
} from '../../domain/application.ts';
import type { ApplicationAction } from '../../domain/staff.ts';

/** Where an application is, as far as staff's actions go. */
export type ApplicationState = {
  status: ApplicationStatus;
  declineReason: DeclineReason | null;
  messages: readonly ApplicationMessage[];
};

export type ChangeOutcome =
  /**
   * `changed` is false when the action leaves everything as it was (setting the status it has
   * already): nothing is recorded then. `reopens`: the application was finished and is open
   * again, so the one-open-per-type rule must be checked.
   */
  | { ok: true; next: ApplicationState; changed: boolean; reopens: boolean }
  /** The thread already holds as many messages as an application may carry. */
  | { ok: false; refusal: 'threadFull' };

/**
 * What an action by staff makes of an application. Pure: the store reads the current state,
 * calls this, and writes the result with the audit entry in one transaction.
 * - status: received or being looked at (taking back a decline reason);
 * - reply: adds the words to the thread; answered, unless staff keep it open;
 * - decline: adds the words, with one of the fixed reasons;
 * - close: finished; any words are added to the thread.
 */
export function nextState(current: ApplicationState, action: ApplicationAction, message: { id: string; at: string }): ChangeOutcome {
  const withWords = (text: string | undefined) => (text === undefined ? current.messages : [...current.messages, { id: message.id, at: message.at, text }]);
  let next: ApplicationState;
  switch (action.kind) {
    case 'status':
      next = { status: action.status, declineReason: null, messages: current.messages };
      break;
    case 'reply':
      next = { status: action.status, declineReason: null, messages: withWords(action.text) };
      break;
    case 'decline':
      next = { status: 'declined', declineReason: action.reason, messages: withWords(action.text) };
      break;
    case 'close':
      next = { status: 'closed', declineReason: null, messages: withWords(action.text) };
      break;
  }
  if (next.messages.length > applicationThreadLimits.maxMessages) return { ok: false, refusal: 'threadFull' };
  const changed =
    next.status !== current.status || next.declineReason !== current.declineReason || next.messages.length !== current.messages.length;
  return { ok: true, next, changed, reopens: !isOpenStatus(current.status) && isOpenStatus(next.status) };
}
