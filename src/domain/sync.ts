import { z } from 'zod';
import { Application, ApplicationReply } from './application.ts';
import { ClientId, IsoDateTime } from './ids.ts';
import { Plan } from './plan.ts';
import { ProgressNote } from './progress-note.ts';
import { QuestionnaireAnswers } from './questionnaire.ts';
import { utf8Length } from './text.ts';

/** The sync message format. The service accepts this version and the one before it. */
export const currentSchemaVersion = 1;
export const acceptedSchemaVersions = [currentSchemaVersion, currentSchemaVersion - 1].filter((v) => v > 0);

const SchemaVersion = z
  .number()
  .int()
  .refine((v) => acceptedSchemaVersions.includes(v), { message: 'schemaVersion.unsupported' });

/** A cursor is assigned by the service and only ever grows. The device never makes one up. */
export const Cursor = z.string().regex(/^\d{1,20}$/);
export type Cursor = z.infer<typeof Cursor>;

/** One change the device should apply. The plan is read-only on the device: the service wins. */
export const Change = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('plan'), data: Plan }),
  z.object({ entity: z.literal('applicationReply'), data: ApplicationReply }),
]);
export type Change = z.infer<typeof Change>;

/** The most changes one pull page holds; a bigger `limit` is lowered to this. */
export const maxPullLimit = 100;

/** Query of GET /api/sync/pull. Numbers arrive as text. `schemaVersion` is optional here. */
export const PullQuery = z.object({
  cursor: Cursor.refine((c) => Number(c) <= Number.MAX_SAFE_INTEGER, { message: 'cursor.tooBig' }).default('0'),
  limit: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1))
    .transform((n) => Math.min(n, maxPullLimit))
    .default(maxPullLimit),
  schemaVersion: z.string().regex(/^\d{1,6}$/).transform(Number).pipe(SchemaVersion).optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  schemaVersion: SchemaVersion,
  cursor: Cursor,
  changes: z.array(Change),
  hasMore: z.boolean(),
  /**
   * Set when the device's cursor was older than something the change log has let go since
   * (src/domain/retention.ts): this page is then the person's whole current state, from the
   * start, in one page. The device replaces the replies it holds with these, and forgets its own
   * sent applications that are not among them (they are past retention).
   */
  restart: z.literal(true).optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * The most a push request's body may be (UTF-8 bytes). A bigger one is refused whole with 413,
 * so the app caps its batches by bytes as well as by count.
 */
export const maxPushBodyBytes = 256 * 1024;

/**
 * The most one outbox item may be, as UTF-8 JSON. Well under a quarter of a push, so that any item
 * the schemas accept can always be sent, alone if need be; the app refuses a bigger one before
 * queueing it. (Every bound in the item schemas keeps an item under this; this is the backstop.)
 */
export const maxOutboxItemBytes = 64 * 1024;

export const outboxIssues = { tooBig: 'item.tooBig' } as const;

/** The size of an item as a push carries it. */
export function outboxItemBytes(item: unknown): number {
  return utf8Length(JSON.stringify(item));
}

/** One item from the device's outbox. Its id is minted once, on the device, and is the idempotency key. */
export const OutboxItem = z
  .discriminatedUnion('kind', [
    z.object({ id: ClientId, kind: z.literal('application'), createdAt: IsoDateTime, payload: Application }),
    z.object({ id: ClientId, kind: z.literal('questionnaire'), createdAt: IsoDateTime, payload: QuestionnaireAnswers }),
    z.object({ id: ClientId, kind: z.literal('progressNote'), createdAt: IsoDateTime, payload: ProgressNote }),
  ])
  .refine((item) => outboxItemBytes(item) <= maxOutboxItemBytes, { message: outboxIssues.tooBig });
export type OutboxItem = z.infer<typeof OutboxItem>;

export const maxPushBatch = 100;

/**
 * The most bytes (UTF-8, the whole JSON body) a device puts in one push: below the service's
 * 256 KiB body limit with 64 KiB to spare. An item bigger than this on its own is never sent.
 */
export const maxPushBytes = 192 * 1024;

export const PushRequest = z.object({
  schemaVersion: SchemaVersion,
  items: z.array(OutboxItem).min(1).max(maxPushBatch),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why the service turned an item down. `alreadyOpen`: the person already has an open application
 * of this type (one open application per type); the message says so and the app shows the open one.
 */
export const RejectionCode = z.enum(['invalid', 'notAllowed', 'conflict', 'tooLate', 'alreadyOpen']);

export const PushResult = z.discriminatedUnion('status', [
  z.object({ id: ClientId, status: z.literal('applied') }),
  z.object({ id: ClientId, status: z.literal('duplicate') }),
  z.object({ id: ClientId, status: z.literal('rejected'), code: RejectionCode, message: z.string() }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  schemaVersion: SchemaVersion,
  results: z.array(PushResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Every error the service returns has this shape: a stable code and a plain message. */
export const ApiError = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({ status: z.literal('ok'), engine: z.enum(['sqlite', 'postgres']), time: IsoDateTime });
export type Health = z.infer<typeof Health>;

/** The service's readiness answer (`GET /api/ready`): it can reach its database. */
export const Readiness = z.object({ status: z.literal('ready'), engine: z.enum(['sqlite', 'postgres']), time: IsoDateTime });
export type Readiness = z.infer<typeof Readiness>;
