import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DeliveryEnvelope,
  deliverySecretLifetimeDays,
  EnrolRequest,
  isEnrolmentCode,
  normaliseEnrolmentCode,
  type DeliveryKey,
  type DeliverySecret,
  type EnrolResponse,
} from '../../domain/delivery.ts';
import type { DeviceModeName } from '../../domain/device-modes.ts';
import { ClientId } from '../../domain/ids.ts';
import { acceptedSchemaVersions, currentSchemaVersion, maxPushBatch, type PushResponse, type PushResult } from '../../domain/sync.ts';
import { bearerToken, hashToken, newToken } from '../auth/tokens.ts';
import { deliverEnvelopes } from '../delivery/deliver.ts';
import type { DeviceRecord } from '../delivery/delivery-store.ts';
import { hashEnrolmentCode } from '../delivery/devices.ts';
import { createKeyRing, deriveSecret } from '../delivery/keys.ts';
import { deliveryErrors, deliveryMessages } from '../delivery/messages.ts';
import { apiErrors, sendError } from '../http/api-errors.ts';
import { newOpaqueId } from '../ids.ts';
import { rejected } from '../sync/push-messages.ts';
import { requireSession, type ApiContext } from './context.ts';

/** Envelopes are items sealed (about 4/3 of their size, plus keys): twice the sync push limit. */
export const deliveryBodyLimitBytes = 512 * 1024;
const smallBodyLimitBytes = 4 * 1024;
const dayMs = 24 * 60 * 60 * 1000;
/** Secret rows are kept this long after they run out, so a late item is told `tooLate`, not "unknown". */
const keepExpiredSecretsMs = 30 * dayMs;

/** Like the sync push: every envelope must at least carry an id we can answer about. */
const PushShape = z.object({
  schemaVersion: z.number().int(),
  envelopes: z.array(z.looseObject({ id: ClientId })),
});

/**
 * Delivery from kiosks (src/server/NOTES.md, "Delivery from kiosks"). Only a `kiosk` deployment
 * has these routes:
 * - `GET /api/delivery/key`: the public key to seal items to;
 * - `POST /api/delivery/secret` (the person's access token): this sign-in's delivery secret;
 * - `POST /api/delivery/enrol` (a staff code, once): the kiosk's device credential;
 * - `POST /api/delivery/push` (the device credential): sealed envelopes, applied as their writers.
 */
export function registerDeliveryRoutes(app: FastifyInstance, ctx: ApiContext & { deviceMode: DeviceModeName }): void {
  if (ctx.deviceMode !== 'kiosk') return;
  const { store } = ctx;
  const keys = createKeyRing(store.delivery, ctx.now);

  async function requireDevice(request: FastifyRequest, reply: FastifyReply): Promise<DeviceRecord | null> {
    const credential = bearerToken(request.headers.authorization);
    const device = credential ? await store.delivery.findDevice(hashToken(credential)) : null;
    if (!device) {
      sendError(reply, 401, deliveryErrors.deviceNotEnrolled);
      return null;
    }
    return device;
  }

  app.get('/api/delivery/key', async () => {
    const body: DeliveryKey = await keys.currentSealKey();
    return body;
  });

  app.post('/api/delivery/secret', { bodyLimit: smallBodyLimitBytes }, async (request, reply) => {
    const owner = await requireSession(ctx, request, reply);
    if (!owner) return reply;
    const now = ctx.now();
    const { keyId } = await keys.currentSecretKey();
    const record = await store.delivery.issueSecret(
      {
        secretId: newOpaqueId('ds'),
        sessionId: owner.sessionId,
        personId: owner.personId,
        keyId,
        issuedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deliverySecretLifetimeDays * dayMs).toISOString(),
      },
      new Date(now.getTime() - keepExpiredSecretsMs).toISOString(),
    );
    const secretKey = await keys.secretKey(record.keyId);
    if (!secretKey) throw new Error('The key of a delivery secret is missing.');
    const body: DeliverySecret = {
      secretId: record.secretId,
      secret: deriveSecret(secretKey, record.secretId, record.personId).toString('base64'),
      issuedAt: record.issuedAt,
      expiresAt: record.expiresAt,
    };
    return body;
  });

  app.post('/api/delivery/enrol', { bodyLimit: smallBodyLimitBytes }, async (request, reply) => {
    const parsed = EnrolRequest.safeParse(request.body);
    const code = parsed.success ? normaliseEnrolmentCode(parsed.data.code) : '';
    if (!isEnrolmentCode(code)) return sendError(reply, 400, deliveryErrors.invalidEnrolCode);
    const credential = newToken();
    const device = await store.delivery.enrolDevice(hashEnrolmentCode(code), hashToken(credential), ctx.now().toISOString());
    if (!device) return sendError(reply, 400, deliveryErrors.wrongEnrolCode);
    request.log.info({ deviceId: device.deviceId }, 'kiosk enrolled');
    const body: EnrolResponse = { deviceId: device.deviceId, name: device.name, credential };
    return body;
  });

  app.post('/api/delivery/push', { bodyLimit: deliveryBodyLimitBytes }, async (request, reply) => {
    const device = await requireDevice(request, reply);
    if (!device) return reply;
    const shape = PushShape.safeParse(request.body);
    if (!shape.success) {
      const body = request.body as { schemaVersion?: unknown } | null;
      if (body && typeof body === 'object' && typeof body.schemaVersion !== 'number') return sendError(reply, 400, apiErrors.unsupportedVersion);
      return sendError(reply, 400, apiErrors.invalid);
    }
    const { schemaVersion, envelopes } = shape.data;
    if (!acceptedSchemaVersions.includes(schemaVersion)) return sendError(reply, 400, apiErrors.unsupportedVersion);
    if (envelopes.length === 0) return sendError(reply, 400, apiErrors.emptyBatch);
    if (envelopes.length > maxPushBatch) return sendError(reply, 400, apiErrors.tooManyItems);

    const now = ctx.now();
    const results: Array<PushResult | undefined> = [];
    const valid: DeliveryEnvelope[] = [];
    const validAt: number[] = [];
    envelopes.forEach((raw, index) => {
      const envelope = DeliveryEnvelope.safeParse(raw);
      if (envelope.success) {
        valid.push(envelope.data);
        validAt.push(index);
        results.push(undefined);
      } else {
        results.push(rejected(raw.id, 'invalid', deliveryMessages.cannotOpen));
      }
    });
    if (valid.length > 0) {
      const delivered = await deliverEnvelopes(valid, { store, keys, now });
      delivered.forEach((result, i) => {
        results[validAt[i]!] = result;
      });
    }
    await store.delivery.touchDevice(device.deviceId, now.toISOString());
    const answered = results.filter((r): r is PushResult => r !== undefined);
    const refused = answered.filter((r) => r.status === 'rejected');
    if (refused.length > 0) {
      // For staff: which kiosk sent what could not be delivered (ids and codes only, never content).
      request.log.warn({ deviceId: device.deviceId, refused: refused.map((r) => ({ id: r.id, code: r.status === 'rejected' ? r.code : '' })) }, 'kiosk delivery refused');
    }
    const body: PushResponse = { schemaVersion: currentSchemaVersion, results: answered };
    return body;
  });
}
