/**
 * One service process over the estate's PostgreSQL, for the morning simulation: the real service
 * (buildServer) on 127.0.0.1, started with `fork`. Talks over IPC:
 *   child → { type: 'ready', port }     parent → { type: 'stats' }   child → { type: 'stats', cpuMs, rssBytes, maxRssBytes }
 *   parent → { type: 'stop' }            child exits
 * The database URL comes in ESTATE_DATABASE_URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/server/app.ts';
import { openStore } from '../../src/server/store/index.ts';

export type ServiceStats = { type: 'stats'; cpuMs: number; rssBytes: number; maxRssBytes: number };

const store = await openStore({ databaseUrl: process.env.ESTATE_DATABASE_URL!, dataDir: '' });
// Only /api is used: an empty folder stands in for the built app.
const distDir = await mkdtemp(join(tmpdir(), 'spc-estate-dist-'));
const server = await buildServer({
  store,
  distDir,
  deviceMode: 'tablet',
  logger: false,
  // Every simulated tablet comes from 127.0.0.1, as a prison behind one address would.
  connections: { maxPerAddress: 100_000 },
});
await server.listen({ host: '127.0.0.1', port: 0 });
const address = server.server.address();
if (address === null || typeof address === 'string') throw new Error('No address');
const cpuAtStart = process.cpuUsage();
let maxRss = process.memoryUsage().rss;
setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 500).unref();

async function stop(): Promise<never> {
  const closing = server.close();
  server.server.closeAllConnections();
  await closing;
  await store.close();
  await rm(distDir, { recursive: true, force: true });
  process.exit(0);
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage(cpuAtStart);
    const rss = process.memoryUsage().rss;
    process.send!({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: rss, maxRssBytes: Math.max(maxRss, rss) } satisfies ServiceStats);
  } else if (message.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.send!({ type: 'ready', port: address.port });
