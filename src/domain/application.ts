import { z } from 'zod';
import { ClientId, IsoDate, IsoDateTime, OpaqueId } from './ids.ts';
import { applicationDetailsMaxLength } from './policy.ts';
import { freeText } from './text.ts';

/**
 * Applications to the Offender Management Unit (OMU): what the person sends, and what staff do
 * with it. One schema for the app, the service and the staff console.
 */

/** Kinds of application. Each has a few structured fields (see `applicationFieldKeys`) plus free text. */
export const ApplicationType = z.enum([
  'seeMyPom',
  'copyOfOasys',
  'reviewMyOasys',
  'questionAboutMyPlan',
  'disagreeWithPlan',
  'askAboutCourse',
  'askAboutPipe',
  'releaseOrMove',
  'other',
]);
export type ApplicationType = z.infer<typeof ApplicationType>;

/**
 * Where an application is, as the service and staff see it. The device adds its own states before
 * these ("draft", "waiting to send", "sent"); the person sees one status line made from both.
 * - received: the service has it (every application starts here);
 * - beingLookedAt: a member of staff has opened it and is working on it;
 * - answered: staff replied (the reply is in `messages`);
 * - declined: staff will not do it, with a reason from `DeclineReason` written for the person;
 * - closed: finished with no more to say (for example the person asked the same thing again).
 */
export const ApplicationStatus = z.enum(['received', 'beingLookedAt', 'answered', 'declined', 'closed']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** Statuses in which an application is still open: one open application per type and person. */
export const openApplicationStatuses: readonly ApplicationStatus[] = ['received', 'beingLookedAt'];

export function isOpenStatus(status: ApplicationStatus): boolean {
  return openApplicationStatuses.includes(status);
}

/** The fixed reasons staff may give for declining (each has words for the person in locales/). */
export const DeclineReason = z.enum(['wrongType', 'alreadyAsked', 'notForOmu', 'notEnoughDetail', 'notAllowed', 'abusive']);
export type DeclineReason = z.infer<typeof DeclineReason>;

/** A structured field's name, e.g. `objectiveId`, `date`, `course`. The app defines which type has which. */
export const ApplicationFieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/);

/** The most structured fields one application may carry, and the longest value. */
export const applicationFieldLimits = { maxFields: 8, valueMaxLength: 200 } as const;

export const ApplicationFields = z
  .record(ApplicationFieldKey, freeText().trim().max(applicationFieldLimits.valueMaxLength, { message: 'field.tooLong' }))
  .refine((fields) => Object.keys(fields).length <= applicationFieldLimits.maxFields, { message: 'fields.tooMany' });
export type ApplicationFields = z.infer<typeof ApplicationFields>;

/**
 * One structured field of an application type:
 * - `choice`: one of `options` (the words for each are in locales/, `forms:field.<key>.<option>`);
 * - `objective`: one goal of the person's plan (its id), or `wholePlan`;
 * - `date`: a calendar date, YYYY-MM-DD (the form also checks it is not in the future);
 * - `text`: a few words (at most `maxLength` characters).
 * `required` is for the form: the service accepts an application without a field (an older app
 * sent none), but never one with a field its type does not have, or a value the field cannot take.
 */
export type ApplicationFieldSpec =
  | { readonly kind: 'choice'; readonly options: readonly string[]; readonly required: boolean }
  | { readonly kind: 'objective'; readonly required: boolean }
  | { readonly kind: 'date'; readonly required: boolean }
  | { readonly kind: 'text'; readonly maxLength: number; readonly required: boolean };

/** The value of an `objective` field that means the whole plan rather than one goal. */
export const wholePlan = 'wholePlan';

/** Which type has which structured fields, in the order the form asks them. */
export const applicationFieldsByType = {
  seeMyPom: {
    howSoon: { kind: 'choice', options: ['soon', 'whenTheyCan'], required: true },
  },
  copyOfOasys: {
    whichCopy: { kind: 'choice', options: ['oasys', 'sentencePlan', 'both'], required: true },
  },
  reviewMyOasys: {
    reason: { kind: 'choice', options: ['looksLate', 'somethingChanged', 'somethingWrong'], required: true },
    lastReviewOn: { kind: 'date', required: false },
  },
  questionAboutMyPlan: {
    objective: { kind: 'objective', required: false },
  },
  disagreeWithPlan: {
    objective: { kind: 'objective', required: true },
  },
  askAboutCourse: {
    want: { kind: 'choice', options: ['findOutMore', 'askForPlace'], required: true },
    course: { kind: 'text', maxLength: 100, required: false },
  },
  askAboutPipe: {
    want: { kind: 'choice', options: ['findOutMore', 'askForReferral'], required: true },
  },
  releaseOrMove: {
    which: { kind: 'choice', options: ['hdc', 'rotl', 'recategorisation', 'parole'], required: true },
  },
  other: {},
} as const satisfies Record<ApplicationType, Record<string, ApplicationFieldSpec>>;

