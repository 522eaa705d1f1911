import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { inlineScriptHashes } from '../../src/server/http/inline-scripts.ts';
import { openStore } from '../../src/server/store/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { makeTempDir } from './support/temp-dir.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const boot = "(function(){document.documentElement.classList.add('js-enabled');})();";

describe('inline script hashes', () => {
  it('hashes the text of each inline script, and only of inline ones', () => {
    const html = `<head><script>${boot}</script><script src="/x.js"></script><script type="module" crossorigin src="/a.js"></script></head><body><script>\n2\n</script></body>`;
    expect(inlineScriptHashes(html)).toEqual([sha(boot), sha('\n2\n')]);
  });

  it('finds none in a page with only linked scripts', () => {
    expect(inlineScriptHashes('<script src="/boot.js"></script><p>text</p>')).toEqual([]);
  });
});

describe('the policy of the built app', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function cspFor(indexHtml: string): Promise<string[]> {
    const dist = await makeFixtureDist();
    cleanups.push(dist.remove);
    await writeFile(join(dist.dir, 'index.html'), indexHtml);
    const temp = await makeTempDir('inline-scripts');
    const store = await openStore({ dataDir: temp.dir });
    const app: FastifyInstance = await buildServer({ store, distDir: dist.dir, deviceMode: 'tablet' });
    cleanups.push(async () => {
      await app.close();
      await store.close();
      await temp.remove();
    });
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    const scriptSrc = String(response.headers['content-security-policy'])
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .find(([name]) => name === 'script-src');
    return scriptSrc?.slice(1) ?? [];
  }

  it("allows the index page's own inline script by its hash, and nothing inline besides", async () => {
    const values = await cspFor(`<!doctype html><html><head><script>${boot}</script></head><body></body></html>`);
    expect(values).toEqual(["'self'", "'wasm-unsafe-eval'", sha(boot)]);
    expect(values.join(' ')).not.toContain('unsafe-inline');
  });

  it('allows no inline script when the index page has none', async () => {
    expect(await cspFor('<!doctype html><html><head><script src="/boot.js"></script></head></html>')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});
