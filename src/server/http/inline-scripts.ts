import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Inline scripts: a `<script>` start tag with no `src`, up to its end tag. */
const inlineScript = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The text of each inline script in an HTML page, in order. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(inlineScript)].map((m) => m[1]!);
}

/**
 * The Content-Security-Policy source (`'sha256-…'`) of each inline script in an HTML page, so the
 * policy can allow exactly those scripts and no other inline one. The hash is of the script's text
 * as written between its tags, as the browser computes it.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = inlineScripts(html).map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  return [...new Set(hashes)];
}

/** The hashes for the built app's index.html (none when there is no such file). */
export function appInlineScriptHashes(distDir: string): string[] {
  const index = join(distDir, 'index.html');
  return existsSync(index) ? inlineScriptHashes(readFileSync(index, 'utf8')) : [];
}
