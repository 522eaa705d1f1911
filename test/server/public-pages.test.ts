import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { compileAsync } from 'sass';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePublicPages } from '../../src/build/public-pages.ts';
import type { FamilyTopic } from '../../src/content/family-schema.ts';
import { familyTopicIds } from '../../src/content/family-topic-ids.ts';
import { type Loaded, loadFamilyGlossary, loadFamilyTopic } from '../../src/content/load.ts';
import { toPlainText } from '../../src/content/markup.ts';
import { fileLoader } from '../../src/content/node-source.ts';
import type { Glossary } from '../../src/content/schema.ts';
import { HelpContacts, localLines, localText } from '../../src/domain/help-contacts.ts';
import { formatDate, loadLocale } from '../../src/format/index.ts';
import { type PublicLanguage, publicLanguages, publicPages, publicPath } from '../../src/public-pages/urls.ts';
import { buildServer } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { projectPath } from '../project-path.ts';
import { prisonerAddressed } from '../support/family-words.ts';
import { fixtureIndexHtml, makeFixtureDist } from './support/fixture-dist.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * The family pages (device mode `public`), as a browser with JavaScript off gets them: the real
 * prerender (the same code `npm run build` runs) written into a stand-in dist/ with the real
 * stylesheet and the example help contacts, served by the real service. Nothing here runs a
 * script of the page.
 */

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const stylesheet = '/assets/index-Test1234.css';
const script = '/assets/public-enhance-Test1234.js';
const bootScript = '/display-settings-boot.js';
const enhanceSource = 'for (const link of document.querySelectorAll("a.app-term[data-meaning]")) {}';
const workerSource = 'self.addEventListener("fetch", () => {}); // family pages\n';
/** The day the pages are built for in these tests: the example contacts were checked on it. */
const buildDay = '2026-12-01';

let publicApp: FastifyInstance;
let tabletApp: FastifyInstance;
/** The same public pages with no PUBLIC_ORIGIN set. */
let noOriginApp: FastifyInstance;
const origin = 'https://families.example.gov.uk';
let distDir = '';
let css = '';
const cleanups: Array<() => Promise<void>> = [];
const content = new Map<PublicLanguage, { topics: Map<string, Loaded<FamilyTopic>>; glossary: Glossary }>();
const contacts = HelpContacts.parse(JSON.parse(readFileSync(projectPath('deploy', 'help-contacts.example.json'), 'utf8')));

async function freshStore(): Promise<Store> {
  const temp = await makeTempDir('public-store');
  const store = await openStore({ dataDir: temp.dir });
  cleanups.push(async () => {
    await store.close();
    await temp.remove();
  });
  return store;
}

/** A stand-in dist/ with the family pages built into it. */
async function builtDist(options: Parameters<typeof writePublicPages>[3] = {}): Promise<string> {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  await mkdir(join(dist.dir, 'assets'), { recursive: true });
  await writeFile(join(dist.dir, stylesheet), css);
  await writeFile(join(dist.dir, script), enhanceSource);
  await writeFile(join(dist.dir, 'public-sw.js'), workerSource);
  await writePublicPages(projectPath(), dist.dir, { styles: [stylesheet], script, bootScript }, { today: buildDay, ...options });
  return dist.dir;
}

