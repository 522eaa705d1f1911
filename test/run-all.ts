// `npm test`: every check in order, streaming output, then a summary. Keeps going after a
// failure so one run shows every problem; exits non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { findServerBinDir } from './pg/cluster.ts';

type Result = { name: string; status: 'pass' | 'FAIL' | 'SKIPPED'; seconds: number; note?: string };

const ci = process.env.CI === 'true' || process.env.CI === '1';
const results: Result[] = [];

function run(name: string, command: string, args: string[]): Result {
  console.log(`\n━━━ ${name}: ${command} ${args.join(' ')}\n`);
  const start = performance.now();
  const child = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = (performance.now() - start) / 1000;
  const ok = child.status === 0;
  const note = ok ? undefined : child.error ? String(child.error) : `exit ${child.status ?? child.signal}`;
  const result: Result = { name, status: ok ? 'pass' : 'FAIL', seconds, ...(note ? { note } : {}) };
  results.push(result);
  return result;
}

function skip(name: string, note: string, seconds = 0): void {
  console.log(`\n${'!'.repeat(72)}\n!!! SKIPPED ${name}: ${note}\n${'!'.repeat(72)}\n`);
  results.push({ name, status: 'SKIPPED', seconds, note });
}

run('typecheck', 'npm', ['run', 'typecheck']);
run('lint', 'npm', ['run', 'lint']);
run('unit', 'npm', ['run', 'test:unit']);
run('server (embedded)', 'npm', ['run', 'test:server']);
// PostgreSQL: mandatory under CI. Elsewhere test:pg installs it when it can (root + apt); if it
// still cannot be found the leg is SKIPPED (loudly), but a leg that ran and failed fails the run.
const pg = run('server (PostgreSQL)', 'npm', ['run', 'test:pg']);
if (!ci && pg.status === 'FAIL' && !process.env.TEST_DATABASE_URL && findServerBinDir() === null) {
  results.pop();
  skip(pg.name, 'PostgreSQL could not be found or installed (apt-get install postgresql); mandatory under CI=true', pg.seconds);
}
const build = run('build', 'npm', ['run', 'build']);
if (build.status === 'pass') run('e2e (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']);
else results.push({ name: 'e2e (Chromium)', status: 'FAIL', seconds: 0, note: 'not run: the build failed' });

const passed = results.filter((r) => r.status === 'pass').length;
const failed = results.filter((r) => r.status === 'FAIL').length;
const total = results.reduce((sum, r) => sum + r.seconds, 0);
const width = Math.max(...results.map((r) => r.name.length));
console.log(`\n━━━ Summary${ci ? ' (CI)' : ''}\n`);
for (const r of results) {
  console.log(`  ${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  ${r.note}` : ''}`);
}
console.log(`  ${'total'.padEnd(width)}  ${''.padEnd(7)}  ${total.toFixed(1).padStart(6)} s\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
