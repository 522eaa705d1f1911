import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OpaqueId } from '../../domain/ids.ts';
import { NewStaffAccountRequest, staffApiBase, type StaffAccount, type StaffAccountList, type StaffPomList } from '../../domain/staff.ts';
import { newOpaqueId } from '../ids.ts';
import { hashPassword } from '../staff/passwords.ts';
import { requireStaff, type StaffContext } from '../staff/staff-context.ts';
import { invalidRequest, sendStaffError, staffErrors } from '../staff/staff-errors.ts';
import type { StaffAccountRecord } from '../staff/staff-store.ts';
import { StoreConflictError } from '../store/store.ts';
import { staffAuthBodyLimitBytes } from './staff-auth.ts';

const AccountParams = z.object({ staffId: OpaqueId });

/** An account as an admin sees it: never its password hash. */
function shown(account: StaffAccountRecord): StaffAccount {
  const { passwordHash: _hash, ...rest } = account;
  return rest;
}

/**
 * Accounts of the admin's own prison: list, add (with a first password the new member must
 * change), switch off (ending their sign-ins) and on again. Each change is audited.
 */
export function registerStaffAccountRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const { store } = ctx;

  app.get(`${staffApiBase}/accounts`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'accounts' });
    if (!staff) return reply;
    const body: StaffAccountList = { accounts: (await store.staff.listAccounts(staff.account.prisonId)).map(shown) };
    return body;
  });

  // Whom people can be allocated to: names only, for those who enrol and allocate (not just admins).
  app.get(`${staffApiBase}/poms`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'enrol' });
    if (!staff) return reply;
    const accounts = await store.staff.listAccounts(staff.account.prisonId);
    const body: StaffPomList = {
      poms: accounts.filter((a) => a.role === 'pom' && a.disabledAt === null).map(({ staffId, displayName }) => ({ staffId, displayName })),
    };
    return body;
  });

  app.post(`${staffApiBase}/accounts`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: 'accounts' });
    if (!staff) return reply;
    const parsed = NewStaffAccountRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error));
    const { username, displayName, role, password } = parsed.data;
    try {
      const added = await store.staff.insertAccount(
        {
          staffId: newOpaqueId('st'),
          username,
          displayName,
          role,
          prisonId: staff.account.prisonId,
          passwordHash: await hashPassword(password, ctx.passwordHashParams),
          mustChangePassword: true,
          createdAt: staff.actor.at,
        },
        staff.actor,
      );
      return reply.code(201).send(shown(added));
    } catch (error) {
      if (error instanceof StoreConflictError) return sendStaffError(reply, 409, { ...staffErrors.usernameTaken, field: 'username' });
      throw error;
    }
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`${staffApiBase}/accounts/:staffId/${action}`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
      const staff = await requireStaff(ctx, request, reply, { permission: 'accounts' });
      if (!staff) return reply;
      const params = AccountParams.safeParse(request.params);
      if (!params.success) return sendStaffError(reply, 404, staffErrors.notFound);
      if (disabled && params.data.staffId === staff.account.staffId) return sendStaffError(reply, 409, staffErrors.cannotDisableSelf);
      const account = await store.staff.setAccountDisabled({ staffId: params.data.staffId, prisonId: staff.account.prisonId, disabled, actor: staff.actor });
      if (!account) return sendStaffError(reply, 404, staffErrors.notFound);
      return shown(account);
    });
  }
}
