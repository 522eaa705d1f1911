import { createContext, Fragment, type ReactNode, useContext, useId, useState } from 'react';
import { parseMarkup, toPlainText } from '../../content/markup.ts';
import type { Glossary } from '../../content/schema.ts';
import { OutsideAddress } from './OutsideAddress.tsx';
import { splitOutsideAddresses } from './outside-addresses.ts';
import { StaticPage } from './static-page.ts';

type Props = { text: string; lng: string; glossary: Glossary };

/**
 * Explainer text with its time limits filled in, each glossary term as a button, and any outside
 * address as a link on families' devices but plain text on prison tablets and kiosks.
 *
 * A term's meaning opens **after the text it is in** (the paragraph, list item or heading), never in
 * the middle of a sentence: the sentence stays whole on screen and in a screen reader's reading
 * order (the text, then the meaning), and lines with terms are spaced like any other line. Each
 * block of text is a TermBlock (RichText is one by itself; Readable makes one of its sentences).
 */
export function RichText({ text, lng, glossary }: Props) {
  const block = useContext(TermBlockContext);
  const inline = <InlineText text={text} lng={lng} glossary={glossary} />;
  if (block) return inline;
  return (
    <TermBlock text={text} lng={lng} glossary={glossary}>
      {inline}
    </TermBlock>
  );
}

/** The terms of one block of text: which meanings are open, and the id of each term's meaning. */
type Block = { open: ReadonlySet<string>; toggle(termId: string): void; meaningId(termId: string): string };

const TermBlockContext = createContext<Block | null>(null);

/**
 * One block of text whose terms open their meanings at its end. `text` is the block's whole text
 * (with markup): the meanings are drawn from it, so the same HTML comes out when prerendered.
 * Every RichText inside it (a block cut into sentences, say) shares it.
 */
export function TermBlock({ text, lng, glossary, children }: Props & { children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const block: Block = {
    open,
    toggle: (termId) =>
      setOpen((was) => {
        const next = new Set(was);
        if (!next.delete(termId)) next.add(termId);
        return next;
      }),
    meaningId: (termId) => `${id}-${termId}`,
  };
  return (
    <TermBlockContext.Provider value={block}>
      {children}
      <Meanings block={block} text={text} lng={lng} glossary={glossary} />
    </TermBlockContext.Provider>
  );
}

/** The meanings of a block's terms, in the order they are first used, each hidden until its term is pressed. */
function Meanings({ block, text, lng, glossary }: Props & { block: Block }) {
  const termIds = [...new Set(parseMarkup(text, lng, glossary).parts.flatMap((part) => (part.kind === 'term' ? [part.termId] : [])))];
  return (
    <>
      {termIds.map((termId) => {
        const entry = glossary[termId];
        if (!entry) return null;
        // The meaning is in the glossary's language, which may differ from the text around it (staff's English on a Welsh page).
        return (
          <span key={termId} id={block.meaningId(termId)} className="app-term__meaning" hidden={!block.open.has(termId)} lang={lng}>
            <strong>{entry.term}</strong>
            {entry.expansion ? ` (${entry.expansion})` : null}
            {': '}
            {toPlainText(entry.definition, lng, glossary)}
          </span>
        );
      })}
    </>
  );
}

function InlineText({ text, lng, glossary }: Props) {
  const { parts } = parseMarkup(text, lng, glossary);
  return (
    <>
      {parts.map((part, index) => {
        if (part.kind === 'text' || !glossary[part.termId]) return <PlainText key={index} text={part.kind === 'text' ? part.text : part.shown} />;
        return <Term key={index} termId={part.termId} shown={part.shown} />;
      })}
    </>
  );
}

function PlainText({ text }: { text: string }) {
  return (
    <>
      {splitOutsideAddresses(text).map((piece, index) =>
        piece.kind === 'text' ? <Fragment key={index}>{piece.text}</Fragment> : <OutsideAddress key={index} text={piece.text} href={piece.href} />,
      )}
    </>
  );
}

/** A term: pressing it opens (or closes) its meaning after the text. No hover, no tooltip. */
function Term({ termId, shown }: { termId: string; shown: string }) {
  const block = useContext(TermBlockContext);
  // On a prerendered public page (maybe read with JavaScript off) the term is a link to its meaning
  // in the page's "Words used on this page" list; src/public-pages/enhance.ts turns it into this
  // same button, opening the same meaning (drawn after the text, hidden).
  const isStatic = useContext(StaticPage);
  if (!block) return <>{shown}</>;
  const meaning = block.meaningId(termId);
  if (isStatic) {
    return (
      <a className="app-term" href={`#${termId}`} data-meaning={meaning}>
        {shown}
      </a>
    );
  }
  return (
    <button type="button" className="app-term" aria-expanded={block.open.has(termId)} aria-controls={meaning} onClick={() => block.toggle(termId)}>
      {shown}
    </button>
  );
}
