import type { TopicId } from '../content/topic-ids.ts';

/**
 * Addresses of the public pages (device mode `public`: families, no sign-in).
 *
 * English has no prefix, every other language has its code as the first segment:
 *   /                       guides index (the families' home page)    /cy
 *   /explainers/<id>        one guide                                 /cy/explainers/<id>
 *   /glossary               words A to Z                              /cy/glossary
 * So a shared link always opens in the language it was shared in, and each page names the other
 * language's address (<link rel="alternate" hreflang> and a plain link in the language switch).
 * The app's own addresses (/explainers/<id>, /glossary) stay the English ones, so a link copied
 * from the app opens the same guide here.
 */

export type PublicPage = { kind: 'home' } | { kind: 'glossary' } | { kind: 'topic'; id: TopicId };

/** The languages with public pages; the first is the one without a prefix. */
export const publicLanguages = ['en', 'cy'] as const;
export type PublicLanguage = (typeof publicLanguages)[number];

const prefix = (lng: PublicLanguage): string => (lng === 'en' ? '' : `/${lng}`);

/** The page's address, e.g. /cy/explainers/oasys. */
export function publicPath(page: PublicPage, lng: PublicLanguage): string {
  switch (page.kind) {
    case 'home':
      return prefix(lng) || '/';
    case 'glossary':
      return `${prefix(lng)}/glossary`;
    case 'topic':
      return `${prefix(lng)}/explainers/${page.id}`;
  }
}

/** Where the page's HTML is written, relative to the public pages' folder. */
export function publicFile(page: PublicPage, lng: PublicLanguage): string {
  switch (page.kind) {
    case 'home':
      return `${lng}/index.html`;
    case 'glossary':
      return `${lng}/glossary.html`;
    case 'topic':
      return `${lng}/explainers/${page.id}.html`;
  }
}

/** The React Router basename for a language: the app's paths are rendered under it. */
export const routerBasename = (lng: PublicLanguage): string => prefix(lng) || '/';

/** The public pages' folder inside dist/: never precached by the app's service worker. */
export const publicPagesDir = 'public-pages';
/** The list of pages and redirects the server reads (see src/server/http/public-pages.ts). */
export const publicPagesManifest = 'pages.json';
/**
 * Stands for the site's origin in the built HTML (canonical and hreflang addresses must be
 * absolute); the server fills it in. The build cannot know where it will be deployed.
 */
export const originToken = '%SPC_ORIGIN%';

export type PublicPagesManifest = {
  pages: Array<{ path: string; file: string; lang: string }>;
  /** Other addresses that lead to a public page, e.g. /explainers → /, /glossary/oasys → /glossary#oasys. */
  redirects: Array<{ from: string; to: string }>;
};
