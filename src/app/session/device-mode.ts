import { type DeviceModeName as DeviceMode, isDeviceMode } from '../../domain/device-modes.ts';

/**
 * The device mode is set by the deployment (`GET /config.json` → `{deviceMode}`), never by the
 * person. It is remembered on the device so the app knows it offline (the service worker does not
 * cache /config.json: a changed deployment must win as soon as the service answers).
 */
export const deviceModeStorageKey = 'spc.deviceMode';

/**
 * Where the deployment's usual reply times (`/config.json` → `replyTimes`) are remembered for
 * offline use. Kept as the service sent it; the applications pages check it with the shared
 * schema (`ClientReplyTimes`) before use, and use the defaults otherwise. No personal data.
 */
export const replyTimesStorageKey = 'spc.replyTimes';

export function rememberedDeviceMode(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): DeviceMode | null {
  try {
    const saved = storage?.getItem(deviceModeStorageKey);
    return isDeviceMode(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Asks the service; falls back to the remembered mode (or null) when it cannot be reached. */
export async function loadDeviceMode(
  fetchConfig: () => Promise<Response> = () => fetch('/config.json', { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(10_000) }),
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
): Promise<DeviceMode | null> {
  try {
    const response = await fetchConfig();
    if (response.ok) {
      const body = (await response.json()) as { deviceMode?: unknown; replyTimes?: unknown };
      if (isDeviceMode(body.deviceMode)) {
        try {
          storage?.setItem(deviceModeStorageKey, body.deviceMode);
          if (body.replyTimes !== undefined) storage?.setItem(replyTimesStorageKey, JSON.stringify(body.replyTimes));
        } catch {
          // Storage full or blocked: the mode still holds for this visit.
        }
        return body.deviceMode;
      }
    }
  } catch {
    // Offline: use what this device was told last time.
  }
  return rememberedDeviceMode(storage);
}

/** How long a signed-in person may leave the screen before being signed out, and the warning before it. */
export type IdleTimes = { timeoutMs: number; warningMs: number };

export function idleTimesFor(mode: DeviceMode | null): IdleTimes {
  // A personal in-cell tablet: about 15 minutes. A shared wing kiosk (or not known yet): about 2.
  if (mode === 'tablet') return { timeoutMs: 15 * 60_000, warningMs: 60_000 };
  return { timeoutMs: 2 * 60_000, warningMs: 30_000 };
}
