import { z } from 'zod';
import { IsoDateTime, OpaqueId, PrisonNumber } from './ids.ts';
import { KeyDates, MappaCategory, MappaLevel, Sentence } from './plan.ts';
import { PlanRecord } from './plan-record.ts';
import { ProgressNote } from './progress-note.ts';
import { PageCursor, PrisonId, StaffPersonRef } from './staff.ts';
import { freeText } from './text.ts';

/**
 * The staff API for people and their plans (under `staffApiBase`, on the staff listener only):
 * the caseload, enrolling a person with a one-time PIN, resetting a PIN, reading and saving plan
 * versions, and connected systems that put plans from other staff tools (the import API).
 * One schema per concept, shared by the service and the staff console.
 *
 * Endpoints (all under `/api/staff/v1/`):
 * - `GET people?q=&mine=true&after=&limit=` → `StaffPeoplePage` (pom, omu, admin; own prison).
 * - `POST people` `EnrolPersonRequest` → 201 `EnrolPersonResponse` (omu, admin); 409 `prisonNumberTaken`.
 * - `GET people/:prisonNumber` → `StaffPersonDetail` (audited `viewPerson`); 404 for another prison's.
 * - `POST people/:prisonNumber/pin` → `OneTimePinResponse` (omu, admin): a new one-time PIN; the
 *   person's sign-ins end and known-device proofs stop working.
 * - `POST people/:prisonNumber/pom` `AllocatePomRequest` → `StaffPersonSummary` (omu, admin): the
 *   person's POM, or none (added after the first contract; audited `allocatePom`).
 * - `PUT people/:prisonNumber/plan` `PutPlanRequest` → 200 `PutPlanResponse` (pom, omu, admin, or a
 *   connected system's bearer token for its prison). Idempotent by version, see `PutPlanRequest`.
 * - `GET people/:prisonNumber/progress-notes?objectiveId=` → `StaffProgressNotes` (pom, omu, admin;
 *   audited `viewProgressNotes`; added after the first contract).
 * - `GET systems`, `POST systems` `NewSystemRequest` → 201 `NewSystemResponse`,
 *   `POST systems/:systemId/revoke` (admin).
 */

/** A person's name as staff type it. */
const PersonName = freeText().trim().min(1).max(100);

export const StaffPersonSummary = StaffPersonRef.extend({
  /** The POM the person is allocated to, if any. "My people" are those allocated to me. */
  pomStaffId: OpaqueId.nullable(),
  pomName: z.string().max(100).nullable(),
  enrolledAt: IsoDateTime,
  /** True until the person has changed the one-time PIN staff gave them. */
  mustChangePin: z.boolean(),
  /** The newest plan version held (0: none yet) and when it was saved. */
  planVersion: z.number().int().min(0),
  planSavedAt: IsoDateTime.nullable(),
  openApplications: z.number().int().min(0),
});
export type StaffPersonSummary = z.infer<typeof StaffPersonSummary>;

export const staffPeopleSearchLimits = { maxLength: 100 } as const;

/** GET people: by prison number (whole or its start) or any part of the name; `mine` = allocated to me. Sorted by name. */
export const PeopleListQuery = z.object({
  /** No hidden characters (a NUL cannot even be compared on PostgreSQL). */
  q: freeText().trim().max(staffPeopleSearchLimits.maxLength, { message: 'q.tooLong' }).optional(),
  mine: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  after: PageCursor.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { message: 'limit.format' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(100, { message: 'limit.tooBig' }))
    .default(50),
});
export type PeopleListQuery = z.infer<typeof PeopleListQuery>;

export const StaffPeoplePage = z.object({ items: z.array(StaffPersonSummary), next: PageCursor.nullable() });
export type StaffPeoplePage = z.infer<typeof StaffPeoplePage>;

/** Enrol a person in the member's own prison, with the facts of their sentence. Their first plan version has no goals yet. */
export const EnrolPersonRequest = z.object({
  prisonNumber: PrisonNumber,
  displayName: PersonName,
  pomStaffId: OpaqueId.nullable().default(null),
  sentence: Sentence,
  keyDates: KeyDates,
  mappa: z.object({ category: MappaCategory, level: MappaLevel }).optional(),
});
export type EnrolPersonRequest = z.infer<typeof EnrolPersonRequest>;

