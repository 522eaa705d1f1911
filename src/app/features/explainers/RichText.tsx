import { Fragment, useId, useState } from 'react';
import { parseMarkup, toPlainText } from '../../../content/markup.ts';
import type { Glossary, GlossaryEntry } from '../../../content/schema.ts';

type Props = { text: string; lng: string; glossary: Glossary };

/** Explainer text with its time limits filled in and each glossary term as a button. */
export function RichText({ text, lng, glossary }: Props) {
  const { parts } = parseMarkup(text, lng, glossary);
  return (
    <>
      {parts.map((part, index) => {
        const entry = part.kind === 'term' ? glossary[part.termId] : undefined;
        if (part.kind === 'text' || !entry) return <Fragment key={index}>{part.kind === 'text' ? part.text : part.shown}</Fragment>;
        return <Term key={index} shown={part.shown} entry={entry} lng={lng} glossary={glossary} />;
      })}
    </>
  );
}

type TermProps = { shown: string; entry: GlossaryEntry; lng: string; glossary: Glossary };

/** A term: pressing it opens (or closes) its meaning right here, in the sentence. No hover, no tooltip. */
function Term({ shown, entry, lng, glossary }: TermProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button type="button" className="app-term" aria-expanded={open} aria-controls={id} onClick={() => setOpen((was) => !was)}>
        {shown}
      </button>
      <span id={id} className="app-term__meaning" hidden={!open}>
        <strong>{entry.term}</strong>
        {entry.expansion ? ` (${entry.expansion})` : null}
        {': '}
        {toPlainText(entry.definition, lng, glossary)}
      </span>
    </>
  );
}
