import { originToken, type PublicLanguage, publicLanguages } from './urls.ts';

export type DocumentParts = {
  lng: PublicLanguage;
  title: string;
  description: string;
  /** This page's address in each language (paths; the server adds the origin). */
  alternates: Record<PublicLanguage, string>;
  assets: {
    /** Stylesheets (hashed /assets/ paths): the app's, with its print rules, and the family pages' own. */
    styles: readonly string[];
    /** The progressive-enhancement script. */
    script: string | undefined;
    /** The display-settings script that runs before the first paint. */
    bootScript: string;
  };
  /** The page's body, rendered by React. */
  body: string;
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The whole HTML document of a family page. No inline script or style (the CSP forbids them):
 * the display-settings script in the head (so a page never flashes in the wrong size or colours),
 * the stylesheets, and one small deferred module script.
 * `data-lang-fixed`: the address says the language, so the saved language choice of the app is
 * not applied here (see public/display-settings-boot.js).
 */
export function renderDocument(parts: DocumentParts): string {
  const absolute = (path: string) => escapeHtml(originToken + path);
  const { assets } = parts;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<meta name="description" content="${escapeHtml(parts.description)}">`,
    '<meta name="theme-color" content="#0b0c0c">',
    `<link rel="canonical" href="${absolute(parts.alternates[parts.lng])}">`,
    ...publicLanguages.map((lng) => `<link rel="alternate" hreflang="${lng}" href="${absolute(parts.alternates[lng])}">`),
    `<link rel="alternate" hreflang="x-default" href="${absolute(parts.alternates[publicLanguages[0]])}">`,
    '<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">',
    `<script src="${escapeHtml(assets.bootScript)}"></script>`,
    ...assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...(assets.script ? [`<script type="module" src="${escapeHtml(assets.script)}"></script>`] : []),
  ];
  return `<!doctype html>
<html lang="${parts.lng}" dir="ltr" class="govuk-template" data-lang-fixed>
<head>
${head.join('\n')}
</head>
<body class="govuk-template__body">
${parts.body}
</body>
</html>
`;
}
