import type { FastifyInstance } from 'fastify';

export type RouteLine = { path: string; methods: string[] };

/**
 * Every route a Fastify instance answers, read from `printRoutes({ commonPrefix: false })`: each
 * line of the tree is a path segment under its parent (four characters of indent a level).
 * Parameters come back as written (`/:id`), so a caller fills them in.
 */
export function routesOf(app: FastifyInstance): RouteLine[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n').filter((line) => line.includes('── '));
  const stack: string[] = [];
  const routes: RouteLine[] = [];
  for (const line of lines) {
    const marker = line.indexOf('── ');
    const depth = (marker - 1) / 4;
    const match = /^(\S+)(?: \(([^)]*)\))?/.exec(line.slice(marker + 3));
    if (!match) continue;
    stack.length = depth;
    stack.push(match[1]!);
    const methods = match[2] ? match[2].split(',').map((method) => method.trim()) : [];
    if (methods.length > 0) routes.push({ path: stack.join(''), methods });
  }
  return routes;
}
