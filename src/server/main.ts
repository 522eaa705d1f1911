/**
 * Starts the sync service: `npm start` (builds the app first) or `npm run serve`.
 * Settings come from environment variables; see src/server/config.ts.
 * WORKERS=N (PostgreSQL only) forks N service processes sharing both ports (process/primary.ts).
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, describeDatabase, parseConfig, type ServerConfig } from './config.ts';
import { demoSignIns, demoStaffSignIns, seedDemoData } from './demo/index.ts';
import { runPrimary } from './process/primary.ts';
import { processLog } from './process/process-log.ts';
import { startServiceProcess } from './process/service.ts';
import { openStore, type Store } from './store/index.ts';

const log = processLog();

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

type Show = { people: boolean; staff: boolean };

/**
 * For someone at a terminal: where it runs and the made-up demo sign-ins. Only on a terminal:
 * when the output goes to a log (a pipe or a file) there is one JSON line instead, with no names
 * or prison numbers in it (the log must hold no personal data, made-up or not).
 */
function announce(config: ServerConfig, show: Show): void {
  const address = addressOf(config.host, config.port);
  const staffAddress = config.deviceMode === 'public' ? null : (config.staffOrigin ?? addressOf(config.staffHost, config.staffPort));
  if (!process.stdout.isTTY) {
    log.info('listening', { address, staffAddress, deviceMode: config.deviceMode, database: describeDatabase(config), processes: config.workers });
    return;
  }
  const lines = [
    '',
    `  Sentence plan companion is running at ${address}`,
    ...(staffAddress ? [`  Staff console (OMU): ${staffAddress}/`, `  Staff API:           ${staffAddress}/api/staff/v1/`] : []),
    `  Device mode: ${config.deviceMode}`,
    `  Database:    ${describeDatabase(config)}`,
    `  Processes:   ${config.workers}`,
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
  console.log(lines.join('\n'));
}

async function demoShown(store: Store): Promise<Show> {
  return { people: await demoPeoplePresent(store), staff: await demoStaffPresent(store) };
}

async function main(): Promise<void> {
  const config = readConfig();
  if (cluster.isWorker) {
    await startServiceProcess({ config, log, worker: true, fail });
    process.send?.({ type: 'listening' });
    return;
  }

  if (!existsSync(join(config.distDir, 'index.html'))) {
    fail(`The app has not been built yet (no index.html in ${config.distDir}).\nRun \`npm run build\` first, or use \`npm start\`, which builds it for you.`);
  }
  if (config.deviceMode !== 'public' && !existsSync(join(config.staffDistDir, 'index.html'))) {
    log.warn('the staff console has not been built: the staff listener serves the API only (run `npm run build`)', { staffDistDir: config.staffDistDir });
  }

  if (config.workers === 1) {
    const { store } = await startServiceProcess({ config, log, worker: false, fail });
    announce(config, await demoShown(store));
    return;
  }

  // Several processes: migrate and seed once here, before any worker opens the store.
  let store: Store;
  try {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    fail(`Could not open the database (${describeDatabase(config)}):\n  ${(error as Error).message}`);
  }
  if (config.demoData) await seedDemoData(store);
  const show = await demoShown(store);
  await store.close();
  runPrimary({ workers: config.workers, log, onListening: () => announce(config, show) });
}

await main();
