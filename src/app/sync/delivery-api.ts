import { DeliveryKey, DeliverySecret, EnrolResponse, type DeliveryEnvelope, type DeliveryPushRequest } from '../../domain/delivery.ts';
import { currentSchemaVersion, maxPushBatch, PushResponse } from '../../domain/sync.ts';
import type { ApiClient, ApiResult } from './api-client.ts';

/** The delivery endpoints (src/server/routes/delivery.ts), through the one API client. */
export type DeliveryApi = {
  key(signal?: AbortSignal): Promise<ApiResult<DeliveryKey>>;
  /** This sign-in's delivery secret (the person's access token). */
  secret(accessToken: string, signal?: AbortSignal): Promise<ApiResult<DeliverySecret>>;
  /** Swaps a staff set-up code for this kiosk's device credential. */
  enrol(code: string, signal?: AbortSignal): Promise<ApiResult<EnrolResponse>>;
  /** Sealed envelopes, with the device credential. */
  push(credential: string, envelopes: DeliveryEnvelope[], signal?: AbortSignal): Promise<ApiResult<PushResponse>>;
};

function post(body: unknown, token: string | null, signal?: AbortSignal): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  };
}

export function deliveryApi(api: ApiClient): DeliveryApi {
  return {
    key: (signal) => api.request('/api/delivery/key', { method: 'GET', ...(signal ? { signal } : {}) }, DeliveryKey),
    secret: (accessToken, signal) => api.request('/api/delivery/secret', post({}, accessToken, signal), DeliverySecret),
    enrol: (code, signal) => api.request('/api/delivery/enrol', post({ code }, null, signal), EnrolResponse),
    push: (credential, envelopes, signal) => {
      if (envelopes.length === 0 || envelopes.length > maxPushBatch) throw new RangeError('A delivery push carries 1 to maxPushBatch envelopes.');
      const body: DeliveryPushRequest = { schemaVersion: currentSchemaVersion, envelopes };
      return api.request('/api/delivery/push', post(body, credential, signal), PushResponse);
    },
  };
}
