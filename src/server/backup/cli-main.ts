/**
 * `npm run backup [-- <file>]` and `npm run restore -- <file> [--force]`: see cli.ts. Uses the same
 * settings as the service (DATABASE_URL, or DATA_DIR for the embedded database), and PG_BIN_DIR
 * for where pg_dump and pg_restore are when they are not in the usual places.
 */
import { parseConfigOrExit } from '../config.ts';
import { runBackupCli } from './cli.ts';

const config = parseConfigOrExit(process.env);
const [command, ...args] = process.argv.slice(2);
process.exitCode = await runBackupCli(command, args, {
  config,
  env: process.env,
  now: () => new Date(),
  cwd: process.cwd(),
  // Messages go to stderr, so nothing but the command's own words could ever reach a pipe on stdout.
  print: (line) => console.error(line),
  printError: (line) => console.error(line),
});
