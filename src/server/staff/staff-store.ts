import { applicationReference } from '../../domain/application.ts';
import type { ApplicationReplyInput, ApplicationStatus, ApplicationType } from '../../domain/application.ts';
import type { z } from 'zod';
import type {
  ApplicationAction,
  AuditEntry,
  Prison,
  StaffAccount,
  StaffApplicationDetail,
  StaffApplicationSummary,
  StaffQuestionnaireDetail,
  StaffQuestionnaireSummary,
} from '../../domain/staff.ts';
import type { PlanRecord } from '../../domain/plan-record.ts';
import type { ConnectedSystem, PlanAuthor, PlanInput, PutPlanResponse, StaffPersonDetail, StaffPersonSummary } from '../../domain/staff-people.ts';
import type { Cursor } from '../../domain/sync.ts';
import type { AttemptPolicy } from '../auth/sign-in-limits.ts';
import type { SqlDriver, SqlExecutor } from '../store/sql-driver.ts';
import type { NewPerson, PersonRecord, SweepCounts } from '../store/store.ts';
import { createAccountRecords } from './account-records.ts';
import { createAuditRecords } from './audit-records.ts';
import { createInboxRecords } from './inbox-records.ts';
import { createPeopleRecords } from './people-records.ts';

/** An account as the store keeps it: what an admin sees, and the password's scrypt hash. */
export type StaffAccountRecord = StaffAccount & { passwordHash: string };
export type NewStaffAccount = Omit<StaffAccountRecord, 'disabledAt'>;

/** A line for the audit trail (its `seq` is given by the database; `systemId` may be left out for staff). */
export type AuditInput = Omit<z.input<typeof AuditEntry>, 'seq'>;

/** Who does something, from where: every change the store makes for staff is recorded under this. */
export type AuditActor = { staffId: string; prisonId: string; addressHash: string; at: string };

/** A staff sign-in, by the SHA-256 of its cookie token. */
export type StaffSessionRecord = { sessionHash: string; staffId: string; createdAt: string; lastSeenAt: string; expiresAt: string };
export type LiveStaffSession = { session: StaffSessionRecord; account: StaffAccountRecord };

/** The keys a staff sign-in try is counted under (SHA-256s; see staff/sign-in-waits.ts). */
export type StaffAttemptKeys = { pair: string; account: string; address: string };
export type StaffSignInPolicy = { pair: AttemptPolicy; account: AttemptPolicy; address: AttemptPolicy };
export type StaffSignInStart = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Where a list page starts: after this item (oldest first by received time, then id). */
export type ListPosition = { at: string; id: string };

export type ApplicationFilter = {
  prisonId: string;
  statuses?: readonly ApplicationStatus[] | undefined;
  types?: readonly ApplicationType[] | undefined;
  /** Only those the service received at or before this time. */
  receivedBefore?: string | undefined;
  after?: ListPosition | undefined;
  limit: number;
};

export type QuestionnaireFilter = {
  prisonId: string;
  state: 'current' | 'replaced' | 'all';
  questionSet?: string | undefined;
  receivedBefore?: string | undefined;
  after?: ListPosition | undefined;
  limit: number;
};

export type Page<T> = { items: T[]; next: ListPosition | null };

export type AuditFilter = { prisonId: string; personId?: string | undefined; staffId?: string | undefined; before?: string | undefined; limit: number };

export type ApplicationChange = {
  applicationId: string;
  /** The member's prison: an application of someone in another prison is not found. */
  prisonId: string;
  action: ApplicationAction;
  /** The id of the message the action adds, if it adds one. */
  messageId: string;
  actor: AuditActor;
};

export type ApplicationChangeResult =
  /** `cursor` is null when the action changed nothing (and nothing was recorded). */
  | { ok: true; application: StaffApplicationDetail; cursor: Cursor | null }
  | { ok: false; code: 'notFound' | 'alreadyOpen' | 'threadFull' };

/** A plan version as staff or a system save it: its number and who saved it. */
export type SavedPlanVersion = { version: number; author: PlanAuthor };

/** A connected system acting with its token, from where, now: what it does is audited under its id. */
export type SystemActor = { systemId: string; name: string; prisonId: string; addressHash: string; at: string };

/** Who saves a plan: a signed-in member of staff, or a connected system. */
export type PlanSaver = { kind: 'staff'; actor: AuditActor; displayName: string } | { kind: 'system'; actor: SystemActor };

