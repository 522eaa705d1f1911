import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh empty folder, and a way to remove it. */
export async function makeTempDir(label: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `companion-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
