export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A GOV.UK tag: a short status word. */
export function Tag({ text, colour }: { text: string; colour?: TagColour | undefined }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{text}</strong>;
}
