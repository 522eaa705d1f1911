import { z } from 'zod';
import { ClientId, IsoDateTime, OpaqueId } from './ids.ts';
import { freeText } from './text.ts';

/**
 * A progress note: "what I have done", written by the person about one goal (objective) of their
 * plan, or one step of it. Made on the device, kept sealed there, sent through the outbox (kind
 * `progressNote`) and stored by the service for the person's POM.
 */

/** The most characters a note may have (as the counter on screen counts them). */
export const progressNoteMaxLength = 500;

/** The message keys of the checks; the app turns them into its own words, the service into plain English. */
export const progressNoteIssues = { required: 'note.required', tooLong: 'note.tooLong' } as const;

/** What the person writes. */
export const ProgressNoteDraft = z.object({
  objectiveId: OpaqueId,
  /** Set when the note is about one step of the goal. */
  stepId: OpaqueId.optional(),
  text: freeText()
    .trim()
    .min(1, { message: progressNoteIssues.required })
    .max(progressNoteMaxLength, { message: progressNoteIssues.tooLong }),
});
export type ProgressNoteDraft = z.infer<typeof ProgressNoteDraft>;

export const ProgressNote = ProgressNoteDraft.extend({ id: ClientId, createdAt: IsoDateTime });
export type ProgressNote = z.infer<typeof ProgressNote>;
