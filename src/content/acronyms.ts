import type { Glossary } from './schema.ts';

/**
 * Acronyms in text: words with two or more capital letters (OASys, RoSH, POM, RM2000, PIPEs).
 * Each one a person may meet needs a glossary entry, and is marked where a topic first uses it.
 */

export type Found = { word: string; index: number };

export function acronymsIn(text: string): Found[] {
  const out: Found[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const capitals = match[0].match(/\p{Lu}/gu)?.length ?? 0;
    if (capitals >= 2) out.push({ word: match[0], index: match.index });
  }
  return out;
}

/** The glossary entry an acronym stands for: its `term`, or the term with a plural "s" (PIPEs → PIPE). */
export function termIdForAcronym(word: string, glossary: Glossary): string | undefined {
  const entries = Object.entries(glossary);
  return (
    entries.find(([, entry]) => entry.term === word)?.[0] ??
    (word.endsWith('s') ? entries.find(([, entry]) => entry.term === word.slice(0, -1))?.[0] : undefined)
  );
}
