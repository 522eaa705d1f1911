import { loadMigrations } from '../store/migrations.ts';
import { BackupError } from './backup-error.ts';

export type RecordedMigration = { version: number; name: string };

/**
 * A backup can be restored by this version when every migration it records is one this version
 * knows (an older backup is brought up to date when the service starts on it).
 */
export async function checkBackupSchema(recorded: readonly RecordedMigration[], what: string): Promise<void> {
  if (recorded.length === 0) throw new BackupError(`${what} has no schema_migrations: it is not a backup of this service.`);
  const known = new Set((await loadMigrations()).map((m) => m.version));
  const unknown = recorded.filter((m) => !known.has(m.version));
  if (unknown.length > 0) {
    throw new BackupError(
      `${what} was made by a newer version of the service (it has ${unknown.map((m) => m.name).join(', ')}). Restore it with that version. Nothing was changed.`,
    );
  }
}

/**
 * What a restore does to sign-ins: it ends them all, people's and staff's. A restored database
 * would otherwise bring back sign-ins that were ended after the backup (a sign-out, a refresh
 * token used twice, an account switched off); everyone signs in again with their PIN or password.
 * Each statement takes the time as its one parameter. Staff sign-ins exist from migration 7.
 */
export function endSignInsStatements(recorded: readonly RecordedMigration[]): string[] {
  const statements = ['UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL'];
  if (recorded.some((m) => m.version === 7)) statements.push('UPDATE staff_sessions SET revoked_at = ? WHERE revoked_at IS NULL');
  return statements;
}
