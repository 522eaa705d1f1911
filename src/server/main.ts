/**
 * Starts the sync service: `npm start` (builds the app first) or `npm run serve`.
 * Settings come from environment variables; see src/server/config.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './app.ts';
import { ConfigError, describeDatabase, parseConfig, type ServerConfig } from './config.ts';
import { demoSignIns, demoStaffSignIns, seedDemoData } from './demo/index.ts';
import { buildStaffServer } from './staff/staff-app.ts';
import { openStore, type Store } from './store/index.ts';

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function readConfig(): ServerConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/** Only prints the demo sign-ins when those people are really in this database. */
async function demoPeoplePresent(store: Store): Promise<boolean> {
  const first = demoSignIns[0];
  return first ? (await store.getPerson(first.prisonNumber)) !== null : false;
}

/** Only prints the demo staff sign-ins when those accounts are really in this database. */
async function demoStaffPresent(store: Store): Promise<boolean> {
  const first = demoStaffSignIns[0];
  return first ? (await store.staff.getAccountByUsername(first.username)) !== null : false;
}

function addressOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function startupBanner(address: string, staffAddress: string | null, config: ServerConfig, show: { people: boolean; staff: boolean }): string {
  const lines = [
    '',
    `  Sentence plan companion is running at ${address}`,
    ...(staffAddress ? [`  Staff console (OMU): ${staffAddress}/`, `  Staff API:           ${staffAddress}/api/staff/v1/`] : []),
    `  Device mode: ${config.deviceMode}`,
    `  Database:    ${describeDatabase(config)}`,
  ];
  if (show.people) {
    lines.push('', '  Demo sign-in (made-up people):');
    for (const person of demoSignIns) {
      lines.push(`    ${person.prisonNumber}  PIN ${person.pin}  ${person.name.padEnd(14)} ${person.summary}`);
    }
  }
  if (staffAddress && show.staff) {
    lines.push('', '  Demo staff sign-in (made-up staff; username, password, role, prison):');
    for (const member of demoStaffSignIns) {
      lines.push(`    ${member.username.padEnd(12)} ${member.password.padEnd(17)} ${member.role.padEnd(6)} ${member.prisonId}  ${member.displayName}`);
    }
  }
  lines.push('', '  Press Ctrl+C to stop.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = readConfig();
  if (!existsSync(join(config.distDir, 'index.html'))) {
    fail(`The app has not been built yet (no index.html in ${config.distDir}).\nRun \`npm run build\` first, or use \`npm start\`, which builds it for you.`);
  }

  if (config.deviceMode !== 'public' && !existsSync(join(config.staffDistDir, 'index.html'))) {
    console.warn(`\nThe staff console has not been built (no index.html in ${config.staffDistDir}): the staff listener serves the API only.\nRun \`npm run build\` to build it.\n`);
  }

  let store: Store;
  try {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    fail(`Could not open the database (${describeDatabase(config)}):\n  ${(error as Error).message}`);
  }

  if (config.demoData) await seedDemoData(store);

  const app = await buildServer({
    store,
    distDir: config.distDir,
    deviceMode: config.deviceMode,
    logger: true,
    trustProxy: config.trustProxy,
    connections: { maxPerAddress: config.maxConnectionsPerAddress },
    replyTimes: config.replyTimes,
    ...(config.publicOrigin ? { publicOrigin: config.publicOrigin } : {}),
  });
  // The staff listener: same process, same store, its own address. Families' deployments have none.
  const staffApp =
    config.deviceMode === 'public'
      ? null
      : await buildStaffServer({
          store,
          logger: true,
          staffPort: config.staffPort,
          staffOrigin: config.staffOrigin,
          staffDistDir: config.staffDistDir,
          replyTimes: config.replyTimes,
          trustProxy: config.trustProxy,
          connections: { maxPerAddress: config.maxConnectionsPerAddress },
        });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`\n${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    try {
      await Promise.all([app.close(), staffApp?.close()]);
      await store.close();
      process.exit(0);
    } catch (error) {
      console.error('Could not stop cleanly:', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const listeners: Array<[NonNullable<typeof staffApp>, string, number]> = [[app, config.host, config.port]];
  if (staffApp) listeners.push([staffApp, config.staffHost, config.staffPort]);
  for (const [listener, host, port] of listeners) {
    try {
      await listener.listen({ port, host });
    } catch (error) {
      await Promise.all([app.close(), staffApp?.close()]).catch(() => undefined);
      await store.close().catch(() => undefined);
      fail(`Could not listen on ${host}:${port}: ${(error as Error).message}`);
    }
  }
  const staffAddress = staffApp ? (config.staffOrigin ?? addressOf(config.staffHost, config.staffPort)) : null;
  const show = { people: await demoPeoplePresent(store), staff: await demoStaffPresent(store) };
  console.log(startupBanner(addressOf(config.host, config.port), staffAddress, config, show));
}

await main();
