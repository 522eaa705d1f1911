import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptsHtml, immutableCacheControl, isApiPath, pathOf } from '../http/paths.ts';

/** The console's page is personal once rendered and changes with each deployment: never kept. */
export const consoleIndexCacheControl = 'no-store';

/** Cache-Control for one of the console's files: hashed assets for a year, everything else never kept. */
export function consoleCacheControlFor(relativePath: string): string {
  return relativePath.startsWith('assets/') ? immutableCacheControl : consoleIndexCacheControl;
}

/** True when the folder holds a built console. */
export function consoleBuilt(staffDistDir: string): boolean {
  return existsSync(join(staffDistDir, 'index.html'));
}

/**
 * Serves the built staff console (dist-staff/) at `/` of the staff listener: its hashed files
 * under /assets/, and its one page for every other address a browser opens (the console routes
 * itself). Only ever registered on the staff listener: the prisoner-facing one has no way to it.
 */
export async function registerConsoleFiles(app: FastifyInstance, staffDistDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: staffDistDir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    acceptRanges: false,
    dotfiles: 'ignore',
    serveDotFiles: false,
    allowedPath: (pathName) => !isApiPath(pathName),
    setHeaders(reply, filePath) {
      reply.header('cache-control', consoleCacheControlFor(relative(staffDistDir, filePath).split(sep).join('/')));
    },
  });
}

/** For the not-found handler: a page address of the console (not the API, not a missing asset) gets the console's page. */
export function sendConsolePage(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  const path = pathOf(request.url);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (!isRead || isApiPath(path) || path.startsWith('/assets/') || !acceptsHtml(request.headers.accept)) return null;
  return reply.header('cache-control', consoleIndexCacheControl).sendFile('index.html');
}
