import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { cacheControlFor, isApiPath } from './paths.ts';

/**
 * Serves the built app from `distDir`. Hashed files under /assets/ are cached for a year;
 * everything else (index.html, the service worker, the manifest…) must be revalidated each time.
 * Precompressed .br/.gz siblings are used when the build made them.
 */
export async function registerStaticFiles(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    // Byte ranges and on-the-fly compression do not mix; the app never needs ranges.
    acceptRanges: false,
    dotfiles: 'ignore',
    serveDotFiles: false,
    // /api/* is never a file, even if the folder happens to hold one.
    allowedPath: (pathName) => !isApiPath(pathName),
    setHeaders(reply, filePath) {
      const relativePath = relative(distDir, filePath).split(sep).join('/');
      reply.header('cache-control', cacheControlFor(relativePath));
    },
  });
}
