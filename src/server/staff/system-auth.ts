import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPermission } from '../../domain/staff.ts';
import type { ConnectedSystem } from '../../domain/staff-people.ts';
import { addressDigest } from '../auth/sign-in-limits.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { requireStaff, type SignedInStaff, type StaffContext } from './staff-context.ts';
import { sendStaffError, staffErrors } from './staff-errors.ts';
import type { SystemActor } from './staff-store.ts';

/** A connected system's token: `sys_` and 32 random bytes (base64url). Only its SHA-256 is kept. */
export function newSystemToken(): string {
  return `sys_${newToken()}`;
}

const systemBearer = /^Bearer (sys_[A-Za-z0-9_-]{43})$/;

/** Does the request carry a bearer token (whatever it is)? Then it is a connected system's, never a staff sign-in. */
export function carriesBearer(request: FastifyRequest): boolean {
  return typeof request.headers.authorization === 'string';
}

const planPath = /^\/api\/staff\/v1\/people\/[^/?#]+\/plan(\?.*)?$/;

/**
 * A connected system's token opens two addresses: PUT of a person's plan and GET of the person.
 * The PUT is the one request that changes something without the Origin check (staff-app.ts): it
 * is authenticated by its token alone, never a cookie, and a browser on another site cannot send
 * an Authorization header here without a CORS preflight, which this service never answers.
 */
export function isSystemPlanPut(request: FastifyRequest): boolean {
  return request.method === 'PUT' && carriesBearer(request) && planPath.test(request.url);
}

export type Caller = { kind: 'staff'; staff: SignedInStaff } | { kind: 'system'; system: ConnectedSystem; actor: SystemActor };

/**
 * The caller of an address that both staff and connected systems use: a request with an
 * Authorization header is a system's, and only its `sys_` token counts (any cookie with it is
 * ignored); any other request is a staff sign-in's, with every check of `requireStaff`. Answers
 * (401, 403) and returns null when neither works.
 */
export async function requireStaffOrSystem(
  ctx: StaffContext,
  request: FastifyRequest,
  reply: FastifyReply,
  permission: StaffPermission,
): Promise<Caller | null> {
  if (!carriesBearer(request)) {
    const staff = await requireStaff(ctx, request, reply, { permission });
    return staff ? { kind: 'staff', staff } : null;
  }
  const token = systemBearer.exec(String(request.headers.authorization).trim())?.[1];
  const system = token ? await ctx.store.staff.findSystemByToken(hashToken(token)) : null;
  if (!system) {
    reply.header('www-authenticate', 'Bearer');
    sendStaffError(reply, 401, staffErrors.systemTokenRefused);
    return null;
  }
  return {
    kind: 'system',
    system,
    actor: { systemId: system.systemId, name: system.name, prisonId: system.prisonId, addressHash: addressDigest(request.ip), at: ctx.now().toISOString() },
  };
}

/** The prison the caller works in. */
export function prisonOf(caller: Caller): string {
  return caller.kind === 'staff' ? caller.staff.account.prisonId : caller.system.prisonId;
}
