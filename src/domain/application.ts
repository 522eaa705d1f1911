import { z } from 'zod';
import { ClientId, IsoDateTime, OpaqueId } from './ids.ts';
import { applicationDetailsMaxLength } from './policy.ts';
import { freeText } from './text.ts';

/** Kinds of application to the Offender Management Unit (OMU). */
export const ApplicationType = z.enum([
  'seeMyPom',
  'copyOfOasys',
  'reviewMyOasys',
  'questionAboutMyPlan',
  'askAboutCourse',
  'askAboutPipe',
  'other',
]);
export type ApplicationType = z.infer<typeof ApplicationType>;

export const ApplicationStatus = z.enum(['new', 'inProgress', 'approved', 'declined', 'rejected']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** What the person writes. Made on the device; its id is the idempotency key. */
export const ApplicationDraft = z.object({
  type: ApplicationType,
  details: freeText().trim().min(1, { message: 'details.required' }).max(applicationDetailsMaxLength, {
    message: 'details.tooLong',
  }),
});
export type ApplicationDraft = z.infer<typeof ApplicationDraft>;

export const Application = ApplicationDraft.extend({
  id: ClientId,
  createdAt: IsoDateTime,
});
export type Application = z.infer<typeof Application>;

/** What staff have done with an application, as sent back to the device. */
export const ApplicationReply = z.object({
  applicationId: ClientId,
  personId: OpaqueId,
  status: ApplicationStatus,
  /** Written for the person, in plain words. */
  reply: freeText().max(2000).optional(),
  updatedAt: IsoDateTime,
});
export type ApplicationReply = z.infer<typeof ApplicationReply>;
