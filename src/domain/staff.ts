import { z } from 'zod';
import {
  ApplicationFields,
  ApplicationMessage,
  ApplicationStatus,
  ApplicationType,
  DeclineReason,
} from './application.ts';
import { ClientId, IsoDate, IsoDateTime, OpaqueId, PrisonNumber } from './ids.ts';
import { QuestionnaireAnswers } from './questionnaire.ts';
import { ClientReplyTimes } from './reply-times.ts';
import { freeText } from './text.ts';

/**
 * The staff API (the OMU's side of applications and questionnaires), served only on the staff
 * listener, under a versioned path. One schema per concept, shared by the service and the staff
 * console. Everything here is for staff: names and prison numbers appear, which never reach a
 * person's device this way.
 */

/** The staff API version this service serves, and where. Another version's address answers `unsupportedVersion`. */
export const staffApiVersion = 1;
export const staffApiBase = `/api/staff/v${staffApiVersion}`;

/** A prison's short code, for example "NTH". */
export const PrisonId = z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9]{1,7}$/, { message: 'prisonId.format' });
export type PrisonId = z.infer<typeof PrisonId>;

/** A name staff type: no hidden characters (the database could not keep some of them). */
const StaffName = freeText().trim().min(1).max(100);

export const Prison = z.object({ prisonId: PrisonId, name: StaffName });
export type Prison = z.infer<typeof Prison>;

/**
 * What a member of staff may do. All three work in one prison only.
 * - pom: a prison offender manager; works the inbox of their prison, sees its people ("my people":
 *   those allocated to them) and writes their plans;
 * - omu: the offender management unit; all of that, the audit trail, enrolling people and resetting PINs;
 * - admin: all of that, staff accounts and connected systems in their prison.
 */
export const StaffRole = z.enum(['pom', 'omu', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** Which roles may do what. The service checks these; the console uses them to show only what works. */
export const staffPermissions = {
  inbox: ['pom', 'omu', 'admin'],
  audit: ['omu', 'admin'],
  accounts: ['admin'],
  /** The caseload and a person's detail. */
  people: ['pom', 'omu', 'admin'],
  /** Enrolling a person with a one-time PIN, and allocating people to POMs. */
  enrol: ['omu', 'admin'],
  /** A new one-time PIN for a person who has forgotten theirs. */
  resetPin: ['omu', 'admin'],
  /** Saving plan versions. */
  plans: ['pom', 'omu', 'admin'],
  /** Connected systems (the import API's tokens). */
  systems: ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffPermission = keyof typeof staffPermissions;

export function mayDo(role: StaffRole, permission: StaffPermission): boolean {
  return (staffPermissions[permission] as readonly StaffRole[]).includes(role);
}

/** A sign-in name: lower case letters, digits, dots, dashes and underscores. Compared in lower case. */
export const StaffUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username.format' });
export type StaffUsername = z.infer<typeof StaffUsername>;

/** A password: at least 12 characters (a few words make a good one), at most 128. */
export const staffPasswordLimits = { minLength: 12, maxLength: 128 } as const;
export const StaffPassword = z
  .string()
  .min(staffPasswordLimits.minLength, { message: 'password.tooShort' })
  .max(staffPasswordLimits.maxLength, { message: 'password.tooLong' })
  .refine((text) => text.trim().length >= staffPasswordLimits.minLength, { message: 'password.tooShort' });

/**
 * A staff sign-in lasts while it is used: it ends after `idleSeconds` with no request, and in any
 * case `lifetimeSeconds` after the password was put in.
 */
export const staffSessionLimits = { idleSeconds: 20 * 60, lifetimeSeconds: 10 * 60 * 60 } as const;

/** The header that carries the CSRF token on every request that changes something. */
export const csrfHeaderName = 'x-csrf-token';

export const StaffSignInRequest = z.object({
  username: StaffUsername,
  /** Only checked against the stored hash, so any length up to the limit is read. */
  password: z.string().min(1).max(staffPasswordLimits.maxLength),
});
export type StaffSignInRequest = z.infer<typeof StaffSignInRequest>;

export const StaffMember = z.object({
  staffId: OpaqueId,
  username: StaffUsername,
  displayName: StaffName,
  role: StaffRole,
  prisonId: PrisonId,
});
export type StaffMember = z.infer<typeof StaffMember>;

/** The answer to a sign-in and to GET session: who is signed in, and the CSRF token to send back. */
export const StaffSessionInfo = z.object({
  member: StaffMember,
  prison: Prison,
  /** Send in the `x-csrf-token` header with every POST. Bound to this sign-in. */
  csrfToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  idleSeconds: z.number().int().positive(),
  /** When the sign-in ends whatever happens (ISO time). */
  expiresAt: IsoDateTime,
  /** A new account, or one whose password an admin set: only changing the password works until then. */
  mustChangePassword: z.boolean(),
});
export type StaffSessionInfo = z.infer<typeof StaffSessionInfo>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(staffPasswordLimits.maxLength),
  newPassword: StaffPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** An account as an admin sees it (never its password hash). */
export const StaffAccount = StaffMember.extend({
  createdAt: IsoDateTime,
  disabledAt: IsoDateTime.nullable(),
  mustChangePassword: z.boolean(),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

/** An admin adds an account in their own prison, with a first password the person must change. */
export const NewStaffAccountRequest = z.object({
  username: StaffUsername,
  displayName: StaffName,
  role: StaffRole,
  password: StaffPassword,
});
export type NewStaffAccountRequest = z.infer<typeof NewStaffAccountRequest>;

export const StaffAccountList = z.object({ accounts: z.array(StaffAccount) });
export type StaffAccountList = z.infer<typeof StaffAccountList>;

/** GET poms: the POM accounts of the member's prison that are switched on, to allocate people to (OMU and admins). */
export const StaffPomList = z.object({ poms: z.array(StaffAccount.pick({ staffId: true, displayName: true })) });
export type StaffPomList = z.infer<typeof StaffPomList>;

/** The most items in one page of a list, and how many when the request does not say. */
export const staffPageLimits = { max: 100, default: 50 } as const;

const pageLimit = z
  .string()
  .regex(/^\d{1,4}$/, { message: 'limit.format' })
  .transform(Number)
  .pipe(z.number().int().min(1, { message: 'limit.format' }).max(staffPageLimits.max, { message: 'limit.tooBig' }))
  .default(staffPageLimits.default);

/** "a,b" or a repeated query key: a list of one of the enum's values. */
function listOf<T extends string>(values: z.ZodEnum<{ [K in T]: K }>) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values.options as [T, ...T[]])).min(1).max(values.options.length));
}

/** The opaque "next page" marker of a list sorted oldest first: the last item's time and id. */
export const PageCursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, { message: 'after.format' });

