import { originToken, type PublicLanguage, publicLanguages } from './urls.ts';

export type DocumentParts = {
  lng: PublicLanguage;
  title: string;
  description: string;
  /** This page's address in each language (paths; the server adds the origin). */
  alternates: Record<PublicLanguage, string>;
  /** Stylesheets from the app's build (hashed /assets/ paths). */
  styles: readonly string[];
  /** The progressive-enhancement script, if the page needs it. */
  script: string | undefined;
  /** The page's body, rendered by React. */
  body: string;
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The whole HTML document of a public page. No inline script or style (the CSP forbids them),
 * one stylesheet (the app's, with its print rules), and at most one small deferred script.
 */
export function renderDocument(parts: DocumentParts): string {
  const absolute = (path: string) => escapeHtml(originToken + path);
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
    ...parts.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...(parts.script ? [`<script type="module" src="${escapeHtml(parts.script)}"></script>`] : []),
  ];
  return `<!doctype html>
<html lang="${parts.lng}" dir="ltr" class="govuk-template">
<head>
${head.join('\n')}
</head>
<body class="govuk-template__body">
${parts.body}
</body>
</html>
`;
}
