import { Fragment, useContext, useId, useState } from 'react';
import { parseMarkup, toPlainText } from '../../content/markup.ts';
import type { Glossary, GlossaryEntry } from '../../content/schema.ts';
import { OutsideAddress } from './OutsideAddress.tsx';
import { splitOutsideAddresses } from './outside-addresses.ts';
import { StaticPage } from './static-page.ts';

type Props = { text: string; lng: string; glossary: Glossary };

/**
 * Explainer text with its time limits filled in, each glossary term as a button, and any outside
 * address as a link on families' devices but plain text on prison tablets and kiosks.
 */
export function RichText({ text, lng, glossary }: Props) {
  const { parts } = parseMarkup(text, lng, glossary);
  return (
    <>
      {parts.map((part, index) => {
        const entry = part.kind === 'term' ? glossary[part.termId] : undefined;
        if (part.kind === 'text' || !entry) return <PlainText key={index} text={part.kind === 'text' ? part.text : part.shown} />;
        return <Term key={index} termId={part.termId} shown={part.shown} entry={entry} lng={lng} glossary={glossary} />;
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

type TermProps = { termId: string; shown: string; entry: GlossaryEntry; lng: string; glossary: Glossary };

/** A term: pressing it opens (or closes) its meaning right here, in the sentence. No hover, no tooltip. */
function Term({ termId, shown, entry, lng, glossary }: TermProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  // On a prerendered public page (maybe read with JavaScript off) the term is a link to its meaning
  // in the page's "Words used on this page" list; src/public-pages/enhance.ts turns it into this
  // same button, opening the same meaning (drawn below, hidden) in place.
  const isStatic = useContext(StaticPage);
  return (
    <>
      {isStatic ? (
        <a className="app-term" href={`#${termId}`} data-meaning={id}>
          {shown}
        </a>
      ) : (
        <button type="button" className="app-term" aria-expanded={open} aria-controls={id} onClick={() => setOpen((was) => !was)}>
          {shown}
        </button>
      )}
      {/* The meaning is in the glossary's language, which may differ from the text around it (staff's English on a Welsh page). */}
      <span id={id} className="app-term__meaning" hidden={!open} lang={lng}>
        <strong>{entry.term}</strong>
        {entry.expansion ? ` (${entry.expansion})` : null}
        {': '}
        {toPlainText(entry.definition, lng, glossary)}
      </span>
    </>
  );
}
