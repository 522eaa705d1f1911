import type { ReactNode } from 'react';

export type FieldText = {
  /** The field's id: the error summary's links point here. */
  id: string;
  label: string;
  hint?: string | undefined;
  /** The problem with what was typed, in plain words; the field keeps its value. */
  error?: string | undefined;
  /** The prefix read before the error ("Error:"), from the caller's words. */
  errorPrefix?: string | undefined;
};

/** The ids a field's aria-describedby lists: its hint and its error, when shown. */
export function describedBy(field: Pick<FieldText, 'id' | 'hint' | 'error'>, extra?: string): string | undefined {
  const ids = [field.hint ? `${field.id}-hint` : null, field.error ? `${field.id}-error` : null, extra ?? null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Hint({ id, text }: { id: string; text?: string | undefined }) {
  return text ? (
    <div id={`${id}-hint`} className="govuk-hint">
      {text}
    </div>
  ) : null;
}

export function ErrorMessage({ id, text, prefix }: { id: string; text?: string | undefined; prefix?: string | undefined }) {
  return text ? (
    <p id={`${id}-error`} className="govuk-error-message">
      {prefix ? (
        <>
          <span className="govuk-visually-hidden">{prefix}</span>{' '}
        </>
      ) : null}
      {text}
    </p>
  ) : null;
}

/** A GOV.UK form group, red-edged while its field has an error. */
export function FormGroup({ error, children, className }: { error?: string | undefined; children: ReactNode; className?: string }) {
  return <div className={['govuk-form-group', error ? 'govuk-form-group--error' : null, className].filter(Boolean).join(' ')}>{children}</div>;
}
