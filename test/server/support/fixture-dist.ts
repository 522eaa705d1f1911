import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir.ts';

export const fixtureIndexHtml = '<!doctype html><html lang="en"><head><title>Fixture app</title></head><body><div id="root"></div></body></html>';
export const hashedAssetPath = '/assets/index-Ab12Cd34.js';
/** Big enough to be worth compressing. */
export const hashedAssetBody = `console.log(${JSON.stringify('plain words '.repeat(400))});\n`;

/** A tiny stand-in for the built app, in a temp folder. */
export async function makeFixtureDist(): Promise<{ dir: string; remove(): Promise<void> }> {
  const temp = await makeTempDir('dist');
  await mkdir(join(temp.dir, 'assets'));
  await mkdir(join(temp.dir, 'icons'));
  await mkdir(join(temp.dir, 'api'));
  await writeFile(join(temp.dir, 'index.html'), fixtureIndexHtml);
  await writeFile(join(temp.dir, hashedAssetPath), hashedAssetBody);
  await writeFile(join(temp.dir, 'sw.js'), 'self.addEventListener("install", () => {});\n');
  await writeFile(join(temp.dir, 'manifest.webmanifest'), '{"name":"Fixture"}');
  await writeFile(join(temp.dir, 'display-settings-boot.js'), '/* boot */\n');
  await writeFile(join(temp.dir, 'icons', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(temp.dir, 'api', 'only-a-file.txt'), 'a file that must never be served');
  await writeFile(join(temp.dir, '.env'), 'SECRET=1');
  return temp;
}
