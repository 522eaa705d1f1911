import { createContext, useContext } from 'react';

/**
 * What the console needs from a plain-words checker: for a text staff write for the person, a
 * list of findings, each with the message key of its advice (`plainWords.<key>` in staff.json),
 * where in the text it is, and any values the message needs. Advice only: it never stops a save.
 */
export type PlainWordsFinding = {
  messageKey: string;
  /** Where the finding starts and ends in the text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  values?: Readonly<Record<string, string | number>>;
};

export type PlainWordsChecker = (text: string, language: string) => readonly PlainWordsFinding[];

/** The checker every field uses; `null` shows no advice. */
export const PlainWordsContext = createContext<PlainWordsChecker | null>(null);

export function usePlainWordsChecker(): PlainWordsChecker | null {
  return useContext(PlainWordsContext);
}
