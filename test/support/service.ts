import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/server/app.ts';
import { seedDemoData } from '../../src/server/demo/index.ts';
import { buildStaffServer } from '../../src/server/staff/staff-app.ts';
import { openStore } from '../../src/server/store/index.ts';
import type { Store } from '../../src/server/store/store.ts';
import { assertAppBuilt, distDir, staffDistDir } from './paths.ts';

export type DeviceMode = 'public' | 'tablet' | 'kiosk';

export type Service = {
  /** e.g. http://127.0.0.1:43567 (no trailing slash). */
  baseUrl: string;
  /**
   * The staff listener (the OMU API) of the same service, e.g. http://127.0.0.1:43568; absent in
   * `public` mode, which has none. Sign in as demo staff with test/support/staff.ts.
   */
  staffBaseUrl: string | null;
  /** The service's own store, to check what it really holds. */
  store: Store;
  /** Stops listening, closes the store and deletes its data. Safe to call twice. */
  stop(): Promise<void>;
};

/** A port nobody is listening on just now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

/**
 * Starts the real sync service, serving the built app from dist/, on a free port of
 * 127.0.0.1, with the embedded store in a fresh temporary folder, seeded with demo data (demo
 * people and demo staff). Its PUBLIC_ORIGIN is its own address, as a deployment sets it (the
 * public pages' links are absolute). The staff listener runs on another free port, as `npm start`
 * runs it, with its own address as STAFF_ORIGIN, serving the built staff console (dist-staff/) when there is one.
 */
export async function startService(options: { deviceMode?: DeviceMode; dist?: string; staffDist?: string } = {}): Promise<Service> {
  const dist = assertAppBuilt(options.dist ?? distDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'spc-data-'));
  const store = await openStore({ dataDir });
  try {
    await seedDemoData(store);
    const port = await freePort();
    const server = await buildServer({
      store,
      distDir: dist,
      deviceMode: options.deviceMode ?? 'tablet',
      logger: false,
      publicOrigin: `http://127.0.0.1:${port}`,
    });
    await server.listen({ host: '127.0.0.1', port });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error(`Unexpected server address: ${String(address)}`);
    let staffBaseUrl: string | null = null;
    let staffServer: Awaited<ReturnType<typeof buildStaffServer>> | null = null;
    if ((options.deviceMode ?? 'tablet') !== 'public') {
      const staffPort = await freePort();
      staffBaseUrl = `http://127.0.0.1:${staffPort}`;
      staffServer = await buildStaffServer({ store, logger: false, staffPort, staffOrigin: staffBaseUrl, staffDistDir: options.staffDist ?? staffDistDir });
      await staffServer.listen({ host: '127.0.0.1', port: staffPort });
    }
    let stopped = false;
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      staffBaseUrl,
      store,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Browsers keep idle connections open; drop them so the port really goes dark.
        const closing = Promise.all([server.close(), staffServer?.close()]);
        server.server.closeAllConnections();
        staffServer?.server.closeAllConnections();
        await closing;
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Resolves once nothing answers at baseUrl any more (proves the network is really gone). */
export async function assertServiceDown(baseUrl: string): Promise<void> {
  try {
    await fetch(baseUrl, { signal: AbortSignal.timeout(2000) });
  } catch {
    return;
  }
  throw new Error(`The service at ${baseUrl} still answers; the offline test would prove nothing.`);
}
