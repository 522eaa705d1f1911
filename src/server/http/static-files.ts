import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { DeviceMode } from '../../domain/device.ts';
import { cacheControlFor, isApiPath } from './paths.ts';
import { registerPublicPages, type PublicPagesOptions } from './public-pages.ts';

/**
 * Serves the built app from `distDir`. Hashed files under /assets/ are cached for a year;
 * everything else (index.html, the service worker, the manifest…) must be revalidated each time.
 * Precompressed .br/.gz siblings are used when the build made them.
 * In device mode `public`, the prerendered public pages answer their own addresses first
 * (`/`, `/explainers/<id>`, `/cy/…`); see public-pages.ts. Other modes serve the app as always.
 */
export async function registerStaticFiles(
  app: FastifyInstance,
  distDir: string,
  options: { deviceMode?: DeviceMode } & PublicPagesOptions = {},
): Promise<void> {
  if (options.deviceMode === 'public') registerPublicPages(app, distDir, options.origin ? { origin: options.origin } : {});
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
