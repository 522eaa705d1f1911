import { appRoutes } from '../../routes.ts';
import type { Mode, Place } from './draft.ts';

/** The self-assessment's own addresses, under /questionnaire. */
const base = appRoutes.questionnaire;

export const startPath = base;
export const checkPath = `${base}/check`;
export const partPath = (section: string): string => `${base}/part/${section}`;
/** One question at a time: the nth question of a part, from 1. */
export const questionPath = (section: string, n: number): string => `${partPath(section)}/${n}`;
export const sentPath = (id: string): string => `${base}/sent/${id}`;

/** The id of a question's first input on the page ("home.placeToLive" → "q-home-placeToLive"). */
export const questionAnchor = (questionId: string): string => `q-${questionId.replace('.', '-')}`;

/** Where a question is answered, in the person's chosen way of seeing them. */
export function placePath(mode: Mode, place: Place): string {
  return mode === 'one' ? questionPath(place.section, place.inSection + 1) : `${partPath(place.section)}#${questionAnchor(place.question.id)}`;
}
