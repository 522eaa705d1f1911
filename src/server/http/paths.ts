/** Small pure helpers about request paths and headers. */

/** The path part of a request URL, without the query string. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** True when the client says it wants HTML (a browser opening a page). */
export function acceptsHtml(accept: string | undefined): boolean {
  return typeof accept === 'string' && /(^|,)\s*(text\/html|application\/xhtml\+xml)\s*(;|,|$)/i.test(accept);
}

/** Hashed build output: the name changes when the content does, so it can be kept for ever. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';
/** Everything else: the browser may keep a copy but must check it is still current before using it. */
export const revalidateCacheControl = 'no-cache';

/** Cache-Control for a file, given its path relative to the built app's folder (with / separators). */
export function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith('assets/') ? immutableCacheControl : revalidateCacheControl;
}
