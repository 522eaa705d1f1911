import { z } from 'zod';
import { IsoDateTime, OpaqueId, PrisonNumber } from '../../domain/ids.ts';
import type { Plan } from '../../domain/plan.ts';
import type { PlanRecord } from '../../domain/plan-record.ts';
import type { Application, ApplicationReplyInput } from '../../domain/application.ts';
import type { ProgressNote } from '../../domain/progress-note.ts';
import type { QuestionnaireAnswers } from '../../domain/questionnaire.ts';
import type { Change, Cursor, OutboxItem, PushResult } from '../../domain/sync.ts';
import type { SignInKeys, SignInLimits } from '../auth/sign-in-limits.ts';
import type { DeliveryStore } from '../delivery/delivery-store.ts';
import type { StaffStore } from '../staff/staff-store.ts';
import { PrisonId } from '../../domain/staff.ts';

/** Which storage engine is behind a store. */
export type Engine = 'sqlite' | 'postgres';

/** A person who can sign in, as the service holds them. Never sent to a device as it is. */
export const PersonRecord = z.object({
  personId: OpaqueId,
  prisonNumber: PrisonNumber,
  displayName: z.string().trim().min(1).max(100),
  /** A salted scrypt hash of the PIN (see src/server/auth/pin-hash.ts). Never the PIN itself. */
  pinHash: z.string().startsWith('scrypt$'),
  /** The prison the person is in; staff see only the people of their own prison. Null: none yet. */
  prisonId: PrisonId.nullable().default(null),
  /** The PIN is a one-time PIN staff gave: the person must choose their own before they can sync. */
  mustChangePin: z.boolean().default(false),
  createdAt: IsoDateTime,
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const NewPerson = PersonRecord.omit({ createdAt: true });
/** `prisonId` may be left out (no prison yet), and `mustChangePin` (false). */
export type NewPerson = z.input<typeof NewPerson>;

/** One change for the device, with the cursor the service gave it. */
export type ChangeEntry = { cursor: Cursor; change: Change };

/**
 * A page of changes. `cursor` is where the next page starts (the last entry's, or the one asked
 * for; on the last page, never below an entry retention has let go). `restart`: the cursor asked
 * for was older than an entry retention has let go, so this is the whole current state from the
 * start (see `PullResponse.restart`).
 */
export type ChangePage = { entries: ChangeEntry[]; cursor: Cursor; hasMore: boolean; restart?: true };

/** Someone to load into an empty store, with their first plan. */
export type SeedEntry = { person: NewPerson; plan: PlanRecord };

/** A token as the store keeps it: the SHA-256 of the token (hex), never the token, and when it stops working. */
export type TokenRecord = { hash: string; expiresAt: string };

/** A new sign-in and its first pair of tokens. Times are ISO 8601 in UTC. */
export type NewSession = {
  sessionId: string;
  personId: string;
  createdAt: string;
  /** The sign-in ends at this time however often it is refreshed. */
  expiresAt: string;
  access: TokenRecord;
  refresh: TokenRecord;
};

/** Whose sign-in a live access token belongs to, and whether their PIN is still a one-time PIN. */
export type SessionOwner = { sessionId: string; personId: string; mustChangePin: boolean };

/** What happened to a refresh token handed in for a new pair. */
export type RefreshOutcome =
  | { status: 'rotated'; sessionId: string; personId: string; accessExpiresAt: string; refreshExpiresAt: string }
  /** The token had been used already: the whole sign-in is now ended. */
  | { status: 'reused' }
  /** Unknown, expired, or its sign-in has ended. */
  | { status: 'invalid' };

/** A device's claim to be known for a person: the proofs it sent (hashed) and what they must match. */
export type KnownDeviceClaim = {
  /** The person the typed prison number belongs to ('' when nobody has it: nothing matches then). */
  personId: string;
  deviceKey: string;
  proofHashes: readonly string[];
  /** `pinStamp` of the person's current PIN hash: a proof issued under another PIN does not count. */
  pinStamp: string;
};

export type SignInStart =
  /**
   * Go on and check the PIN. The try is counted as a failure on the person-and-device counter
   * (`pairFailures` is its new count) and, without a known device, on the whole-account counter
   * (`accountFailures`; null for a known device) until a settle says otherwise.
   */
  | { allowed: true; pairFailures: number; accountFailures: number | null; knownDeviceProof: string | null }
  /** Refused before the PIN was checked, and nothing was written but the alert's tally. */
  | { allowed: false; limit: 'pair' | 'address' | 'account'; retryAfterSeconds: number };

export type SignInAttempt = { keys: SignInKeys; personId: string | null; limits: SignInLimits; now: string };

/** What a right PIN settles. `device` is set when the app sent a device id. */
export type SignInSuccess = {
  keys: SignInKeys;
  personId: string;
  pinStamp: string;
  /** The try was counted on the whole-account counter (no known device), so take it back. */
  accountCounted: boolean;
  /**
   * Issue a new known-device proof (`isNew`), or extend the one that was shown; either way the
   * device's resume token becomes `resume` (any earlier one stops working; null: none).
   */
  device: { proofHash: string; isNew: boolean; expiresAt: string; resume: { hash: string; expiresAt: string } | null } | null;
  now: string;
};

/**
 * A resume token handed in (`resumeHash`) from a device (`deviceKey`), to be swapped for the next
 * one (`nextHash`); the known device's own expiry moves to `knownDeviceExpiresAt`, as at a sign-in.
 */
export type ResumeAttempt = { resumeHash: string; deviceKey: string; nextHash: string; knownDeviceExpiresAt: string; now: string };

/** A resume token that worked: whose it is, the PIN stamp it was issued under, and when the next one stops working. */
export type ResumeGrant = { personId: string; pinStamp: string; resumeExpiresAt: string };

/** Something staff should look at: whole-account abuse, or one address trying many prison numbers. One row per subject per UTC day. */
export type SignInAlert = {
  kind: 'account' | 'address';
  /** For `account`: whose PIN was being guessed. Never a prison number. */
  personId: string | null;
  /** SHA-256 of the (latest) client address. */
  addressHash: string;
  wrongPins: number;
  /** Tries refused because of the limit. */
  refused: number;
  firstSeenAt: string;
  lastSeenAt: string;
};

/** Rows removed by one sweep, per table. */
export type SweepCounts = Record<string, number>;

/** Thrown when a write would break a uniqueness rule (for example a prison number already in use). */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

/** Thrown when a write refers to something that does not exist (for example an unknown person). */
export class StoreNotFoundError extends Error {
  override readonly name = 'StoreNotFoundError';
}

/**
 * The one storage contract. Both engines (embedded SQLite and PostgreSQL) implement it, and the
 * same contract tests run against both. Everything read back is checked with the domain schemas.
 */
/** A migration that gave up waiting for a table lock (another process's long transaction) and will be tried again after `waitMs`. */
export type MigrationRetryListener = (retry: { migration: string; attempt: number; waitMs: number }) => void;

export interface Store {
  readonly engine: Engine;
  /** Kiosk delivery: service keys, delivery secrets, enrolled devices (src/server/delivery/). */
  readonly delivery: DeliveryStore;
  /** Prisons, staff accounts and sign-ins, the OMU's inbox and the audit trail (src/server/staff/). */
  readonly staff: StaffStore;
  /**
   * Applies any SQL migrations not yet applied. Returns the names of those it applied.
   * `onRetry` is told each time one gave up waiting for a table lock and will be tried again.
   */
  migrate(options?: { onRetry?: MigrationRetryListener }): Promise<{ applied: string[] }>;
  close(): Promise<void>;
  /** Throws if the database cannot be reached. */
  ping(): Promise<void>;
  /** The connection pool's use now (PostgreSQL), for the metrics; null where there is no pool. */
  poolUse(): { total: number; idle: number; waiting: number } | null;
  /** True when nobody has been added yet. */
  isEmpty(): Promise<boolean>;
  /** Adds everyone in one go, but only if the store is empty. Returns whether it did. */
  seedIfEmpty(entries: readonly SeedEntry[]): Promise<boolean>;
  insertPerson(person: NewPerson): Promise<PersonRecord>;
  getPerson(prisonNumber: string): Promise<PersonRecord | null>;
  getPersonById(personId: string): Promise<PersonRecord | null>;
  /**
   * Saves a new version of a person's plan and appends it to the change log, in one transaction
   * that also deletes the plan entries it replaces (pull delivers current state: a new device gets
   * only the newest shared version). The log gets only what may be shared; a version marked not
   * shareable is logged but never pulled, and leaves the last shared version in place.
   * Every version is also kept in `plan_versions`: one saved here is the next version, saved by
   * the service itself (staff and connected systems save through `staff.savePlan`, the same writer).
   */
  putPlan(plan: PlanRecord): Promise<{ cursor: Cursor }>;
  /** The latest plan as staff hold it, including items that are not shareable. Never send this to a device. */
  getPlan(personId: string): Promise<PlanRecord | null>;
  /** The latest plan the person is allowed to see, or null if there is none yet. */
  getShareablePlan(personId: string): Promise<Plan | null>;
  /**
   * Staff's answer to an application: its new status, and words for the person. Appended to the
   * change log, replacing that application's earlier reply there. Throws StoreNotFoundError when
   * the person has no application with this id.
   */
  recordApplicationReply(reply: ApplicationReplyInput): Promise<{ cursor: Cursor }>;
  /**
   * This person's shareable changes after `cursor`, oldest first, at most `limit` of them: only
   * current state (the newest plan, each application's newest reply), never an entry since replaced,
   * nor one past retention at `now` (src/domain/retention.ts; default: the wall clock). A cursor
   * older than an entry retention has let go (the device may hold that application as it was before
   * it was finished) gets the whole current state from the start, in one page, with `restart`.
   */
  changesSince(personId: string, cursor: Cursor, limit: number, now?: string): Promise<ChangePage>;
  /**
   * Deletes change log entries past retention at `now` (finished applications whose last change is
   * older than the window), oldest first, at most `batchSize` of them. Pull already leaves them out.
   * Each person's `retired_seq` keeps the highest cursor deleted, for the restart check of pull.
   */
  sweepChangeLog(now: string, options: { batchSize: number }): Promise<SweepCounts>;

  /** Starts a sign-in with its first access and refresh tokens, in one transaction. */
  createSession(session: NewSession): Promise<void>;
  /** The sign-in a live access token belongs to; null if unknown, expired, or signed out. */
  findSession(accessTokenHash: string, now: string): Promise<SessionOwner | null>;
  /**
   * Swaps a refresh token for a new pair, once. Handing in a used refresh token ends the whole
   * sign-in (someone may have copied it). The new refresh token ends when the sign-in does, and the
   * new access token no later.
   */
  rotateRefreshToken(refreshTokenHash: string, next: { access: TokenRecord; refreshHash: string }, now: string): Promise<RefreshOutcome>;
  /** Ends a sign-in. Returns false if it had already ended or does not exist. */
  revokeSession(sessionId: string, now: string): Promise<boolean>;
  /** Ends the sign-in that a token of either kind (live, used or expired) belongs to. */
  revokeSessionByToken(tokenHash: string, now: string): Promise<boolean>;

  /** Sets a new PIN hash. Every known-device proof of this person stops working. */
  changePin(personId: string, pinHash: string): Promise<void>;
  /**
   * The person's own new PIN (after a one-time PIN, or any time): the hash, `must_change_pin`
   * cleared, every sign-in of theirs ended (`now`) and every known-device proof gone, in one transaction.
   */
  setOwnPin(personId: string, pinHash: string, now: string): Promise<void>;

  /**
   * Before the PIN is checked, in one transaction: is this try allowed? Checks, in order, the
   * person-and-device wait, the known-device proof, the whole-account limit and the address cap.
   * A refused try writes no counter row. An allowed one is counted on the person-and-device
   * counter (and, without a known device, on the whole-account one) from now until it is
   * settled, so many wrong tries at once cannot slip past; the address is never reserved, so
   * people signing in at once from one address never hold each other up.
   */
  beginSignInAttempt(attempt: SignInAttempt & { claim: KnownDeviceClaim | null }): Promise<SignInStart>;
  /** A wrong PIN: the address adds this prison number to its count; alerts are recorded. Returns the address's wait, if any. */
  settleSignInFailure(attempt: SignInAttempt & { accountFailures: number | null }): Promise<{ addressWaitSeconds: number }>;
  /** A right PIN: clears the person-and-device counter and this number's place in the address count; keeps the known-device proof. */
  settleSignInSuccess(success: SignInSuccess): Promise<void>;
  /**
   * Uses up a resume token: when it is known for this device and has not lapsed, it is replaced by
   * `nextHash` (same end) and the grant is returned; otherwise null and nothing changes. Two uses
   * of one token at once: one gets the grant, the other null.
   */
  resumeOnKnownDevice(attempt: ResumeAttempt): Promise<ResumeGrant | null>;
  /** The newest alerts first. */
  listSignInAlerts(options?: { since?: string; limit?: number }): Promise<SignInAlert[]>;
  /**
   * Deletes what can no longer matter: ended sign-ins and their tokens, forgotten counters,
   * expired proofs, old alerts. At most `batchSize` rows per table per call.
   */
  sweepSignInRecords(now: string, options: { batchSize: number; limits: SignInLimits }): Promise<SweepCounts>;

  /**
   * Applies a person's outbox items, answering each in the order sent. The batch is one
   * transaction; each item's record that it was processed is written in it with the item's effect,
   * so each item has exactly one effect however often it is sent.
   * An id already processed for this person is a `duplicate`; an id already used by someone else,
   * or an application, questionnaire or progress-note id already taken, is `rejected` with `conflict`.
   * The items must already have passed the shared `OutboxItem` schema (the push route checks each).
   */
  applyPush(personId: string, items: readonly OutboxItem[], now: string): Promise<PushResult[]>;
  /** A person's applications as they sent them, oldest first. */
  listApplications(personId: string): Promise<Application[]>;
  /** A person's questionnaire answers as they sent them, oldest first. */
  listQuestionnaires(personId: string): Promise<QuestionnaireAnswers[]>;
  /** A person's progress notes as they wrote them, oldest first; only one goal's with `objectiveId` (for their POM). */
  listProgressNotes(personId: string, options?: { objectiveId?: string }): Promise<ProgressNote[]>;
}
