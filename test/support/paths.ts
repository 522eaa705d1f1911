import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `vite build` writes the app. */
export const distDir = join(repoRoot, 'dist');

/** Where `vite build --config vite.staff.config.ts` writes the staff console. */
export const staffDistDir = join(repoRoot, 'dist-staff');

/** Fails with a clear message when the staff console has not been built. */
export function assertConsoleBuilt(dir: string = staffDistDir): string {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`The built staff console is missing (${join(dir, 'index.html')} not found). Run \`npm run build\` first.`);
  }
  return dir;
}

/** Fails with a clear message when the app has not been built. */
export function assertAppBuilt(dir: string = distDir): string {
  for (const file of ['index.html', 'sw.js']) {
    if (!existsSync(join(dir, file))) {
      throw new Error(
        `The built app is missing (${join(dir, file)} not found). ` +
          'Run `npm run build` first, or use `npm run test:e2e`, which builds then tests.',
      );
    }
  }
  return dir;
}
