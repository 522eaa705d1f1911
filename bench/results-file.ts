import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../test/support/paths.ts';

/**
 * Writes one bench run to bench/results/<name>-<timestamp>.json (git-ignored) and says where.
 * `name` and `date` are put first in the JSON; the rest is the bench's own figures.
 */
export async function writeResults(name: string, figures: Record<string, unknown>): Promise<void> {
  const date = new Date().toISOString();
  const dir = join(repoRoot, 'bench', 'results');
  const file = join(dir, `${name}-${date.replace(/[:.]/g, '-')}.json`);
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ name, date, ...figures }, null, 2)}\n`);
  console.log(`\nWrote ${file.slice(repoRoot.length + 1)}`);
}
