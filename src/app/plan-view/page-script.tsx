import { type ReactNode, useMemo } from 'react';
import type { Glossary } from '../../content/schema.ts';
import { Readable } from '../read-aloud/ReadAloud.tsx';
import { buildScript, type Script } from '../read-aloud/script.ts';
import type { PlanGlossaries } from './glossaries.ts';
import { inert, staffMarkup } from './staff-text.ts';

/**
 * Read-aloud on a plan page: the page lists its text blocks in reading order (the app's own words
 * and staff's), and gets back the script for <ReadAloud> and `read(key)`, which draws one block
 * cut into sentences that can be highlighted. Staff's blocks are read in English with an English
 * voice, their glossary terms open their meaning (in the reader's language), and on a page in
 * another language they are marked `lang="en"`.
 */

export type Block = {
  key: string;
  text: string;
  /** Written by staff (in English). */
  staff?: boolean;
  /** No glossary buttons (text inside a link or a button, where a button cannot go). */
  plain?: boolean;
};

export type PageScript = { script: Script; read(key: string): ReactNode; /** The page shows staff's English in another language. */ showsStaffEnglish: boolean };

const noGlossary: Glossary = {};

export function usePageScript(blocks: readonly Block[], lng: string, glossaries: PlanGlossaries | undefined): PageScript {
  const signature = blocks.map((b) => `${b.staff ? 's' : 'a'}${b.key}\u0000${b.text}`).join('\u0001');
  const glossary = glossaries?.reader ?? noGlossary;
  const { script, byKey } = useMemo(() => {
    const sources = blocks.map((b) => ({
      key: b.key,
      text: b.staff && !b.plain && glossaries ? staffMarkup(b.text, glossaries.matcher) : inert(b.text),
      lng: b.staff ? 'en' : lng,
      staff: b.staff === true,
    }));
    return { script: buildScript(sources, glossary), byKey: new Map(sources.map((s) => [s.key, s])) };
    // `signature` stands for the blocks' contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, lng, glossaries, glossary]);
  const staffEnglish = lng !== 'en' && blocks.some((b) => b.staff);
  return {
    script,
    showsStaffEnglish: staffEnglish,
    read(key) {
      const source = byKey.get(key);
      if (!source) return null;
      const shown = <Readable script={script} at={key} text={source.text} lng={lng} glossary={glossary} />;
      return source.staff && lng !== 'en' ? <span lang="en">{shown}</span> : shown;
    },
  };
}
