import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { compileAsync } from 'sass';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { writePublicPages } from '../../src/build/public-pages.ts';
import { fileLoader } from '../../src/content/node-source.ts';
import { loadGlossary, loadTopic } from '../../src/content/load.ts';
import { toPlainText } from '../../src/content/markup.ts';
import type { Glossary, Topic } from '../../src/content/schema.ts';
import { topicIds } from '../../src/content/topic-ids.ts';
import { type PublicLanguage, publicLanguages, publicPath } from '../../src/public-pages/urls.ts';
import { projectPath } from '../project-path.ts';
import { fixtureIndexHtml, makeFixtureDist } from './support/fixture-dist.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * The public pages (device mode `public`), as a browser with JavaScript off gets them: the real
 * prerender (the same code `npm run build` runs) written into a stand-in dist/ with the real
 * stylesheet, served by the real service. Nothing here runs a script of the page.
 */

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const stylesheet = '/assets/index-Test1234.css';
const script = '/assets/public-enhance-Test1234.js';
const enhanceSource = 'for (const link of document.querySelectorAll("a.app-term[data-meaning]")) {}';

let publicApp: FastifyInstance;
let tabletApp: FastifyInstance;
/** The same public pages with no PUBLIC_ORIGIN set. */
let noOriginApp: FastifyInstance;
const origin = 'https://families.example.gov.uk';
let distDir = '';
let css = '';
const cleanups: Array<() => Promise<void>> = [];
const content = new Map<PublicLanguage, { topics: Map<string, { value: Topic; language: string }>; glossary: Glossary }>();

async function freshStore(): Promise<Store> {
  const temp = await makeTempDir('public-store');
  const store = await openStore({ dataDir: temp.dir });
  cleanups.push(async () => {
    await store.close();
    await temp.remove();
  });
  return store;
}

beforeAll(async () => {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  distDir = dist.dir;
  css = (
    await compileAsync(projectPath('src/app/styles/app.scss'), {
      loadPaths: [projectPath('node_modules')],
      quietDeps: true,
      silenceDeprecations: ['import', 'global-builtin'],
      logger: { warn: () => {} },
    })
  ).css;
  await mkdir(join(distDir, 'assets'), { recursive: true });
  await writeFile(join(distDir, stylesheet), css);
  await writeFile(join(distDir, script), enhanceSource);
  await writePublicPages(projectPath(), distDir, { styles: [stylesheet], script });

  const loader = fileLoader(projectPath('locales'));
  for (const lng of publicLanguages) {
    const glossary = (await loadGlossary(loader, lng)).value;
    const topics = new Map<string, { value: Topic; language: string }>();
    for (const id of topicIds) topics.set(id, await loadTopic(loader, lng, id));
    content.set(lng, { topics, glossary });
  }

  publicApp = await buildServer({ store: await freshStore(), distDir, deviceMode: 'public', publicOrigin: origin });
  tabletApp = await buildServer({ store: await freshStore(), distDir, deviceMode: 'tablet' });
  noOriginApp = await buildServer({ store: await freshStore(), distDir, deviceMode: 'public' });
  await publicApp.ready();
  await tabletApp.ready();
  await noOriginApp.ready();
}, 120_000);

