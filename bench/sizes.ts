import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { inlineScripts } from '../src/server/http/inline-scripts.ts';

export type FileSize = { file: string; raw: number; gzip: number };

/** Raw and gzip (zlib default level, as servers compress on the fly) size of one built file. */
export function fileSize(distDir: string, file: string): FileSize {
  const bytes = readFileSync(join(distDir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

const sum = (files: FileSize[]) => ({
  raw: files.reduce((n, f) => n + f.raw, 0),
  gzip: files.reduce((n, f) => n + f.gzip, 0),
});

/** Every JS and CSS file of the build, largest first. */
export function chunkSizes(distDir: string): FileSize[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css)$/.test(name)) files.push(relative(distDir, path));
    }
  };
  walk(distDir);
  return files.map((f) => fileSize(distDir, f)).sort((a, b) => b.gzip - a.gzip);
}

/** The files the service worker precaches, read from the manifest injected into dist/sw.js. */
export function precacheSizes(distDir: string) {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  if (urls.length === 0) throw new Error('No precache manifest found in dist/sw.js');
  const files = urls.map((url) => fileSize(distDir, url));
  return { files, ...sum(files) };
}

/** Relative static imports of a built module (`import … from "./x.js"`), not dynamic `import()`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/\b(?:import|export)\s*(?:[^"'`();]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g)].map((m) => m[1]!);
}

/**
 * The JavaScript the first page needs before it can show anything: every script index.html
 * loads (classic, module and modulepreload) plus, transitively, the static imports of the modules,
 * plus any script written inline in index.html (the display-settings boot script).
 */
export function firstRouteScripts(distDir: string) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const tags = [
    ...html.matchAll(/<script\b[^>]*\bsrc="\/?([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(distDir, file))) return;
    seen.add(file);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const imported of staticImports(readFileSync(join(distDir, file), 'utf8'))) visit(dir + imported.slice(2));
  };
  tags.forEach(visit);
  const inline = inlineScripts(html).map((code, i) => {
    const bytes = Buffer.from(code, 'utf8');
    return { file: `index.html inline script ${i + 1}`, raw: bytes.length, gzip: gzipSync(bytes).length };
  });
  const files = [...[...seen].map((f) => fileSize(distDir, f)), ...inline];
  return { files, ...sum(files) };
}
