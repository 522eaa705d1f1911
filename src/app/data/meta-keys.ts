/**
 * Keys of a person's `meta` table (see person-db.ts). Kept free of Dexie: the session provider,
 * which is on the first page, needs them before any database is opened.
 */
/** Keys used in the `meta` table. */
export const metaKeys = {
  cursor: 'cursor',
  outboxSeq: 'outboxSeq',
  lastSyncedAt: 'lastSyncedAt',
  refreshToken: 'refreshToken',
  /** The newest resume token from the service (sealed); it outlives sign-out (sync/sign-in.ts, "resume"). */
  resumeToken: 'resumeToken',
  /** The person's name as the service gave it (sealed), so an offline unlock can greet them. */
  displayName: 'session.displayName',
  /**
   * When the newest plan the service sent could not be read (it failed the shared schema): the
   * device time, and nothing else (the plan itself is not kept). Removed when a good plan arrives.
   */
  planRejectedAt: 'plan.rejectedAt',
  /** What of the plan the person has seen (sealed): ids, states and dates, to mark what changed since. */
  planSeen: 'plan.seen',
  /** Which replies from the OMU the person has read (sealed), for the "new" badge. */
  repliesSeen: 'replies.seen',
} as const;

/** Drafts of forms are kept (sealed) in `meta` under `draft.<form name>`. */
export const draftKeyPrefix = 'draft.';
export const draftMetaKey = (form: string): string => `${draftKeyPrefix}${form}`;
