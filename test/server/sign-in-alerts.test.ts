import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { formatAlerts } from '../../src/server/auth/alert-report.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../src/server/ids.ts';
import { openStore } from '../../src/server/store/index.ts';
import { projectPath } from '../project-path.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { makeTempDir } from './support/temp-dir.ts';

const run = promisify(execFile);
const script = projectPath('src/server/sign-in-alerts.ts');
const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

async function printAlerts(dataDir: string, ...args: string[]) {
  return run(process.execPath, [script, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
}

describe('npm run sign-in-alerts', () => {
  it('prints whole-account abuse for staff: who, how many, when, the address hashed; no prison number', async () => {
    const temp = await makeTempDir('alerts');
    cleanUps.push(temp.remove);
    const dist = await makeFixtureDist();
    cleanUps.push(dist.remove);
    const store = await openStore({ dataDir: temp.dir });
    const personId = newOpaqueId('p');
    await store.insertPerson({ personId, prisonNumber: 'A1234BC', displayName: 'Alex', pinHash: await hashPin('482913', { N: 1024, r: 8, p: 1 }) });
    const app = await buildServer({ store, distDir: dist.dir, deviceMode: 'kiosk', pinHashParams: { N: 1024, r: 8, p: 1 } });
    for (let device = 0; device < 13; device++) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { prisonNumber: 'A1234BC', pin: '000000', deviceId: `attacker-${device}-00000000000000` },
        remoteAddress: '10.66.0.1',
      });
    }
    await app.close();
    await store.close();

    const { stdout } = await printAlerts(temp.dir);
    expect(stdout).toContain('Sign-in alerts in the last 7 days, newest first:');
    const row = stdout.split('\n').find((line) => line.includes(personId));
    expect(row).toMatch(/\baccount\b.*\b10\b.*\b3\b/);
    expect(stdout).toContain('account: many wrong PINs for this person');
    expect(stdout).not.toContain('A1234BC');
    expect(stdout).not.toContain('10.66.0.1');
  });

  it('says so when there is nothing, and refuses a bad --days', async () => {
    const temp = await makeTempDir('alerts');
    cleanUps.push(temp.remove);
    expect((await printAlerts(temp.dir, '--days', '30')).stdout).toBe('No sign-in alerts in the last 30 days.\n');
    await expect(printAlerts(temp.dir, '--days', '0')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--days must be a whole number') });
  });

  it('lines the table up, newest first as given', () => {
    const text = formatAlerts(
      [
        { kind: 'address', personId: null, addressHash: 'ab'.repeat(32), wrongPins: 57, refused: 120, firstSeenAt: '2026-03-02T09:00:00.000Z', lastSeenAt: '2026-03-02T11:30:00.000Z' },
        { kind: 'account', personId: 'p_123', addressHash: 'cd'.repeat(32), wrongPins: 10, refused: 4, firstSeenAt: '2026-03-01T10:00:00.000Z', lastSeenAt: '2026-03-01T10:05:00.000Z' },
      ],
      1,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Sign-in alerts in the last day, newest first:');
    expect(lines[2]).toMatch(/^last seen\s+first seen\s+kind\s+person\s+wrong PINs\s+refused\s+address \(hashed\)$/);
    expect(lines[3]).toMatch(/^2026-03-02 11:30 UTC\s+2026-03-02 09:00 UTC\s+address\s+-\s+57\s+120\s+abababababab$/);
    expect(lines[4]).toMatch(/^2026-03-01 10:05 UTC\s+2026-03-01 10:00 UTC\s+account\s+p_123\s+10\s+4\s+cdcdcdcdcdcd$/);
    expect(lines[3]!.indexOf('address')).toBe(lines[4]!.indexOf('account'));
  });
});
