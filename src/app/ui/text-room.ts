/**
 * How much room is left in a box of text, in words people use: "You can write about 80 more
 * words", then, near the end, the letters left, and past the end how much too much. Pure.
 *
 * A word is taken as 6 characters (an English or Welsh word averages 4 to 5 letters, plus a
 * space); the count says "about". Near the end (under 30 characters) a word count would be too
 * rough, so it counts letters (every character, spaces too, as the limit does).
 */
export const charactersPerWord = 6;
export const nearTheEnd = 30;

export type Room =
  | { key: 'wordsLeft' | 'lettersLeft' | 'wordsOver' | 'lettersOver'; count: number; over: boolean }
  | { key: 'full'; count: 0; over: false };

export function roomLeft(used: number, max: number): Room {
  const left = max - used;
  if (left === 0) return { key: 'full', count: 0, over: false };
  if (left > 0) return left >= nearTheEnd ? { key: 'wordsLeft', count: Math.floor(left / charactersPerWord), over: false } : { key: 'lettersLeft', count: left, over: false };
  const over = -left;
  return over >= nearTheEnd ? { key: 'wordsOver', count: Math.ceil(over / charactersPerWord), over: true } : { key: 'lettersOver', count: over, over: true };
}
