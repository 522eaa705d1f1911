import { appRoutes, everyPagePath, exampleUnknownPath } from '../../src/app/routes.ts';

/** Every page of the app (one example of each page with a parameter), as [name, path], from the app's own list. */
export const routes: [name: string, path: string][] = everyPagePath().map((path) => [path, path]);

/** Every page plus the "page not found" page. */
export const routesAndNotFound: [name: string, path: string][] = [...routes, ['notFound', exampleUnknownPath]];

export { appRoutes, exampleUnknownPath };
