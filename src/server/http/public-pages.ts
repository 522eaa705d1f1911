import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { helpContactsMaxAgeMonths, isCheckStale } from '../../domain/help-contacts.ts';
import { revalidateCacheControl } from './paths.ts';

/**
 * The public pages (device mode `public`: families, no sign-in), prerendered by the build into
 * dist/public-pages/ with a list of their addresses in pages.json (see src/public-pages/urls.ts
 * for the address scheme). Each address is answered with its page before the app's own fallback,
 * so a family's phone gets a small static page, not the app.
 *
 * The built HTML names its own address (canonical and hreflang links) with a stand-in for the
 * origin, filled in here from `origin` (PUBLIC_ORIGIN), never from the request: a Host header is
 * whatever the sender chose. Without an origin the links stay relative (a warning says so).
 * Pages are held in memory (a few KB each) and revalidated by ETag. In this mode /sw.js is the
 * family pages' own service worker. The help contacts the pages were built with are named in the
 * log when they are the example ones or were checked too long ago.
 * The server does not import the app or the content code: this file is its whole contract.
 */

/** Kept in step with src/public-pages/urls.ts (publicPagesDir, publicPagesManifest, originToken). */
const folder = 'public-pages';
const manifestFile = 'pages.json';
const originToken = '%SPC_ORIGIN%';

type Manifest = {
  pages: Array<{ path: string; file: string; lang: string }>;
  redirects: Array<{ from: string; to: string }>;
  /** The family pages' own service worker (a file in dist/), answered at /sw.js. */
  serviceWorker?: string;
  helpContacts?: { example?: boolean; oldestCheck?: string; stale?: string[] };
};

function isManifest(value: unknown): value is Manifest {
  const m = value as Manifest | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    Array.isArray(m.pages) &&
    Array.isArray(m.redirects) &&
    m.pages.every((p) => typeof p.path === 'string' && p.path.startsWith('/') && typeof p.file === 'string') &&
    m.redirects.every((r) => typeof r.from === 'string' && r.from.startsWith('/') && typeof r.to === 'string' && r.to.startsWith('/')) &&
    (m.helpContacts === undefined || (typeof m.helpContacts === 'object' && m.helpContacts !== null)) &&
    (m.serviceWorker === undefined || (typeof m.serviceWorker === 'string' && /^[\w.-]+\.js$/.test(m.serviceWorker)))
  );
}

export type PublicPagesOptions = {
  /** The site's address as families see it, e.g. https://example.gov.uk (no trailing slash). */
  origin?: string;
};

/** A check date from the build's list; one that cannot be read is not called stale (the build checked it). */
function isStale(lastChecked: string, today: string): boolean {
  try {
    return isCheckStale(lastChecked, today);
  } catch {
    return false;
  }
}

/**
 * Answers every prerendered public page's address, and its aliases by redirect. Returns the
 * number of pages served; 0 (and a warning) when the build has none, so the app is served as before.
 */
export function registerPublicPages(app: FastifyInstance, distDir: string, options: PublicPagesOptions = {}): number {
  const dir = resolve(distDir, folder);
  const manifestPath = join(dir, manifestFile);
  if (!existsSync(manifestPath)) {
    app.log.warn(`DEVICE_MODE is public but ${manifestPath} is missing: serving the app instead of the public pages`);
    return 0;
  }
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!isManifest(manifest)) throw new Error(`${manifestPath} is not a list of public pages`);
  const origin = options.origin?.replace(/\/+$/, '') ?? '';
  if (!origin) app.log.warn('PUBLIC_ORIGIN is not set: the public pages link to themselves with relative addresses');

  for (const page of manifest.pages) {
    const file = resolve(dir, page.file);
    if (!file.startsWith(dir + sep)) throw new Error(`${manifestPath}: ${page.file} is outside ${dir}`);
    const body = readFileSync(file, 'utf8').replaceAll(originToken, origin);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    app.get(page.path, async (request, reply) => {
      reply.header('cache-control', revalidateCacheControl).header('etag', etag).header('content-language', page.lang);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(body);
    });
  }
  // A family's phone gets the family pages' own small worker at /sw.js, never the app's (which
  // would precache the whole app and answer every address with it). The app's pages, if one is
  // opened here (a sign-in address says plans are only on prison devices), register it too.
  if (manifest.serviceWorker) {
    const worker = readFileSync(resolve(distDir, manifest.serviceWorker), 'utf8');
    const etag = `"${createHash('sha256').update(worker).digest('base64url').slice(0, 27)}"`;
    app.get('/sw.js', async (request, reply) => {
      reply.header('cache-control', revalidateCacheControl).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(worker);
    });
  }
  const contacts = manifest.helpContacts;
  if (contacts?.example) app.log.warn('The family pages show the example help contacts: build with HELP_CONTACTS naming the deployment\'s file (README, "Configure it")');
  const today = new Date().toISOString().slice(0, 10);
  if (typeof contacts?.oldestCheck === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(contacts.oldestCheck) && isStale(contacts.oldestCheck, today)) {
    app.log.warn(`The family pages' help contacts were last checked on ${contacts.oldestCheck}, more than ${helpContactsMaxAgeMonths} months ago: check them, change lastChecked and build again`);
  }
  for (const { from, to } of manifest.redirects) {
    app.get(from, async (_request, reply) => reply.header('cache-control', revalidateCacheControl).redirect(to, 302));
  }
  return manifest.pages.length;
}
