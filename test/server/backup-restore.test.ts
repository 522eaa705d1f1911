import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditPage, StaffQuestionnairePage } from '../../src/domain/staff.ts';
import { StaffProgressNotes } from '../../src/domain/staff-people.ts';
import { currentSchemaVersion, PullResponse, PushResponse, type OutboxItem } from '../../src/domain/sync.ts';
import { demoSignIns } from '../../src/server/demo/index.ts';
import { projectPath } from '../project-path.ts';
import { demoOmu, signInAsStaff } from '../support/staff.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationItem, progressNoteItem, questionnaireItem } from './support/outbox.ts';
import { signInOver, startServiceChild, type ServiceChild } from './support/service-process.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * `npm run backup` and `npm run restore` on both engines, as an operator runs them, around a real
 * service: people sign in and push, staff reply, a backup is taken while pushes go on, it is
 * restored into a new database, a new service starts on it, and everything is still there.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const engines = ['sqlite', ...(databaseUrl ? ['postgres' as const] : [])] as const;
type TestEngine = (typeof engines)[number];
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const [alex, bo, cal] = demoSignIns;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const deviceId = () => randomBytes(16).toString('base64url');

type CliRun = { code: number | null; output: string; stdout: string; ms: number };

/** `npm run backup` / `npm run restore`: the same command, with the service's settings in `env`. */
function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [projectPath('src/server/backup/cli-main.ts'), ...args], {
      cwd: projectPath(),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), (output += chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, stdout, ms: performance.now() - started }));
  });
}

/** A new, empty database: a folder for the embedded engine, a database of its own on PostgreSQL. */
async function freshDatabase(engine: TestEngine): Promise<Record<string, string>> {
  if (engine === 'sqlite') {
    const temp = await makeTempDir('backup-data');
    cleanups.push(temp.remove);
    return { DATA_DIR: temp.dir };
  }
  const name = `backup_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(databaseUrl!);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

async function startOn(dbEnv: Record<string, string>): Promise<ServiceChild> {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  const service = await startServiceChild({ ...dbEnv, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on' });
  cleanups.push(() => service.stop());
  return service;
}

async function push(base: string, token: string, items: OutboxItem[]) {
  const response = await fetch(`${base}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ schemaVersion: currentSchemaVersion, items }),
  });
  expect(response.status).toBe(200);
  return PushResponse.parse(await response.json()).results.map((result) => result.status);
}

