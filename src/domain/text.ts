import { z } from 'zod';

/**
 * Free text a person or staff write. It may hold any printable character (any language, emoji),
 * tab and newline, but no other control character (NUL, escape, carriage return, C1 controls…)
 * and no lone half of a surrogate pair: the database cannot keep some of them (PostgreSQL refuses
 * NUL), others would change the words silently, and none of them is ever typed on purpose.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this one
const notAllowed = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\p{Cs}/u;

/** The message keys of these checks; the service turns them into plain words, the app into its own. */
export const textIssues = { controlCharacters: 'text.controlCharacters' } as const;

export function isAllowedText(text: string): boolean {
  return !notAllowed.test(text);
}

const everyNotAllowed = new RegExp(notAllowed.source, 'gu');

/** The text without the characters `freeText` refuses (for a form to offer what it can send). */
export function withoutNotAllowed(text: string): string {
  return text.replace(everyNotAllowed, '');
}

/** A string of free text: chain `.trim()`, `.min()`, `.max()` as the field needs. */
export function freeText() {
  return z.string().refine(isAllowedText, { message: textIssues.controlCharacters });
}

const encoder = new TextEncoder();

/** How many bytes a string takes in UTF-8 (what a body limit counts). */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
