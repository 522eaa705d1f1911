import { cp, mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the floor page lives in the bench's copy of dist/. */
export const floorPath = '/floor.html';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Copies dist/ to a temporary folder and adds the "floor": the home page's heading and text as
 * plain static HTML with the app's own stylesheet, made offline by a tiny cache-first service
 * worker of its own (scope /floor.html). No framework, no app code: the fastest this content
 * can appear by the same route (service worker → Cache Storage → parse → paint).
 */
export async function distWithFloor(distDir: string, home: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spc-bench-dist-'));
  await cp(await realpath(distDir), dir, { recursive: true });
  const index = await readFile(join(dir, 'index.html'), 'utf8');
  const styles = [...index.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const { title = '', ...rest } = home;
  const paragraphs = Object.values(rest).map((t) => `<p class="govuk-body">${escapeHtml(t)}</p>`);
  await writeFile(
    join(dir, 'floor.html'),
    `<!doctype html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
<script src="/floor.js" defer></script>
</head>
<body class="govuk-template__body">
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-xl">${escapeHtml(title)}</h1>
${paragraphs.join('\n')}
</main></div>
</body>
</html>
`,
  );
  // An external script (not inline), so a strict Content-Security-Policy allows it.
  await writeFile(join(dir, 'floor.js'), `navigator.serviceWorker.register('/floor-sw.js', { scope: '${floorPath}' });\n`);
  const cached = [floorPath, '/floor.js', ...styles];
  await writeFile(
    join(dir, 'floor-sw.js'),
    `const files = ${JSON.stringify(cached)};
self.addEventListener('install', (e) => e.waitUntil(caches.open('floor').then((c) => c.addAll(files)).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (files.includes(url.pathname)) e.respondWith(caches.open('floor').then((c) => c.match(url.pathname)).then((r) => r || fetch(e.request)));
});
`,
  );
  return dir;
}
