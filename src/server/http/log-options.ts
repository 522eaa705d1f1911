import type { FastifyLoggerOptions, FastifyRequest } from 'fastify';
import { errorFields } from '../process/process-log.ts';

/**
 * The service's request logs: JSON lines (pino's), one per request and per problem, with no
 * personal data. What pino logs by default is replaced:
 * - a request is its method and its **route pattern** (`/api/staff/v1/people/:prisonNumber`),
 *   never its address as sent (staff addresses carry prison numbers; queries could carry more),
 *   and never the client's address or port (a device's address is personal data in a prison);
 * - an error is its kind, code and message, never its other fields (a database error's `detail`
 *   names the values of the row it refused) and never its stack's arguments;
 * - bodies and headers are never logged (Fastify does not by default; nothing here adds them).
 * Routes log only ids and codes (for example a kiosk's id and refused item ids).
 */
export const serviceLogOptions: FastifyLoggerOptions & { level: string } = {
  level: 'info',
  serializers: {
    req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? null }),
    res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    err: (error: unknown) => ({ ...errorFields(error), stack: stackFrames((error as Error | null)?.stack) }),
  },
};

/** The stack's frames (file and line) without its first line, which repeats the message. */
function stackFrames(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}