export type PeopleFilter = {
  prisonId: string;
  /** Any part of the name; also the start of a prison number when it could be one. */
  search?: string | undefined;
  /** Only the people allocated to this POM ("my people"). */
  pomStaffId?: string | undefined;
  /** The id of the last person of the page before (the list is sorted by name, then id). */
  after?: string | undefined;
  limit: number;
};

export type EnrolInput = {
  /** With `prisonId` set to the member's prison and `mustChangePin` true: a one-time PIN's hash. */
  person: NewPerson & { prisonId: string };
  pomStaffId: string | null;
  /** The first plan version (no goals yet). */
  plan: PlanRecord;
  actor: AuditActor;
  displayName: string;
};

export type EnrolResult = { ok: true; person: StaffPersonSummary } | { ok: false; code: 'prisonNumberTaken' | 'pomNotFound' };

export type SavePlanInput = { prisonNumber: string; prisonId: string; version: number; plan: PlanInput; saver: PlanSaver };
export type SavePlanResult = { ok: true; saved: PutPlanResponse } | { ok: false; code: 'notFound' | 'olderVersion' | 'versionTaken' };

/** A connected system as the store keeps it: the SHA-256 of its token, never the token. */
export type NewConnectedSystem = Omit<ConnectedSystem, 'revokedAt'> & { tokenHash: string };

/** The store's own writers that the staff store uses inside its transactions. */
export type StaffStoreDeps = {
  /** The one writer of an application's new status and thread (and its change-log entry). */
  recordApplicationReply(tx: SqlExecutor, reply: ApplicationReplyInput): Promise<Cursor>;
  /** The one writer of a plan version (change log, current plan, `plan_versions`). */
  putPlan(tx: SqlExecutor, plan: PlanRecord, saved?: SavedPlanVersion): Promise<Cursor>;
  /** The one writer of a new person. StoreConflictError: the prison number is taken. */
  insertPerson(tx: SqlExecutor, person: NewPerson): Promise<PersonRecord>;
};

/**
 * Prisons, staff accounts and sign-ins, the OMU's inbox and the audit trail (migration 007), in
 * portable SQL on either engine. Part of the one store (`store.staff`), so the same contract
 * tests run on both engines. The audit trail is append-only: nothing here changes or deletes a
 * row of it (a test calls every method to check), and the database refuses it anyway (triggers).
 */
export interface StaffStore {
  /** Adds prisons, or renames those already there. */
  putPrisons(prisons: readonly Prison[]): Promise<void>;
  getPrison(prisonId: string): Promise<Prison | null>;

  /** Adds an account (audited when an admin does it). StoreConflictError: the username is taken; StoreNotFoundError: no such prison. */
  insertAccount(account: NewStaffAccount, actor: AuditActor | null): Promise<StaffAccountRecord>;
  /** Adds the accounts only when there are none at all (the demo). Returns whether it did. */
  seedAccountsIfNone(accounts: readonly NewStaffAccount[]): Promise<boolean>;
  getAccountByUsername(username: string): Promise<StaffAccountRecord | null>;
  getAccount(staffId: string): Promise<StaffAccountRecord | null>;
  listAccounts(prisonId: string): Promise<StaffAccountRecord[]>;
  /**
   * Switches an account in `prisonId` off (ending its sign-ins) or on again, audited. Null when
   * there is no such account in that prison.
   */
  setAccountDisabled(input: { staffId: string; prisonId: string; disabled: boolean; actor: AuditActor }): Promise<StaffAccountRecord | null>;
  /** A new password hash for the member; their other sign-ins end; audited. */
  changePassword(input: { staffId: string; passwordHash: string; keepSessionHash: string; actor: AuditActor }): Promise<void>;

  /** Starts a sign-in, audited as `signIn`. */
  createSession(session: StaffSessionRecord, actor: AuditActor): Promise<void>;
  /**
   * The live sign-in behind a cookie's hash, whose account is not switched off; null when unknown,
   * ended, past its lifetime, or idle for `idleSeconds`. Marks it as used now.
   */
  findSession(sessionHash: string, now: string, idleSeconds: number): Promise<LiveStaffSession | null>;
  /** Ends a sign-in (audited as `signOut` when it was live). Returns whether it was live. */
  endSession(sessionHash: string, actor: AuditActor): Promise<boolean>;

  /**
   * Before a password is checked: is this try allowed? A refused try writes nothing. An allowed
   * one counts as a wrong password on every key until `settleSignInSuccess` takes it back.
   */
  beginSignIn(keys: StaffAttemptKeys, policy: StaffSignInPolicy, now: string): Promise<StaffSignInStart>;
  settleSignInSuccess(keys: StaffAttemptKeys): Promise<void>;

