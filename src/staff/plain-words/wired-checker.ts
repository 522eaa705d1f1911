import type { PlainWordsChecker } from './checker.ts';

/**
 * The plain-words checker the console uses. The pure checker (`src/domain/plain-words.ts`) is
 * written with the service's part of the console; until it is here, no advice is shown, and every
 * field already takes any checker through `PlainWordsContext`.
 */
export const plainWordsChecker: PlainWordsChecker | null = null;