async function pullAll(base: string, token: string) {
  const response = await fetch(`${base}/api/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: response.status === 200 ? PullResponse.parse(await response.json()) : null };
}

type Sent = { id: string; sentAt: number; answeredAt: number; status: string };

/** A device that keeps pushing progress notes (paced under the sync rate limit) until told to stop. */
function keepPushing(base: string, token: string): { stop(): Promise<Sent[]> } {
  const sent: Sent[] = [];
  let stopping = false;
  const running = (async () => {
    for (let i = 0; i < 100 && !stopping; i++) {
      const note = progressNoteItem(`Note ${i} sent while the backup ran`);
      const sentAt = performance.now();
      const [status] = await push(base, token, [note]);
      sent.push({ id: note.id, sentAt, answeredAt: performance.now(), status: status! });
      await pause(40);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await running;
      return sent;
    },
  };
}

async function progressNoteIds(staff: Awaited<ReturnType<typeof signInAsStaff>>, prisonNumber: string): Promise<Set<string>> {
  const response = await staff.request('GET', `/people/${prisonNumber}/progress-notes`);
  expect(response.status).toBe(200);
  return new Set(StaffProgressNotes.parse(await response.json()).objectives.flatMap((goal) => goal.notes.map((note) => note.id)));
}

for (const engine of engines) {
  describe(`backup and restore: ${engine}`, () => {
    it('a backup taken while the service serves and writes, restored into a new database: sign in with the same PIN and everything is there', async () => {
      const sourceEnv = await freshDatabase(engine);
      const before = await startOn(sourceEnv);

      // What people do: sign in, send an application, a questionnaire and a progress note.
      const alexDevice = deviceId();
      const signIn = await signInOver(before.base, alex!.prisonNumber, alex!.pin, alexDevice);
      expect(signIn.status).toBe(200);
      const oldToken = String(signIn.body.accessToken);
      const application = applicationItem('Please can I see my POM about the kitchen course.');
      const questionnaire = questionnaireItem();
      const note = progressNoteItem('I finished the first workbook.');
      expect(await push(before.base, oldToken, [application, questionnaire, note])).toEqual(['applied', 'applied', 'applied']);

      // Staff answer it on the staff listener.
      const staff = await signInAsStaff(before.staffBase, demoOmu);
      await staff.reply(application.id, 'Your POM will see you on Tuesday.');
      const personId = (signIn.body.person as { personId: string }).personId;
      const auditBefore = AuditPage.parse(await (await staff.request('GET', `/audit?personId=${personId}`)).json()).entries;
      expect(auditBefore.some((entry) => entry.entityId === application.id)).toBe(true);
      await staff.signOut();

      // Wrong PINs for Cal on one device until the next try there must wait (30 s).
      const calDevice = deviceId();
      const wrong: number[] = [];
      while (wrong.at(-1) !== 429 && wrong.length < 8) wrong.push((await signInOver(before.base, cal!.prisonNumber, '000000', calDevice)).status);
      expect(wrong).toEqual([401, 401, 401, 401, 401, 429].slice(-wrong.length));
      expect(wrong.at(-1)).toBe(429);

      // The backup, while Bo's device keeps pushing.
      const boSignIn = await signInOver(before.base, bo!.prisonNumber, bo!.pin, deviceId());
      const writer = keepPushing(before.base, String(boSignIn.body.accessToken));
      await pause(600);
      const backupDir = await makeTempDir('backups');
      cleanups.push(backupDir.remove);
      const backupFile = join(backupDir.dir, `companion.${engine === 'sqlite' ? 'db' : 'pgdump'}`);
      const backupStarted = performance.now();
      const backedUp = await runCli(['backup', backupFile], sourceEnv);
      const backupEnded = performance.now();
      await pause(600);
      const sent = await writer.stop();
      await before.stop();

      expect(backedUp.code, backedUp.output).toBe(0);
      expect(backedUp.output).toMatch(/Backup written: .*\(.*, 4 people, .* s\), with its checksum/);
      expect(backedUp.output).toMatch(/personal data/);
      // Nothing of the backup ever goes to standard output.
      expect(backedUp.stdout).toBe('');
      expect(statSync(backupFile).mode & 0o777).toBe(0o600);
      expect(existsSync(`${backupFile}.sha256`)).toBe(true);
      expect(readdirSync(backupDir.dir).sort()).toEqual([`companion.${engine === 'sqlite' ? 'db' : 'pgdump'}`, `companion.${engine === 'sqlite' ? 'db' : 'pgdump'}.sha256`]);
      console.info(`${engine}: backup of the demo (${statSync(backupFile).size} bytes) in ${Math.round(backedUp.ms)} ms, with ${sent.length} pushes going on`);

      expect(sent.every((item) => item.status === 'applied')).toBe(true);
      const doneBefore = sent.filter((item) => item.answeredAt < backupStarted);
      const sentAfter = sent.filter((item) => item.sentAt > backupEnded);
      expect(doneBefore.length).toBeGreaterThanOrEqual(3);
      expect(sentAfter.length).toBeGreaterThanOrEqual(3);

      // Restore into a new, empty database, and start a service on it.
      const targetEnv = await freshDatabase(engine);
      const restored = await runCli(['restore', backupFile], targetEnv);
      expect(restored.code, restored.output).toBe(0);
      expect(restored.output).toMatch(/Restored: 4 people/);
      expect(restored.output).toMatch(/Every sign-in was ended/);
      const after = await startOn(targetEnv);

      // Sign-ins were ended: the old token is refused, the same PIN signs in.
      expect((await pullAll(after.base, oldToken)).status).toBe(401);
      const again = await signInOver(after.base, alex!.prisonNumber, alex!.pin, alexDevice);
      expect(again.status).toBe(200);
      expect((again.body.person as { personId: string }).personId).toBe(personId);
      const token = String(again.body.accessToken);

      // From cursor 0: the plan and the application with its reply.
      const pulled = await pullAll(after.base, token);
      expect(pulled.status).toBe(200);
      const changes = pulled.body!.changes;
      expect(changes.some((change) => change.entity === 'plan')).toBe(true);
      const reply = changes.find((change) => change.entity === 'applicationReply' && change.data.applicationId === application.id);
      expect(JSON.stringify(reply)).toContain('Your POM will see you on Tuesday.');

      // The processed-outbox ids survived: a resend of what was pushed is a duplicate, applied nowhere twice.
      expect(await push(after.base, token, [application, questionnaire, note])).toEqual(['duplicate', 'duplicate', 'duplicate']);

      // Staff see the questionnaire, the progress notes and the audit trail as they were.
      const staffAfter = await signInAsStaff(after.staffBase, demoOmu);
      const questionnaires = StaffQuestionnairePage.parse(await (await staffAfter.request('GET', '/questionnaires?limit=100')).json()).items;
      expect(questionnaires.map((item) => item.id)).toContain(questionnaire.id);
      expect(await progressNoteIds(staffAfter, alex!.prisonNumber)).toContain(note.id);
      const auditAfter = AuditPage.parse(await (await staffAfter.request('GET', `/audit?personId=${personId}`)).json()).entries;
      expect(auditAfter.map((entry) => entry.seq)).toEqual(expect.arrayContaining(auditBefore.map((entry) => entry.seq)));

      // Writes that were answered before the backup started are there; those sent after it finished are not.
      const boNotes = await progressNoteIds(staffAfter, bo!.prisonNumber);
      expect(doneBefore.filter((item) => !boNotes.has(item.id))).toEqual([]);
      expect(sentAfter.filter((item) => boNotes.has(item.id))).toEqual([]);
      await staffAfter.signOut();

      // Sign-in counters are restored as they were: Cal's device still waits, another device does not.
      const held = await signInOver(after.base, cal!.prisonNumber, cal!.pin, calDevice);
      expect(held.status).toBe(429);
      expect((await signInOver(after.base, cal!.prisonNumber, cal!.pin, deviceId())).status).toBe(200);
    });

    it('refuses a database that already has data unless told to, refuses a broken or missing file, and never writes a backup to the screen', async () => {
      const sourceEnv = await freshDatabase(engine);
      const service = await startOn(sourceEnv);
      const backupDir = await makeTempDir('backups');
      cleanups.push(backupDir.remove);
      const backupFile = join(backupDir.dir, 'first');
      expect((await runCli(['backup', backupFile], sourceEnv)).code).toBe(0);

      // Not over a file that is there, and not to stdout.
      const again = await runCli(['backup', backupFile], sourceEnv);
      expect(again.code).toBe(1);
      expect(again.output).toContain('There is already a file at');
      const toScreen = await runCli(['backup', '-'], sourceEnv);
      expect(toScreen.code).toBe(1);
      expect(toScreen.output).toContain('never to the screen');
      expect(toScreen.stdout).toBe('');

      // The service still runs on the source: it has the demo people. A restore over it is refused.
      const target = engine === 'sqlite' ? sourceEnv : await freshDatabase(engine);
      if (engine === 'postgres') expect((await runCli(['restore', backupFile], target)).code).toBe(0);
      if (engine === 'sqlite') {
        const inUse = await runCli(['restore', backupFile, '--force'], target);
        expect(inUse.code).toBe(1);
        expect(inUse.output).toMatch(/is in use: stop the service/);
      }
      await service.stop();
      const refused = await runCli(['restore', backupFile], target);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/already has (data|tables)/);
      expect(refused.output).toContain('--force');
      const forced = await runCli(['restore', backupFile, '--force'], target);
      expect(forced.code, forced.output).toBe(0);
      expect(forced.output).toMatch(/Restored: 4 people/);

      // A missing file, a file that is not a backup, a damaged one, one cut short.
      const missing = await runCli(['restore', join(backupDir.dir, 'nothing-here')], target);
      expect([missing.code, missing.output.trim()]).toEqual([1, `There is no backup file at ${join(backupDir.dir, 'nothing-here')}.`]);
      const notBackup = join(backupDir.dir, 'notes.txt');
      writeFileSync(notBackup, 'shopping list\n');
      const wrongKind = await runCli(['restore', notBackup, '--force'], target);
      expect(wrongKind.code).toBe(1);
      expect(wrongKind.output).toContain('is not a backup made by npm run backup');

      const damaged = join(backupDir.dir, 'damaged');
      expect((await runCli(['backup', damaged], target)).code).toBe(0);
      truncateSync(damaged, Math.floor(statSync(damaged).size / 2));
      const cut = await runCli(['restore', damaged, '--force'], target);
      expect(cut.code).toBe(1);
      expect(cut.output).toContain('no longer matches the checksum');
      // Without its checksum file, the engine's own checks still find it.
      await import('node:fs/promises').then((fs) => fs.rm(`${damaged}.sha256`));
      const cutNoChecksum = await runCli(['restore', damaged, '--force'], target);
      expect(cutNoChecksum.code).toBe(1);
      expect(cutNoChecksum.output).toMatch(/is damaged/);

      // After all the refusals, the target still has what the good restore put there.
      const service2 = await startOn(target);
      expect((await signInOver(service2.base, alex!.prisonNumber, alex!.pin)).status).toBe(200);
    });
  });
}