/** The message keys of the field checks (the service turns them into plain words, the app into its own). */
export const applicationFieldIssues = {
  notForType: 'field.notForType',
  notAnOption: 'field.notAnOption',
  notADate: 'field.notADate',
  notAGoal: 'field.notAGoal',
  tooLong: 'field.tooLong',
} as const;

/** The fields of a type, as [key, spec] pairs in the form's order. */
export function fieldsOf(type: ApplicationType): Array<[string, ApplicationFieldSpec]> {
  return Object.entries(applicationFieldsByType[type] as Record<string, ApplicationFieldSpec>);
}

const goalId = OpaqueId;

/** Why one field's value does not fit its spec (a key of `applicationFieldIssues`), or null. */
export function fieldValueIssue(spec: ApplicationFieldSpec, value: string): string | null {
  switch (spec.kind) {
    case 'choice':
      return spec.options.includes(value) ? null : applicationFieldIssues.notAnOption;
    case 'objective':
      return value === wholePlan || goalId.safeParse(value).success ? null : applicationFieldIssues.notAGoal;
    case 'date':
      return IsoDate.safeParse(value).success ? null : applicationFieldIssues.notADate;
    case 'text':
      return value.length <= spec.maxLength ? null : applicationFieldIssues.tooLong;
  }
}

function checkFieldsForType(draft: { type: ApplicationType; fields?: Record<string, string> | undefined }, ctx: z.RefinementCtx): void {
  const specs = applicationFieldsByType[draft.type] as Record<string, ApplicationFieldSpec>;
  for (const [key, value] of Object.entries(draft.fields ?? {})) {
    const spec = Object.hasOwn(specs, key) ? specs[key] : undefined;
    const issue = spec ? fieldValueIssue(spec, value) : applicationFieldIssues.notForType;
    if (issue) ctx.addIssue({ code: 'custom', message: issue, path: ['fields', key] });
  }
}

/** What the person writes. Made on the device; its id is the idempotency key. */
export const ApplicationDraft = z
  .object({
    type: ApplicationType,
    /** The type's structured answers (which goal, which date…; see `applicationFieldsByType`); absent for types that have none. */
    fields: ApplicationFields.optional(),
    details: freeText().trim().min(1, { message: 'details.required' }).max(applicationDetailsMaxLength, {
      message: 'details.tooLong',
    }),
  })
  .superRefine(checkFieldsForType);
export type ApplicationDraft = z.infer<typeof ApplicationDraft>;

export const Application = ApplicationDraft.extend({
  id: ClientId,
  createdAt: IsoDateTime,
  /**
   * When this application replaces one the service turned down (the person changed it and sent it
   * again): the earlier one's id. The earlier one stays as it was, linked.
   */
  replaces: ClientId.optional(),
});
export type Application = z.infer<typeof Application>;

/** The most messages one application's thread holds, and the longest message. */
export const applicationThreadLimits = { maxMessages: 50, textMaxLength: 2000 } as const;

/** One message from the OMU to the person about an application, written for them in plain words. */
export const ApplicationMessage = z.object({
  id: OpaqueId,
  at: IsoDateTime,
  text: freeText().trim().min(1).max(applicationThreadLimits.textMaxLength),
});
export type ApplicationMessage = z.infer<typeof ApplicationMessage>;

/**
 * Where an application is now, as sent back to the device (the change log keeps only the newest
 * one per application). `messages` is the whole thread so far, oldest first.
 */
export const ApplicationReply = z.object({
  applicationId: ClientId,
  personId: OpaqueId,
  status: ApplicationStatus,
  /**
   * The application's type, so that a device that does not hold the application itself (made on
   * another device, or on a kiosk whose copy left with its sign-out) can still say what it was
   * and keep one open application per type. The service fills it in; older replies have none.
   */
  type: ApplicationType.optional(),
  /** Set when status is `declined`. */
  declineReason: DeclineReason.optional(),
  messages: z.array(ApplicationMessage).max(applicationThreadLimits.maxMessages).default([]),
  updatedAt: IsoDateTime,
});
export type ApplicationReply = z.infer<typeof ApplicationReply>;
/** An `ApplicationReply` as written (no messages yet may be left out). */
export type ApplicationReplyInput = z.input<typeof ApplicationReply>;

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The reference a person can quote, such as "OMU-7F3K": worked out from the application's own id
 * (so the device knows it at once, offline, and the service and staff get the same one). Four
 * characters from the id's random part; two of one person's applications sharing one is about a
 * 1 in a million chance per pair, and staff always look it up with the person.
 */
export function applicationReference(id: string): string {
  // A UUIDv7's last 62 bits are random; take 20 of them from the final 5 hex digits.
  const hex = id.replace(/-/g, '').toLowerCase();
  const value = Number.parseInt(hex.slice(-5), 16);
  let out = '';
  for (let shift = 15; shift >= 0; shift -= 5) out += crockford[(value >> shift) & 31];
  return `OMU-${out}`;
}
