import { type FamilyTopicId, familyTopicIds } from '../content/family-topic-ids.ts';

/**
 * Addresses of the family pages (device mode `public`: families and friends, no sign-in).
 *
 * English has no prefix, every other language has its code as the first segment:
 *   /                       the family guides (home page)          /cy
 *   /explainers/<id>        one family guide                       /cy/explainers/<id>
 *   /glossary               words A to Z                           /cy/glossary
 *   /search                 search the guides and the words        /cy/search
 *   /settings               display settings                       /cy/settings
 * So a shared link always opens in the language it was shared in, and each page names the other
 * language's address (<link rel="alternate" hreflang> and a plain link in the language switch).
 * The app's own addresses (/explainers/<id>, /glossary, /search, /settings) are the English ones,
 * so a link copied from the app opens the family version of the same page. Kept free of other
 * imports: the pages' own scripts use it too.
 */

export type PublicPage = { kind: 'home' } | { kind: 'glossary' } | { kind: 'search' } | { kind: 'settings' } | { kind: 'topic'; id: FamilyTopicId };

/** Every family page, in the order the build writes them. */
export const publicPages: readonly PublicPage[] = [
  { kind: 'home' },
  { kind: 'glossary' },
  { kind: 'search' },
  { kind: 'settings' },
  ...familyTopicIds.map((id) => ({ kind: 'topic', id }) as const),
];

/** The languages with family pages; the first is the one without a prefix. */
export const publicLanguages = ['en', 'cy'] as const;
export type PublicLanguage = (typeof publicLanguages)[number];

export function isPublicLanguage(value: string | undefined): value is PublicLanguage {
  return (publicLanguages as readonly string[]).includes(value ?? '');
}

const prefix = (lng: PublicLanguage): string => (lng === 'en' ? '' : `/${lng}`);

/** The page's address, e.g. /cy/explainers/oasys. */
export function publicPath(page: PublicPage, lng: PublicLanguage): string {
  switch (page.kind) {
    case 'home':
      return prefix(lng) || '/';
    case 'topic':
      return `${prefix(lng)}/explainers/${page.id}`;
    default:
      return `${prefix(lng)}/${page.kind}`;
  }
}

/** Where a glossary term is explained: its entry in the A to Z. */
export const publicTermPath = (termId: string, lng: PublicLanguage): string => `${publicPath({ kind: 'glossary' }, lng)}#${termId}`;

/** Where the page's HTML is written, relative to the public pages' folder. */
export function publicFile(page: PublicPage, lng: PublicLanguage): string {
  switch (page.kind) {
    case 'home':
      return `${lng}/index.html`;
    case 'topic':
      return `${lng}/explainers/${page.id}.html`;
    default:
      return `${lng}/${page.kind}.html`;
  }
}

/** The React Router basename for a language: the app's paths are rendered under it. */
export const routerBasename = (lng: PublicLanguage): string => prefix(lng) || '/';

/** The public pages' folder inside dist/: never precached by the app's service worker. */
export const publicPagesDir = 'public-pages';
/** The list of pages and redirects the server reads (see src/server/http/public-pages.ts). */
export const publicPagesManifest = 'pages.json';
/**
 * The family pages' own service worker, at the root of dist/. In device mode `public` the service
 * answers /sw.js with it (the app's worker is never served there), so every page on a family
 * deployment, and the app's own pages if one is opened there, share this one small worker.
 */
export const publicServiceWorkerFile = 'public-sw.js';
/**
 * Stands for the site's origin in the built HTML (canonical and hreflang addresses, and the page
 * address printed on paper, must be absolute); the server fills it in from PUBLIC_ORIGIN. The
 * build cannot know where it will be deployed.
 */
export const originToken = '%SPC_ORIGIN%';

export type PublicPagesManifest = {
  pages: Array<{ path: string; file: string; lang: string }>;
  /** Other addresses that lead to a public page, e.g. /explainers → /, /glossary/oasys → /glossary#oasys. */
  redirects: Array<{ from: string; to: string }>;
  /** The family pages' service worker file in dist/, served at /sw.js. */
  serviceWorker?: string;
  /** The help contacts the pages show: whether they are the example ones, and the oldest check. */
  helpContacts?: { example: boolean; oldestCheck: string; stale: string[] };
};