/** GET applications: the member's own prison; any of these statuses and types; received at least `olderThanDays` ago. */
export const ApplicationListQuery = z.object({
  prison: PrisonId.optional(),
  status: listOf(ApplicationStatus).optional(),
  type: listOf(ApplicationType).optional(),
  olderThanDays: z.string().regex(/^\d{1,4}$/, { message: 'olderThanDays.format' }).transform(Number).optional(),
  after: PageCursor.optional(),
  limit: pageLimit,
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;

/** The person an application or questionnaire is from, as staff see them. */
export const StaffPersonRef = z.object({
  personId: OpaqueId,
  prisonNumber: PrisonNumber,
  displayName: z.string().min(1).max(100),
  prisonId: PrisonId,
});
export type StaffPersonRef = z.infer<typeof StaffPersonRef>;

export const StaffApplicationSummary = z.object({
  id: ClientId,
  reference: z.string().regex(/^OMU-[0-9A-Z]{4}$/),
  type: ApplicationType,
  status: ApplicationStatus,
  declineReason: DeclineReason.nullable(),
  person: StaffPersonRef,
  /** When the person made it (on their device). */
  createdAt: IsoDateTime,
  /** When the service got it: the list is oldest first by this. */
  receivedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  messageCount: z.number().int().min(0),
});
export type StaffApplicationSummary = z.infer<typeof StaffApplicationSummary>;

export const StaffApplicationDetail = StaffApplicationSummary.extend({
  fields: ApplicationFields,
  details: z.string(),
  /** The earlier application this one replaces (the person changed a refused one and sent it again). */
  replaces: ClientId.nullable(),
  messages: z.array(ApplicationMessage),
});
export type StaffApplicationDetail = z.infer<typeof StaffApplicationDetail>;

export const StaffApplicationPage = z.object({ items: z.array(StaffApplicationSummary), next: PageCursor.nullable() });
export type StaffApplicationPage = z.infer<typeof StaffApplicationPage>;

/** Words from staff to the person: plain, at most what one message holds. */
const StaffWords = ApplicationMessage.shape.text;

/** Statuses a member of staff may set by hand; answered, declined and closed come from their own actions. */
export const SettableStatus = z.enum(['received', 'beingLookedAt']);

export const StatusChangeRequest = z.object({ status: SettableStatus });
export type StatusChangeRequest = z.infer<typeof StatusChangeRequest>;

/** A reply in the thread. It answers the application unless staff keep it open ("we are looking into it"). */
export const ReplyRequest = z.object({ text: StaffWords, status: z.enum(['answered', 'beingLookedAt']).default('answered') });
export type ReplyRequest = z.infer<typeof ReplyRequest>;

export const DeclineRequest = z.object({ reason: DeclineReason, text: StaffWords });
export type DeclineRequest = z.infer<typeof DeclineRequest>;

export const CloseRequest = z.object({ text: StaffWords.optional() });
export type CloseRequest = z.infer<typeof CloseRequest>;

/** What staff did to an application, as the store applies it. */
export type ApplicationAction =
  | { kind: 'status'; status: z.infer<typeof SettableStatus> }
  | { kind: 'reply'; text: string; status: 'answered' | 'beingLookedAt' }
  | { kind: 'decline'; reason: DeclineReason; text: string }
  | { kind: 'close'; text?: string | undefined };

/** GET questionnaires: current ones (not replaced by a newer one from the same person) unless asked. */
export const QuestionnaireListQuery = z.object({
  prison: PrisonId.optional(),
  state: z.enum(['current', 'replaced', 'all']).default('current'),
  questionSet: QuestionnaireAnswers.shape.questionSet.optional(),
  olderThanDays: z.string().regex(/^\d{1,4}$/, { message: 'olderThanDays.format' }).transform(Number).optional(),
  after: PageCursor.optional(),
  limit: pageLimit,
});
export type QuestionnaireListQuery = z.infer<typeof QuestionnaireListQuery>;

export const StaffQuestionnaireSummary = z.object({
  id: ClientId,
  questionSet: z.string(),
  completedOn: IsoDate,
  person: StaffPersonRef,
  createdAt: IsoDateTime,
  receivedAt: IsoDateTime,
  /** The newer questionnaire from the same person that replaces this one, if any. */
  replacedBy: ClientId.nullable(),
  answerCount: z.number().int().min(0),
});
export type StaffQuestionnaireSummary = z.infer<typeof StaffQuestionnaireSummary>;

export const StaffQuestionnaireDetail = StaffQuestionnaireSummary.extend({ answers: QuestionnaireAnswers.shape.answers });
export type StaffQuestionnaireDetail = z.infer<typeof StaffQuestionnaireDetail>;

export const StaffQuestionnairePage = z.object({ items: z.array(StaffQuestionnaireSummary), next: PageCursor.nullable() });
export type StaffQuestionnairePage = z.infer<typeof StaffQuestionnairePage>;

/** Everything the audit trail records. */
export const AuditAction = z.enum([
  'signIn',
  'signInFailed',
  'signOut',
  'changePassword',
  'addAccount',
  'disableAccount',
  'enableAccount',
  'viewApplication',
  'changeStatus',
  'reply',
  'decline',
  'close',
  'viewQuestionnaire',
  'viewAudit',
  'enrolPerson',
  'resetPin',
  'viewPerson',
  'savePlan',
  'addSystem',
  'revokeSystem',
  'allocatePom',
  'viewProgressNotes',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** What an entry is about, besides the person. */
export const AuditEntity = z.enum(['application', 'questionnaire', 'staffAccount', 'plan', 'connectedSystem']);

/**
 * One line of the audit trail. `staffId` is null for a failed sign-in with a username nobody has,
 * and for what a connected system did (then `systemId` names it).
 */
export const AuditEntry = z.object({
  seq: z.string().regex(/^\d{1,20}$/),
  at: IsoDateTime,
  staffId: OpaqueId.nullable(),
  /** The connected system that acted (the import API), or null for staff. */
  systemId: OpaqueId.nullable().default(null),
  action: AuditAction,
  prisonId: PrisonId.nullable(),
  personId: OpaqueId.nullable(),
  entity: AuditEntity.nullable(),
  entityId: z.string().max(100).nullable(),
  /** A few facts about the action (the new status, a decline reason); never the words written. */
  details: z.record(z.string().regex(/^[a-z][a-zA-Z]{0,31}$/), z.union([z.string().max(100), z.number(), z.boolean()])),
  /** A SHA-256 of the client address: enough to tell places apart, not to find them. */
  addressHash: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * The name of the member of staff or connected system that acted, as it is now: looked up when
   * the trail is read, never written in the line (a line is never changed).
   */
  by: z.string().max(200).nullable().default(null),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET audit: the trail of one person, or of one member of staff, newest first. */
export const AuditQuery = z
  .object({
    personId: OpaqueId.optional(),
    staffId: OpaqueId.optional(),
    before: z
      .string()
      .regex(/^\d{1,16}$/, { message: 'before.format' })
      .refine((text) => Number(text) <= Number.MAX_SAFE_INTEGER, { message: 'before.format' })
      .optional(),
    limit: pageLimit,
  })
  .refine((query) => (query.personId === undefined) !== (query.staffId === undefined), { message: 'audit.oneSubject', path: ['personId'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** `subject`: the name of the person or member of staff whose trail it is. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().nullable(), subject: z.string().max(200).nullable().default(null) });
export type AuditPage = z.infer<typeof AuditPage>;

/** Every error from the staff API: a stable code, plain words, and the field at fault when there is one. */
export const StaffApiError = z.object({ code: z.string(), message: z.string(), field: z.string().optional() });
export type StaffApiError = z.infer<typeof StaffApiError>;

/**
 * GET reply-times: how long the OMU usually takes to answer each type of application (the
 * deployment's REPLY_TIMES over the defaults, the same table devices get), for the inbox.
 */
export const StaffReplyTimes = z.object({ replyTimes: ClientReplyTimes });
export type StaffReplyTimes = z.infer<typeof StaffReplyTimes>;