afterAll(async () => {
  await publicApp?.close();
  await tabletApp?.close();
  await noOriginApp?.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const decode = (text: string) =>
  text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');

/** What a reader sees with no script and no CSS: the text, less the hidden in-place meanings. */
function visibleText(page: string): string {
  const body = page.slice(page.indexOf('<body'));
  return decode(
    body
      .replace(/<span[^>]*class="app-term__meaning"[^>]*hidden=""[^>]*>[\s\S]*?<\/span>/g, '')
      .replace(/<[^>]+>/g, ''),
  ).replace(/\s+/g, ' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const head = (page: string, pattern: RegExp) => decode(page.match(pattern)?.[1] ?? '');
const titleOf = (page: string) => head(page, /<title>([^<]*)<\/title>/);
const descriptionOf = (page: string) => head(page, /<meta name="description" content="([^"]*)">/);

/** Every request names a Host the service must never copy into a page. */
async function get(app: FastifyInstance, url: string, headers: Record<string, string> = html) {
  const response = await app.inject({ method: 'GET', url, headers: { host: 'evil.example', ...headers } });
  expect(response.body).not.toContain('evil.example');
  expect(String(response.headers.location ?? '')).not.toContain('evil.example');
  return response;
}

describe.each(publicLanguages)('every guide in %s, with JavaScript off', (lng) => {
  const titles = new Set<string>();
  const descriptions = new Set<string>();

  it.each(topicIds)('%s is whole, plain HTML with its own title and description', async (id) => {
    const path = publicPath({ kind: 'topic', id }, lng);
    const response = await get(publicApp, path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    const page = response.body;
    expect(page).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${lng}"`));

    const { topics, glossary } = content.get(lng)!;
    const topic = topics.get(id)!;
    const plain = (text: string) => squash(toPlainText(text, topic.language, glossary));
    const words = topic.value;

    const title = titleOf(page);
    expect(title).toContain(plain(words.title));
    expect(titles.has(title), `title "${title}" is used twice`).toBe(false);
    titles.add(title);
    const description = descriptionOf(page);
    expect(description).toBe(plain(words.description));
    expect(descriptions.has(description), `description "${description}" is used twice`).toBe(false);
    descriptions.add(description);

    const text = visibleText(page);
    expect(text).toContain(plain(words.title));
    expect(text).toContain(plain(words.inShort));
    for (const section of words.sections) {
      expect(text).toContain(plain(section.heading));
      for (const paragraph of section.paragraphs) expect(text).toContain(plain(paragraph));
      for (const item of section.list ?? []) expect(text).toContain(plain(item));
    }
    for (const action of words.actions) expect(text).toContain(plain(action.label));
    for (const contact of words.contacts ?? []) expect(text).toContain(contact.phone);

    expect(page).not.toMatch(/\{\{|\}\}|\[\[|\]\]/);
    expect(page).not.toContain('%SPC_ORIGIN%');
  });

  it('has a different title and description on every guide', () => {
    expect(titles.size).toBe(topicIds.length);
    expect(descriptions.size).toBe(topicIds.length);
  });
});

describe('glossary terms with JavaScript off', () => {
  it('links each term to its meaning in the "Words used on this page" list', async () => {
    const page = (await get(publicApp, '/explainers/rosh')).body;
    const { glossary } = content.get('en')!;
    const links = [...page.matchAll(/<a class="app-term" href="#([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const termId of new Set(links)) {
      expect(page, `#${termId} is not on the page`).toContain(`id="${termId}"`);
      expect(visibleText(page)).toContain(squash(toPlainText(glossary[termId]!.definition, 'en', glossary)));
    }
    expect(page).not.toMatch(/<button/);
  });
});

describe('addresses and languages', () => {
  it.each(publicLanguages)('names both languages with absolute hreflang links and a plain language link (%s)', async (lng) => {
    const page = (await get(publicApp, publicPath({ kind: 'topic', id: 'oasys' }, lng))).body;
    expect(page).toContain(`<link rel="canonical" href="${origin}${publicPath({ kind: 'topic', id: 'oasys' }, lng)}">`);
    for (const other of publicLanguages) {
      expect(page).toContain(`<link rel="alternate" hreflang="${other}" href="${origin}${publicPath({ kind: 'topic', id: 'oasys' }, other)}">`);
    }
    expect(page).toContain(`<link rel="alternate" hreflang="x-default" href="${origin}/explainers/oasys">`);
    const other = publicLanguages.find((l) => l !== lng)!;
    expect(page).toMatch(new RegExp(`<a class="govuk-language-navigation__link" href="${publicPath({ kind: 'topic', id: 'oasys' }, other)}" lang="${other}"`));
  });

  it('uses the origin the deployment gives, whatever the Host header says', async () => {
    for (const host of ['evil.example', 'evil.example:8080', 'evil.example"><script>']) {
      const page = (await get(publicApp, '/explainers/oasys', { ...html, host })).body;
      expect(page).toContain(`<link rel="canonical" href="${origin}/explainers/oasys">`);
      expect(page).not.toContain('evil');
    }
  });

  it('makes no link from the Host header when no PUBLIC_ORIGIN is set: the links stay relative', async () => {
    const page = (await get(noOriginApp, '/cy/explainers/oasys')).body;
    expect(page).toContain('<link rel="canonical" href="/cy/explainers/oasys">');
    expect(page).toContain('<link rel="alternate" hreflang="en" href="/explainers/oasys">');
    expect(page).not.toMatch(/href="https?:/);
  });

  it('sends HSTS only when the deployment says it is served over HTTPS', async () => {
    const served = await get(publicApp, '/explainers/oasys');
    expect(served.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    for (const app of [noOriginApp, tabletApp]) {
      expect((await get(app, '/explainers/oasys')).headers['strict-transport-security']).toBeUndefined();
    }
    const plainHttp = await buildServer({ store: await freshStore(), distDir, deviceMode: 'public', publicOrigin: 'http://10.20.0.4:8080' });
    expect((await get(plainHttp, '/')).headers['strict-transport-security']).toBeUndefined();
    expect((await get(plainHttp, '/explainers/oasys')).body).toContain('<link rel="canonical" href="http://10.20.0.4:8080/explainers/oasys">');
    await plainHttp.close();
  });

  it('shows the guides index as the home page, in each language, linking every guide', async () => {
    for (const lng of publicLanguages) {
      const response = await get(publicApp, publicPath({ kind: 'home' }, lng));
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(new RegExp(`<html lang="${lng}"`));
      for (const id of topicIds) expect(response.body).toContain(`href="${publicPath({ kind: 'topic', id }, lng)}"`);
      expect(response.body).toContain(`href="${publicPath({ kind: 'glossary' }, lng)}"`);
    }
  });

  it('serves the glossary A to Z in each language', async () => {
    for (const lng of publicLanguages) {
      const response = await get(publicApp, publicPath({ kind: 'glossary' }, lng));
      expect(response.statusCode).toBe(200);
      const { glossary } = content.get(lng)!;
      const text = visibleText(response.body);
      for (const entry of Object.values(glossary)) expect(text).toContain(squash(entry.term));
    }
  });

  it('redirects the app-style addresses to the public pages', async () => {
    const cases = [
      ['/explainers', '/'],
      ['/cy/explainers', '/cy'],
      ['/cy/', '/cy'],
      ['/glossary/oasys', '/glossary#oasys'],
      ['/cy/glossary/oasys', '/cy/glossary#oasys'],
    ];
    for (const [from, to] of cases) {
      const response = await get(publicApp, from!);
      expect(response.statusCode, from).toBe(302);
      expect(response.headers.location, from).toBe(to);
    }
  });

  it('answers a repeat visit with 304 when the page has not changed', async () => {
    const first = await get(publicApp, '/explainers/oasys');
    const etag = String(first.headers.etag);
    const again = await get(publicApp, '/explainers/oasys', { ...html, 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });

  it('compresses pages', async () => {
    const response = await get(publicApp, '/explainers/who-is-who', { ...html, 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('keeps the app for every other address (search, settings)', async () => {
    const response = await get(publicApp, '/search');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(fixtureIndexHtml);
  });
});

describe('print', () => {
  it('links the stylesheet whose print rules hide the menus and print black on white', async () => {
    const page = (await get(publicApp, '/explainers/oasys')).body;
    expect(page).toContain(`<link rel="stylesheet" href="${stylesheet}">`);
    const served = await get(publicApp, stylesheet, { accept: 'text/css' });
    expect(served.statusCode).toBe(200);
    const printRules = [...served.body.matchAll(/@media print\s*\{([\s\S]*?)\n\}/g)].map((m) => m[1]).join('\n');
    expect(printRules).toMatch(/\.govuk-service-navigation[\s\S]*?display:\s*none/);
    expect(printRules).toMatch(/nav[,\s][\s\S]*?display:\s*none/);
    expect(printRules).toMatch(/color:\s*#0b0c0c/);
    expect(printRules).toMatch(/break-inside:\s*avoid/);
  });
});

describe('nothing personal', () => {
  it.each(publicLanguages)('pages in %s load no app, call no API, ask for nothing and set no cookie', async (lng) => {
    const paths = [publicPath({ kind: 'home' }, lng), publicPath({ kind: 'glossary' }, lng), ...topicIds.map((id) => publicPath({ kind: 'topic', id }, lng))];
    for (const path of paths) {
      const response = await get(publicApp, path);
      const page = response.body;
      expect(response.headers['set-cookie'], path).toBeUndefined();
      expect(page, path).not.toMatch(/\/api\/|config\.json|manifest\.webmanifest|sw\.js|localStorage|id="root"/);
      expect(page, path).not.toMatch(/<form|<input|<textarea|<select/);
      const scripts = [...page.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.every((attrs) => attrs?.includes(`src="${script}"`)), path).toBe(true);
      expect(page, path).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    }
  });
});

describe('tablet and kiosk keep the app', () => {
  it('serves the app, not a public page, at a guide address', async () => {
    for (const path of ['/', '/explainers/oasys', '/glossary']) {
      const response = await get(tabletApp, path);
      expect(response.statusCode, path).toBe(200);
      expect(response.body, path).toBe(fixtureIndexHtml);
    }
  });

  it('falls back to the app when the build has no public pages', async () => {
    const bare = await makeFixtureDist();
    cleanups.push(bare.remove);
    const app = await buildServer({ store: await freshStore(), distDir: bare.dir, deviceMode: 'public' });
    const response = await get(app, '/explainers/oasys');
    expect(response.body).toBe(fixtureIndexHtml);
    await app.close();
  });
});