/** Allocate a person to a POM (a member of staff of the same prison whose account is switched on), or to nobody. */
export const AllocatePomRequest = z.object({ pomStaffId: OpaqueId.nullable() });
export type AllocatePomRequest = z.infer<typeof AllocatePomRequest>;

/** A PIN the service made for the person, shown to staff once, never stored: the person must change it at first sign-in. */
export const OneTimePinResponse = z.object({ oneTimePin: z.string().regex(/^\d{6}$/) });
export type OneTimePinResponse = z.infer<typeof OneTimePinResponse>;

export const EnrolPersonResponse = OneTimePinResponse.extend({ person: StaffPersonSummary });
export type EnrolPersonResponse = z.infer<typeof EnrolPersonResponse>;

/** Who saved a plan version. `service`: the service itself (demo data, and plans saved before versions were kept). */
export const PlanAuthor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staffId: OpaqueId, displayName: z.string().max(100) }),
  z.object({ kind: z.literal('system'), systemId: OpaqueId, name: z.string().max(100) }),
  z.object({ kind: z.literal('service') }),
]);
export type PlanAuthor = z.infer<typeof PlanAuthor>;

/** The plan as it is sent in: the service fills in whose it is and when it was saved. */
export const PlanInput = PlanRecord.omit({ personId: true, updatedAt: true });
export type PlanInput = z.infer<typeof PlanInput>;

/** One saved version of a plan, as staff hold it (with the items that are not shareable). */
export const StaffPlanVersion = z.object({
  version: z.number().int().min(1),
  savedAt: IsoDateTime,
  savedBy: PlanAuthor,
  plan: PlanRecord,
});
export type StaffPlanVersion = z.infer<typeof StaffPlanVersion>;

export const StaffPersonDetail = StaffPersonSummary.extend({ plan: StaffPlanVersion.nullable() });
export type StaffPersonDetail = z.infer<typeof StaffPersonDetail>;

/**
 * Save a plan version. With `version` V and the newest held version H:
 * - V > H: saved as version V (the console sends H + 1; a connected system sends its own numbers);
 * - V = H and the same plan: nothing changes, 200 with `unchanged: true` (a resend is harmless);
 * - V = H and a different plan: 409 `versionTaken` (someone else saved first: reload);
 * - V < H: 409 `olderVersion`.
 * An invalid plan is refused whole, 400 `invalid` with the field named.
 */
export const PutPlanRequest = z.object({ version: z.number().int().min(1).max(1_000_000_000), plan: PlanInput });
export type PutPlanRequest = z.infer<typeof PutPlanRequest>;

export const PutPlanResponse = StaffPlanVersion.extend({ unchanged: z.boolean() });
export type PutPlanResponse = z.infer<typeof PutPlanResponse>;

/** A connected system (an existing staff tool) that puts plans for one prison with a token of its own. */
export const ConnectedSystem = z.object({
  systemId: OpaqueId,
  name: PersonName,
  prisonId: PrisonId,
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
});
export type ConnectedSystem = z.infer<typeof ConnectedSystem>;

export const NewSystemRequest = z.object({ name: PersonName });
export type NewSystemRequest = z.infer<typeof NewSystemRequest>;

/** The token is shown once; the service keeps only its SHA-256. Send as `Authorization: Bearer <token>`. */
export const NewSystemResponse = z.object({ system: ConnectedSystem, token: z.string().regex(/^sys_[A-Za-z0-9_-]{43}$/) });
export type NewSystemResponse = z.infer<typeof NewSystemResponse>;

export const ConnectedSystemList = z.object({ systems: z.array(ConnectedSystem) });
export type ConnectedSystemList = z.infer<typeof ConnectedSystemList>;

/** GET people/:prisonNumber/progress-notes: all the person's notes, or those about one goal. */
export const ProgressNotesQuery = z.object({ objectiveId: OpaqueId.optional() });
export type ProgressNotesQuery = z.infer<typeof ProgressNotesQuery>;

/**
 * The person's progress notes as staff see them, by goal: the goals of the newest plan version in
 * their order, then any goal a note is about that has since left the plan (`title` null). Each
 * goal's notes oldest first; a goal with no notes is left out.
 */
export const StaffProgressNotes = z.object({
  personId: OpaqueId,
  objectives: z.array(z.object({ objectiveId: OpaqueId, title: z.string().nullable(), notes: z.array(ProgressNote) })),
});
export type StaffProgressNotes = z.infer<typeof StaffProgressNotes>;
