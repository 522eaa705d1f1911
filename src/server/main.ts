/**
 * Starts the sync service: `npm start` (builds the app first) or `npm run serve`.
 * Settings come from environment variables; see src/server/config.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './app.ts';
import { ConfigError, describeDatabase, parseConfig, type ServerConfig } from './config.ts';
import { demoSignIns, seedDemoData } from './demo/index.ts';
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

function startupBanner(address: string, config: ServerConfig, showDemo: boolean): string {
  const lines = [
    '',
    `  Sentence plan companion is running at ${address}`,
    `  Device mode: ${config.deviceMode}`,
    `  Database:    ${describeDatabase(config)}`,
  ];
  if (showDemo) {
    lines.push('', '  Demo sign-in (made-up people):');
    for (const person of demoSignIns) {
      lines.push(`    ${person.prisonNumber}  PIN ${person.pin}  ${person.name.padEnd(14)} ${person.summary}`);
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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`\n${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    try {
      await app.close();
      await store.close();
      process.exit(0);
    } catch (error) {
      console.error('Could not stop cleanly:', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await store.close().catch(() => undefined);
    fail(`Could not listen on ${config.host}:${config.port}: ${(error as Error).message}`);
  }
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(startupBanner(`http://${shownHost}:${config.port}`, config, await demoPeoplePresent(store)));
}

await main();
