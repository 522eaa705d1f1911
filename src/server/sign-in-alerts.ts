/**
 * Prints the sign-in alerts for staff: `npm run sign-in-alerts` (the last 7 days), or
 * `npm run sign-in-alerts -- --days 30`. Uses the same settings as the service (DATABASE_URL,
 * DATA_DIR; see src/server/config.ts). A stand-in until the staff console shows them.
 */
import { formatAlerts } from './auth/alert-report.ts';
import { ConfigError, describeDatabase, parseConfig } from './config.ts';
import { openStore } from './store/index.ts';

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function daysAsked(args: readonly string[]): number {
  const at = args.indexOf('--days');
  if (at === -1) return 7;
  const days = Number(args[at + 1]);
  if (!Number.isInteger(days) || days < 1 || days > 366) fail('--days must be a whole number from 1 to 366.');
  return days;
}

const days = daysAsked(process.argv.slice(2));
let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
let store;
try {
  store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  fail(`Could not open the database (${describeDatabase(config)}):\n  ${(error as Error).message}`);
}
try {
  const since = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
  process.stdout.write(formatAlerts(await store.listSignInAlerts({ since, limit: 1000 }), days));
} finally {
  await store.close();
}
