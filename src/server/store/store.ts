import { z } from 'zod';
import { IsoDateTime, OpaqueId, PrisonNumber } from '../../domain/ids.ts';
import type { Plan } from '../../domain/plan.ts';
import type { PlanRecord } from '../../domain/plan-record.ts';
import type { Change, Cursor } from '../../domain/sync.ts';

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
  /**
   * Saves a new version of a person's plan and appends it to the change log.
   * The log gets only what may be shared; a version marked not shareable is logged but never pulled.
   */
  putPlan(plan: PlanRecord): Promise<{ cursor: Cursor }>;
  /** The latest plan as staff hold it, including items that are not shareable. Never send this to a device. */
  getPlan(personId: string): Promise<PlanRecord | null>;
  /** The latest plan the person is allowed to see, or null if there is none yet. */
  getShareablePlan(personId: string): Promise<Plan | null>;
  /** This person's shareable changes after `cursor`, oldest first, at most `limit` of them. */
  changesSince(personId: string, cursor: Cursor, limit: number): Promise<ChangePage>;
}
