import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Puts the display-settings boot script into the app's index.html instead of linking it. As a
 * linked classic script it held the parser until the service worker had answered for it (one more
 * file, fetched one at a time before anything else could run); inline, it runs as soon as it is
 * read. The service allows exactly this script by its SHA-256 in the Content-Security-Policy
 * (src/server/http/inline-scripts.ts works the hash out from the index.html it serves), so no
 * other inline script can run. The file itself stays in the build for the family pages.
 */
export function inlineBootScript(options: { file: string; src: string }): Plugin {
  const tag = `<script src="${options.src}"></script>`;
  return {
    name: 'inline-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(tag)) throw new Error(`index.html has no ${tag} to inline`);
        const code = readFileSync(options.file, 'utf8');
        if (/<\/script/i.test(code)) throw new Error(`${options.file} cannot be inlined: it contains "</script"`);
        return html.replace(tag, `<script>${code}</script>`);
      },
    },
  };
}