beforeAll(async () => {
  await loadLocale('cy');
  css = (
    await compileAsync(projectPath('src/app/styles/app.scss'), {
      loadPaths: [projectPath('node_modules')],
      quietDeps: true,
      silenceDeprecations: ['import', 'global-builtin'],
      logger: { warn: () => {} },
    })
  ).css;
  distDir = await builtDist();

  const loader = fileLoader(projectPath('locales'));
  for (const lng of publicLanguages) {
    const glossary = (await loadFamilyGlossary(loader, lng)).value;
    const topics = new Map<string, Loaded<FamilyTopic>>();
    for (const id of familyTopicIds) topics.set(id, await loadFamilyTopic(loader, lng, id));
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

/** What a reader sees with no script and no CSS: the text, less the hidden in-place meanings, templates and the print-only date. */
function visibleText(page: string): string {
  const body = page.slice(page.indexOf('<body'));
  return decode(
    body
      .replace(/<template[\s\S]*?<\/template>/g, '')
      .replace(/<span[^>]*class="app-term__meaning"[^>]*hidden=""[^>]*>[\s\S]*?<\/span>/g, '')
      .replace(/<\/(p|li|h[1-6]|dt|dd|div)>|<br\s*\/?>/g, ' ')
      .replace(/<[^>]+>/g, ''),
  ).replace(/\s+/g, ' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const head = (page: string, pattern: RegExp) => decode(page.match(pattern)?.[1] ?? '');
const titleOf = (page: string) => head(page, /<title>([^<]*)<\/title>/);
const descriptionOf = (page: string) => head(page, /<meta name="description" content="([^"]*)">/);
const every = (lng: PublicLanguage) => publicPages.map((page) => publicPath(page, lng));

/** Every request names a Host the service must never copy into a page. */
async function get(app: FastifyInstance, url: string, headers: Record<string, string> = html) {
  const response = await app.inject({ method: 'GET', url, headers: { host: 'evil.example', ...headers } });
  expect(response.body).not.toContain('evil.example');
  expect(String(response.headers.location ?? '')).not.toContain('evil.example');
  return response;
}

describe.each(publicLanguages)('every family guide in %s, with JavaScript off', (lng) => {
  const titles = new Set<string>();
  const descriptions = new Set<string>();

  it.each(familyTopicIds)('%s is whole, plain HTML with its own title and description', async (id) => {
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
    for (const action of words.actions) {
      expect(text).toContain(plain(action.label));
      if (action.detail) expect(text).toContain(plain(action.detail));
    }

    expect(page).not.toMatch(/\{\{|\}\}|\[\[|\]\]/);
    expect(page).not.toContain('%SPC_ORIGIN%');
  });

  it('has a different title and description on every guide', () => {
    expect(titles.size).toBe(familyTopicIds.length);
    expect(descriptions.size).toBe(familyTopicIds.length);
  });

  it('never calls the person in prison "you" on any page, as a reader sees it', async () => {
    const problems: string[] = [];
    for (const path of every(lng)) {
      const found = prisonerAddressed(visibleText((await get(publicApp, path)).body), lng);
      if (found) problems.push(`${path}: "${found}"`);
    }
    expect(problems).toEqual([]);
  });
});

describe('what you can do: every action leads somewhere', () => {
  it.each(publicLanguages)('in %s, an action to call someone links to that help contact and gives its number', async (lng) => {
    const { topics } = content.get(lng)!;
    for (const [id, topic] of topics) {
      const page = (await get(publicApp, publicPath({ kind: 'topic', id: id as never }, lng))).body;
      for (const action of topic.value.actions) {
        const to = action.leadsTo;
        if (to.kind === 'contact') {
          const contact = contacts.contacts.find((c) => c.for.includes(to.purpose))!;
          expect(page, `${id}: ${action.label}`).toMatch(new RegExp(`<a class="govuk-link" href="#help-${contact.id}">`));
          expect(page).toContain(`id="help-${contact.id}"`);
          expect(page).toContain(`href="tel:${contact.phone.replace(/ /g, '')}"`);
        } else if (to.kind === 'guide') {
          expect(page, `${id}: ${action.label}`).toContain(`href="${publicPath({ kind: 'topic', id: to.id }, lng)}"`);
        }
      }
    }
  });
});

describe('help contacts, on every family page', () => {
  it.each(publicLanguages)('in %s: each contact, its number and hours, and plainly when it was last checked', async (lng) => {
    for (const path of every(lng)) {
      const text = visibleText((await get(publicApp, path)).body);
      for (const contact of contacts.contacts) {
        expect(text, path).toContain(localText(contact.name, lng).text);
        expect(text, path).toContain(contact.phone);
        for (const line of localLines(contact.hours, lng).lines) expect(text, path).toContain(line);
      }
      const checked = lng === 'cy' ? `Gwnaethon ni wirio'r manylion hyn ddiwethaf ar ${formatDate(buildDay, 'cy')}.` : `We last checked these details on ${formatDate(buildDay, 'en')}.`;
      expect(text, path).toContain(checked);
      // The example data says it is an example, on every page.
      expect(text, path).toContain(lng === 'cy' ? "Manylion enghreifftiol yw'r rhain" : 'These are example details');
    }
    expect(formatDate(buildDay, 'cy')).toBe('1 Rhagfyr 2026');
  });

  it('says plainly when the details were checked too long ago', async () => {
    const later = await builtDist({ today: '2027-07-01' });
    const app = await buildServer({ store: await freshStore(), distDir: later, deviceMode: 'public', publicOrigin: origin });
    for (const lng of publicLanguages) {
      const text = visibleText((await get(app, publicPath({ kind: 'topic', id: 'keeping-in-touch' }, lng))).body);
      expect(text).toContain(
        lng === 'cy'
          ? "Gwnaethon ni wirio'r manylion hyn ddiwethaf ar 1 Rhagfyr 2026. Roedd hynny fwy na 6 mis yn ôl, felly efallai eu bod wedi newid."
          : 'We last checked these details on 1 December 2026. That was more than 6 months ago, so they may have changed.',
      );
    }
    expect(visibleText((await get(publicApp, '/')).body)).not.toContain('more than 6 months ago');
    const manifest = JSON.parse(readFileSync(join(later, 'public-pages', 'pages.json'), 'utf8')) as { helpContacts: { stale: string[] } };
    expect(manifest.helpContacts.stale).toHaveLength(contacts.contacts.length);
    await app.close();
  });

  it('refuses to build with a contact that does not say when it was last checked, naming the field', async () => {
    const temp = await makeTempDir('contacts');
    cleanups.push(temp.remove);
    const { lastChecked: _gone, ...undated } = contacts.contacts[1]!;
    const file = join(temp.dir, 'contacts.json');
    await writeFile(file, JSON.stringify({ contacts: [contacts.contacts[0], undated, contacts.contacts[2]] }));
    const dist = await makeFixtureDist();
    cleanups.push(dist.remove);
    await expect(writePublicPages(projectPath(), dist.dir, { styles: [stylesheet], script, bootScript }, { helpContactsFile: file, today: buildDay })).rejects.toThrow(
      /contacts\[1\]\.lastChecked: say when these details were last checked/,
    );
  });

  it('refuses to build when no contact is there for something a guide sends people to', async () => {
    const temp = await makeTempDir('contacts');
    cleanups.push(temp.remove);
    const file = join(temp.dir, 'contacts.json');
    await writeFile(file, JSON.stringify({ contacts: contacts.contacts.filter((c) => !c.for.includes('safety')) }));
    const dist = await makeFixtureDist();
    cleanups.push(dist.remove);
    await expect(writePublicPages(projectPath(), dist.dir, { styles: [stylesheet], script, bootScript }, { helpContactsFile: file, today: buildDay })).rejects.toThrow(/no contact is for "safety"/);
  });
});

describe('glossary terms with JavaScript off', () => {
  it('links each term to its family meaning in the "Words used on this page" list', async () => {
    const page = (await get(publicApp, '/explainers/rosh')).body;
    const { glossary } = content.get('en')!;
    const links = [...page.matchAll(/<a class="app-term" href="#([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const termId of new Set(links)) {
      expect(page, `#${termId} is not on the page`).toContain(`id="${termId}"`);
      expect(visibleText(page)).toContain(squash(toPlainText(glossary[termId]!.definition, 'en', glossary)));
    }
    expect(visibleText(page)).toContain("The member of staff who manages your family member's sentence");
    // Nothing to press without a script: the read-aloud controls wait in a <template>.
    expect(page.replace(/<template[\s\S]*?<\/template>/g, '')).not.toMatch(/<button/);
  });
});

describe('print', () => {
  it.each(publicLanguages)('carries the site name and the page address from PUBLIC_ORIGIN, never the Host header (%s)', async (lng) => {
    const path = publicPath({ kind: 'topic', id: 'oasys' }, lng);
    const page = (await get(publicApp, path, { ...html, host: 'evil.example' })).body;
    const header = page.match(/<div class="app-print-header">([\s\S]*?)<\/div>/)?.[1] ?? '';
    expect(decode(header)).toContain(lng === 'cy' ? `Cyfeiriad y dudalen: ${origin}${path}` : `Page address: ${origin}${path}`);
    expect(decode(header)).toContain(lng === 'cy' ? 'O: Cydymaith cynllun dedfryd' : 'From: Sentence plan companion');
    // The date it is printed is written by the page's script, from this pattern.
    expect(decode(header)).toContain(lng === 'cy' ? `data-pattern="Wedi'i argraffu ar %date%"` : 'data-pattern="Printed on %date%"');
    expect((await get(noOriginApp, path)).body).toMatch(new RegExp(`(Page address|Cyfeiriad y dudalen): ${path}<`));
  });

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

  it('shows the family guides as the home page, in each language, linking every guide, the words, search and display settings', async () => {
    for (const lng of publicLanguages) {
      const response = await get(publicApp, publicPath({ kind: 'home' }, lng));
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(new RegExp(`<html lang="${lng}"`));
      for (const id of familyTopicIds) expect(response.body).toContain(`href="${publicPath({ kind: 'topic', id }, lng)}"`);
      for (const kind of ['glossary', 'search', 'settings'] as const) expect(response.body).toContain(`href="${publicPath({ kind }, lng)}"`);
    }
  });

  it('reaches search and display settings from the menu of every page', async () => {
    for (const lng of publicLanguages) {
      for (const path of every(lng)) {
        const page = (await get(publicApp, path)).body;
        const menu = page.match(/<nav aria-label="[^"]*" class="govuk-service-navigation__wrapper app-public-nav">([\s\S]*?)<\/nav>/)?.[1] ?? '';
        for (const kind of ['home', 'glossary', 'search', 'settings'] as const) expect(menu, path).toContain(`href="${publicPath({ kind }, lng)}"`);
      }
    }
  });

  it('serves the words A to Z in each language, with the meanings written for families', async () => {
    for (const lng of publicLanguages) {
      const response = await get(publicApp, publicPath({ kind: 'glossary' }, lng));
      expect(response.statusCode).toBe(200);
      const { glossary } = content.get(lng)!;
      const text = visibleText(response.body);
      for (const entry of Object.values(glossary)) {
        expect(text).toContain(squash(entry.term));
        expect(text).toContain(squash(entry.definition));
      }
    }
  });

  it('serves search and display settings as family pages, each in its language', async () => {
    for (const lng of publicLanguages) {
      for (const kind of ['search', 'settings'] as const) {
        const response = await get(publicApp, publicPath({ kind }, lng));
        expect(response.statusCode).toBe(200);
        expect(response.body).toMatch(new RegExp(`<html lang="${lng}"[^>]*data-lang-fixed`));
        expect(response.body).not.toBe(fixtureIndexHtml);
      }
      // With scripts off, each says plainly what to do instead.
      expect(visibleText((await get(publicApp, publicPath({ kind: 'search' }, lng))).body)).toContain(lng === 'cy' ? 'Mae pob canllaw ar yr hafan' : 'You can find every guide on the home page');
    }
  });

  it('names its search index, a file that holds every family guide and word', async () => {
    const page = (await get(publicApp, '/cy/search')).body;
    const indexUrl = page.match(/data-index="([^"]+)"/)?.[1] ?? '';
    expect(indexUrl).toMatch(/^\/assets\/family-search-cy-[0-9a-f]{8}\.json$/);
    const served = await get(publicApp, indexUrl, { accept: '*/*' });
    expect(served.statusCode).toBe(200);
    expect(served.headers['cache-control']).toMatch(/immutable/);
    const index = JSON.parse(served.body) as { lng: string; docs: Array<{ result: { kind: string; id: string; title?: string; summary: string } }> };
    expect(index.lng).toBe('cy');
    expect(index.docs.filter((d) => d.result.kind === 'topic').map((d) => d.result.id)).toEqual([...familyTopicIds]);
    expect(index.docs.filter((d) => d.result.kind === 'term').length).toBe(Object.keys(content.get('cy')!.glossary).length);
    for (const doc of index.docs) expect(`${doc.result.title ?? ''} ${doc.result.summary}`).not.toMatch(/\[\[|\{\{/);
  });

  it('redirects the app-style addresses to the family pages', async () => {
    const cases = [
      ['/explainers', '/'],
      ['/cy/explainers', '/cy'],
      ['/cy/', '/cy'],
      ['/explainers/for-families', '/explainers/how-you-can-help'],
      ['/cy/explainers/for-families', '/cy/explainers/how-you-can-help'],
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

  it('keeps the app for every other address', async () => {
    const response = await get(publicApp, '/no-such-page');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(fixtureIndexHtml);
  });
});

describe('the family pages’ service worker', () => {
  it('is what /sw.js answers on a family deployment, never the app’s worker', async () => {
    const response = await get(publicApp, '/sw.js', { accept: '*/*' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(workerSource);
    const again = await get(publicApp, '/sw.js', { accept: '*/*', 'if-none-match': String(response.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('is not served on a tablet: /sw.js is the app’s', async () => {
    const response = await get(tabletApp, '/sw.js', { accept: '*/*' });
    expect(response.body).not.toBe(workerSource);
    expect(response.body).toContain('addEventListener("install"');
  });
});

describe('nothing personal', () => {
  it.each(publicLanguages)('pages in %s load no app, call no API, send nothing anywhere and set no cookie', async (lng) => {
    const forms = new Set(['search', 'settings'].map((kind) => publicPath({ kind } as never, lng)));
    for (const path of every(lng)) {
      const response = await get(publicApp, path);
      const page = response.body;
      expect(response.headers['set-cookie'], path).toBeUndefined();
      expect(page, path).not.toMatch(/\/api\/|config\.json|manifest\.webmanifest|localStorage|id="root"/);
      expect(page, path).not.toMatch(/<textarea|<select|method="post"/i);
      // Only search (a GET back to itself) and display settings (kept on the phone) have a form.
      if (!forms.has(path)) expect(page, path).not.toMatch(/<form|<input/);
      for (const action of page.matchAll(/<form[^>]*action="([^"]*)"/g)) expect(action[1], path).toBe(path);
      const scripts = [...page.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
      expect(scripts.map((attrs) => attrs.match(/src="([^"]+)"/)?.[1]).sort(), path).toEqual([bootScript, script].sort());
      expect(page, path).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    }
  });
});

describe('tablet and kiosk keep the app', () => {
  it('serves the app, not a family page, at a guide address', async () => {
    for (const path of ['/', '/explainers/oasys', '/glossary', '/search', '/settings']) {
      const response = await get(tabletApp, path);
      expect(response.statusCode, path).toBe(200);
      expect(response.body, path).toBe(fixtureIndexHtml);
    }
  });

  it('falls back to the app when the build has no family pages', async () => {
    const bare = await makeFixtureDist();
    cleanups.push(bare.remove);
    const app = await buildServer({ store: await freshStore(), distDir: bare.dir, deviceMode: 'public' });
    const response = await get(app, '/explainers/oasys');
    expect(response.body).toBe(fixtureIndexHtml);
    await app.close();
  });
});
