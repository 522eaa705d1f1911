import type { ApplicationType } from '../domain/application.ts';
import { appRoutes } from './routes.ts';

/**
 * Addresses of pages deep in the app (a goal, an application, a new application of a type), made
 * only by later pages: kept out of routes.ts so they are not in the first page's JavaScript.
 */

/** One goal (objective) of the person's plan. */
export const goalPath = (objectiveId: string): string => `${appRoutes.plan}/goals/${encodeURIComponent(objectiveId)}`;
/** The start of a new application (the person chooses what to ask), or its form for one type. */
export function newApplicationPath(type?: ApplicationType): string {
  return type ? `${appRoutes.applications}/new/${type}` : `${appRoutes.applications}/new`;
}

/** One application the person made on this device, with its status and replies. */
export const applicationPath = (id: string): string => `${appRoutes.applications}/${id}`;

/**
 * A link that opens the application form with its type chosen. `about` names why (for example
 * `oasysReviewLooksLate`, one of `ApplicationAbout` in src/domain/application-shortcuts.ts): the
 * form writes words in for it, and fills in what it knows, which the person can change. A type
 * already being written keeps what was written.
 */
export function applicationShortcut(type: ApplicationType, about?: string): string {
  return about ? `${newApplicationPath(type)}?${new URLSearchParams({ about }).toString()}` : newApplicationPath(type);
}
