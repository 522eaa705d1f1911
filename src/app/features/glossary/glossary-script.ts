import { toPlainText } from '../../../content/markup.ts';
import type { Glossary, GlossaryEntry } from '../../../content/schema.ts';
import { buildScript, type Script } from '../../read-aloud/script.ts';

/** The key of each block of a glossary entry, shared by the page (<Readable>) and its script. */
export const termKey = {
  term: (termId: string) => `${termId}.term`,
  expansion: (termId: string) => `${termId}.expansion`,
  definition: (termId: string) => `${termId}.definition`,
} as const;

/** One entry as the page shows it: its language (English where a translation is missing) and its "Stands for" line. */
export type ShownEntry = { termId: string; entry: GlossaryEntry; lng: string; standsFor: string | null };

/** The words of one entry's blocks, in reading order: the word, what it stands for, what it means. */
export function entryTexts({ termId, entry, lng, standsFor }: ShownEntry, glossary: Glossary): { key: string; text: string; lng: string }[] {
  return [
    { key: termKey.term(termId), text: entry.term, lng },
    ...(standsFor ? [{ key: termKey.expansion(termId), text: standsFor, lng }] : []),
    { key: termKey.definition(termId), text: toPlainText(entry.definition, lng, glossary), lng },
  ];
}

/** What read-aloud says on a word page or the A to Z: each entry in the order shown. */
export function glossaryScript(entries: readonly ShownEntry[], glossary: Glossary): Script {
  return buildScript(
    entries.flatMap((entry) => entryTexts(entry, glossary)),
    glossary,
  );
}
