/**
 * `npm run device -- <command>`: see cli.ts. Uses the same settings as the service
 * (DATABASE_URL, or DATA_DIR for the embedded database).
 */
import { describeDatabase, parseConfigOrExit } from '../config.ts';
import { openStore } from '../store/index.ts';
import { runDeviceCli } from './cli.ts';

const config = parseConfigOrExit(process.env);
let store;
try {
  store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  console.error(`Could not open the database (${describeDatabase(config)}):\n  ${(error as Error).message}`);
  process.exit(1);
}
try {
  process.exitCode = await runDeviceCli(process.argv.slice(2), { store, now: () => new Date(), print: (line) => console.log(line) });
} finally {
  await store.close();
}
