import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applicationFieldIssues } from '../../domain/application.ts';
import { ClientId } from '../../domain/ids.ts';
import { progressNoteIssues } from '../../domain/progress-note.ts';
import { questionnaireIssues } from '../../domain/questionnaire.ts';
import { textIssues } from '../../domain/text.ts';
import {
  acceptedSchemaVersions,
  currentSchemaVersion,
  maxPushBatch,
  OutboxItem,
  outboxIssues,
  PullQuery,
  type PullResponse,
  type PushResponse,
  type PushResult,
} from '../../domain/sync.ts';
import { apiErrors, sendError } from '../http/api-errors.ts';
import type { SessionOwner } from '../store/store.ts';
import { pushMessages, rejected } from '../sync/push-messages.ts';
import { createRateLimiter, defaultSyncRateLimit, type RateLimit } from '../sync/rate-limit.ts';
import { requireSession, type ApiContext } from './context.ts';

/**
 * The outer shape of a push, checked before any item: every item must at least carry an id we
 * can answer about. Each item is then checked on its own, so one bad item never blocks the rest.
 */
const PushEnvelope = z.object({
  schemaVersion: z.number().int(),
  items: z.array(z.looseObject({ id: ClientId })),
});

/** Plain words for each message key of the domain schemas, most useful first. */
const messagesByKey: ReadonlyArray<[string, string]> = [
  [textIssues.controlCharacters, pushMessages.hiddenCharacter],
  [questionnaireIssues.tooManyAnswers, pushMessages.tooManyAnswers],
  [questionnaireIssues.tooBig, pushMessages.tooBig],
  [outboxIssues.tooBig, pushMessages.tooBig],
  [questionnaireIssues.noteTooLong, pushMessages.detailsTooLong],
  ['details.tooLong', pushMessages.detailsTooLong],
  ['details.required', pushMessages.detailsMissing],
  [progressNoteIssues.tooLong, pushMessages.detailsTooLong],
  [progressNoteIssues.required, pushMessages.noteMissing],
  [questionnaireIssues.unknownQuestionSet, pushMessages.unknownQuestionSet],
  [questionnaireIssues.required, pushMessages.answersMissing],
  [applicationFieldIssues.notForType, pushMessages.fieldNotForType],
  [applicationFieldIssues.notAnOption, pushMessages.fieldNotForType],
  [applicationFieldIssues.notAGoal, pushMessages.fieldNotForType],
  [applicationFieldIssues.notADate, pushMessages.fieldNotForType],
  [applicationFieldIssues.tooLong, pushMessages.detailsTooLong],
];

/** Plain words for what is wrong with an item, from the domain schema's message keys. */
function messageFor(error: z.ZodError): string {
  for (const [key, message] of messagesByKey) {
    if (error.issues.some((issue) => issue.message === key)) return message;
  }
  if (error.issues.some((issue) => issue.path.includes('completedOn'))) return pushMessages.undated;
  return pushMessages.invalid;
}

/**
 * GET /api/sync/pull and POST /api/sync/push, for the signed-in person only, each counted against
 * that person's rate limit (sync/rate-limit.ts).
 */
export function registerSyncRoutes(app: FastifyInstance, ctx: ApiContext, rateLimit: RateLimit = defaultSyncRateLimit): void {
  const { store } = ctx;
  const limiter = createRateLimiter(rateLimit);

  /** The person behind the token, once their sync is within the limit; otherwise answers (401 or 429) and returns null. */
  async function signedInWithinLimit(request: FastifyRequest, reply: FastifyReply): Promise<SessionOwner | null> {
    const owner = await requireSession(ctx, request, reply);
    if (!owner) return null;
    const taken = limiter.take(owner.personId, ctx.now());
    if (taken.allowed) return owner;
    reply.header('retry-after', String(taken.retryAfterSeconds));
    sendError(reply, 429, apiErrors.tooManySyncs);
    return null;
  }

  app.get('/api/sync/pull', async (request, reply) => {
    const owner = await signedInWithinLimit(request, reply);
    if (!owner) return reply;
    const query = PullQuery.safeParse(request.query);
    if (!query.success) {
      const version = query.error.issues.some((issue) => issue.path[0] === 'schemaVersion');
      return sendError(reply, 400, version ? apiErrors.unsupportedVersion : apiErrors.invalid);
    }
    // Only this person's shareable changes: the person id comes from the token, never from the request.
    const page = await store.changesSince(owner.personId, query.data.cursor, query.data.limit, ctx.now().toISOString());
    const body: PullResponse = {
      schemaVersion: currentSchemaVersion,
      cursor: page.cursor,
      changes: page.entries.map((entry) => entry.change),
      hasMore: page.hasMore,
      ...(page.restart ? { restart: true as const } : {}),
    };
    return body;
  });

  app.post('/api/sync/push', async (request, reply) => {
    const owner = await signedInWithinLimit(request, reply);
    if (!owner) return reply;
    const envelope = PushEnvelope.safeParse(request.body);
    if (!envelope.success) {
      const body = request.body as { schemaVersion?: unknown } | null;
      if (body && typeof body === 'object' && typeof body.schemaVersion !== 'number') return sendError(reply, 400, apiErrors.unsupportedVersion);
      return sendError(reply, 400, apiErrors.invalid);
    }
    const { schemaVersion, items } = envelope.data;
    if (!acceptedSchemaVersions.includes(schemaVersion)) return sendError(reply, 400, apiErrors.unsupportedVersion);
    if (items.length === 0) return sendError(reply, 400, apiErrors.emptyBatch);
    if (items.length > maxPushBatch) return sendError(reply, 400, apiErrors.tooManyItems);

    const results: Array<PushResult | undefined> = [];
    const valid: OutboxItem[] = [];
    const validAt: number[] = [];
    items.forEach((raw, index) => {
      const item = OutboxItem.safeParse(raw);
      if (item.success) {
        valid.push(item.data);
        validAt.push(index);
        results.push(undefined);
      } else {
        results.push(rejected(raw.id, 'invalid', messageFor(item.error)));
      }
    });
    if (valid.length > 0) {
      const applied = await store.applyPush(owner.personId, valid, ctx.now().toISOString());
      ctx.metrics?.pushResults(applied);
      applied.forEach((result, i) => {
        results[validAt[i]!] = result;
      });
    }
    ctx.metrics?.pushResults(results.filter((r, i): r is PushResult => r !== undefined && !validAt.includes(i)));
    const body: PushResponse = { schemaVersion: currentSchemaVersion, results: results.filter((r): r is PushResult => r !== undefined) };
    return body;
  });
}
