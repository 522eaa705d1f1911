/** Says plainly when words are shown in English because the translation is not ready. */
export function FallbackNotice({ text }: { text: string }) {
  return <div className="govuk-inset-text app-fallback-notice">{text}</div>;
}