  /** Appends one line to the audit trail. */
  recordAudit(entry: AuditInput): Promise<void>;
  /** One person's or one member of staff's trail, newest first; null when they are not of `prisonId`. */
  listAudit(filter: AuditFilter): Promise<{ entries: AuditEntry[]; next: string | null; subject: string | null } | null>;

  listApplications(filter: ApplicationFilter): Promise<Page<StaffApplicationSummary>>;
  /** One application of someone in `prisonId`; null otherwise (also when it is another prison's). */
  getApplication(applicationId: string, prisonId: string): Promise<StaffApplicationDetail | null>;
  /**
   * Applies staff's action to an application in one transaction: the new status and thread, the
   * `ApplicationReply` in the change log (replacing the earlier one), and the audit line.
   */
  changeApplication(change: ApplicationChange): Promise<ApplicationChangeResult>;
  listQuestionnaires(filter: QuestionnaireFilter): Promise<Page<StaffQuestionnaireSummary>>;
  getQuestionnaire(questionnaireId: string, prisonId: string): Promise<StaffQuestionnaireDetail | null>;

  /** The caseload of one prison, sorted by name then id; `next` is the id to ask `after`. Null when `after` is not someone of the prison. */
  listPeople(filter: PeopleFilter): Promise<{ items: StaffPersonSummary[]; next: string | null } | null>;
  /** One person of `prisonId` by prison number, with their newest plan version; null otherwise (also another prison's). */
  getPersonDetail(prisonNumber: string, prisonId: string): Promise<StaffPersonDetail | null>;
  /** Enrols a person in the member's prison with a one-time PIN's hash, their POM and the first plan version, audited, in one transaction. */
  enrolPerson(input: EnrolInput): Promise<EnrolResult>;
  /** Allocates a person of `prisonId` to a POM (an account of the prison that is switched on), or to nobody (null); audited when a member does it (`actor`). */
  allocatePom(input: { prisonNumber: string; prisonId: string; pomStaffId: string | null; actor: AuditActor | null }): Promise<
    { ok: true; person: StaffPersonSummary } | { ok: false; code: 'notFound' | 'pomNotFound' }
  >;
  /**
   * A new one-time PIN's hash for a person of `prisonId`: they must change it; their sign-ins end
   * and their known-device proofs stop working; audited. False when there is no such person there.
   */
  resetPin(input: { prisonNumber: string; prisonId: string; pinHash: string; actor: AuditActor }): Promise<boolean>;
  /** Saves a plan version by the rules of `PutPlanRequest` (idempotent by version), through the one plan writer, audited. */
  savePlan(input: SavePlanInput): Promise<SavePlanResult>;

  listSystems(prisonId: string): Promise<ConnectedSystem[]>;
  /** Adds a connected system, audited. */
  insertSystem(system: NewConnectedSystem, actor: AuditActor): Promise<ConnectedSystem>;
  /** Revokes a system of `prisonId` (its token stops working), audited; null when there is none there. Revoking twice changes nothing. */
  revokeSystem(input: { systemId: string; prisonId: string; actor: AuditActor }): Promise<ConnectedSystem | null>;
  /** The live (not revoked) system a token's SHA-256 belongs to. */
  findSystemByToken(tokenHash: string): Promise<ConnectedSystem | null>;

  /** Deletes ended staff sign-ins and forgotten counters, at most `batchSize` rows per table. Never the audit trail. */
  sweep(now: string, options: { batchSize: number; idleSeconds: number; forgetAfterSeconds: number }): Promise<SweepCounts>;
}

export function createStaffStore(driver: SqlDriver, deps: StaffStoreDeps): StaffStore {
  const audit = createAuditRecords(driver);
  return {
    ...createAccountRecords(driver, audit.insert),
    recordAudit: (entry) => audit.insert(driver, entry),
    listAudit: audit.list,
    ...createInboxRecords(driver, { ...deps, insertAudit: audit.insert }),
    ...createPeopleRecords(driver, { ...deps, insertAudit: audit.insert }),
  };
}

/** Fills in the quotable reference of applications stored before migration 007 (it is worked out from the id). */
export async function fillApplicationReferences(driver: SqlDriver): Promise<void> {
  const rows = await driver.all<{ id: string }>('SELECT id FROM applications WHERE reference IS NULL');
  for (const row of rows) await driver.run('UPDATE applications SET reference = ? WHERE id = ?', [applicationReference(row.id), row.id]);
}
