import { z } from 'zod';
import { IsoDateTime, OpaqueId, PrisonNumber } from '../../domain/ids.ts';
import type { Plan } from '../../domain/plan.ts';
import type { PlanRecord } from '../../domain/plan-record.ts';
import type { Application, ApplicationReply } from '../../domain/application.ts';
import type { QuestionnaireAnswers } from '../../domain/questionnaire.ts';
import type { Change, Cursor, OutboxItem, PushResult } from '../../domain/sync.ts';
import type { AttemptPolicy } from '../auth/sign-in-limits.ts';

/** Which storage engine is behind a store. */
export type Engine = 'sqlite' | 'postgres';

/** A person who can sign in, as the service holds them. Never sent to a device as it is. */
export const PersonRecord = z.object({
  personId: OpaqueId,
  prisonNumber: PrisonNumber,
  displayName: z.string().trim().min(1).max(100),
  /** A salted scrypt hash of the PIN (see src/server/auth/pin-hash.ts). Never the PIN itself. */
  pinHash: z.string().startsWith('scrypt$'),
  createdAt: IsoDateTime,
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const NewPerson = PersonRecord.omit({ createdAt: true });
export type NewPerson = z.infer<typeof NewPerson>;

/** One change for the device, with the cursor the service gave it. */
export type ChangeEntry = { cursor: Cursor; change: Change };

/** A page of changes. `cursor` is where the next page starts (the last entry's, or the one asked for). */
export type ChangePage = { entries: ChangeEntry[]; cursor: Cursor; hasMore: boolean };

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

/** Whose sign-in a live access token belongs to. */
export type SessionOwner = { sessionId: string; personId: string };

/** What happened to a refresh token handed in for a new pair. */
export type RefreshOutcome =
  | { status: 'rotated'; sessionId: string; personId: string; accessExpiresAt: string; refreshExpiresAt: string }
  /** The token had been used already: the whole sign-in is now ended. */
  | { status: 'reused' }
  /** Unknown, expired, or its sign-in has ended. */
  | { status: 'invalid' };

/** One sign-in counter to check and count: its key and the policy it follows. */
export type AttemptCheck = { key: string; policy: AttemptPolicy };

export type AttemptStart =
  /** Counted as a failure until settled; `failures` is each counter's new count, in the order asked. */
  | { allowed: true; failures: number[] }
  | { allowed: false; retryAfterSeconds: number };

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
export interface Store {
  readonly engine: Engine;
  /** Applies any SQL migrations not yet applied. Returns the names of those it applied. */
  migrate(): Promise<{ applied: string[] }>;
  close(): Promise<void>;
  /** Throws if the database cannot be reached. */
  ping(): Promise<void>;
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
  recordApplicationReply(reply: ApplicationReply): Promise<{ cursor: Cursor }>;
  /**
   * This person's shareable changes after `cursor`, oldest first, at most `limit` of them: only
   * current state (the newest plan, each application's newest reply), never an entry since replaced.
   */
  changesSince(personId: string, cursor: Cursor, limit: number): Promise<ChangePage>;

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

  /**
   * Checks every counter in one transaction: if any says wait, nothing is counted and the longest
   * wait is returned. Otherwise each counter goes up by one (the try counts as a failure until
   * `settleSignInSuccess` says otherwise), so many tries at once cannot slip past the limit.
   */
  beginSignInAttempt(checks: readonly AttemptCheck[], now: string): Promise<AttemptStart>;
  /** A right PIN: the `clear` counters go back to zero; the `undo` counters take back this one try. */
  settleSignInSuccess(keys: { clear: readonly string[]; undo: readonly string[] }): Promise<void>;

  /**
   * Applies a person's outbox items, answering each in the order sent. The batch is one
   * transaction; each item's record that it was processed is written in it with the item's effect,
   * so each item has exactly one effect however often it is sent.
   * An id already processed for this person is a `duplicate`; an id already used by someone else,
   * or an application or questionnaire id already taken, is `rejected` with `conflict`.
   * The items must already have passed the shared `OutboxItem` schema (the push route checks each).
   */
  applyPush(personId: string, items: readonly OutboxItem[], now: string): Promise<PushResult[]>;
  /** A person's applications as they sent them, oldest first. */
  listApplications(personId: string): Promise<Application[]>;
  /** A person's questionnaire answers as they sent them, oldest first. */
  listQuestionnaires(personId: string): Promise<QuestionnaireAnswers[]>;
}
