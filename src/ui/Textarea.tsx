import type { ReactNode } from 'react';
import { describedBy, ErrorMessage, type FieldText, FormGroup, Hint } from './FormGroup.tsx';

type Props = FieldText & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  /** The most characters the field takes; with `counter`, a count of what is left is shown. */
  maxLength?: number;
  /** The words of the count, given what is left (negative: too many). */
  counter?: (remaining: number) => string;
  /** Shown under the field (for example plain-words advice). */
  after?: ReactNode;
};

/**
 * A GOV.UK textarea with an optional character count. Typing past the limit is allowed (so a
 * pasted text is never cut): the count turns red and the form refuses to send, saying why.
 */
export function Textarea({ id, label, hint, error, errorPrefix, value, onChange, rows = 5, maxLength, counter, after }: Props) {
  const remaining = maxLength === undefined ? 0 : maxLength - value.length;
  const countId = `${id}-count`;
  return (
    <FormGroup error={error} className={counter ? 'govuk-character-count' : undefined}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} text={error} prefix={errorPrefix} />
      <textarea
        id={id}
        className={['govuk-textarea', error || remaining < 0 ? 'govuk-textarea--error' : null].filter(Boolean).join(' ')}
        rows={rows}
        value={value}
        aria-describedby={describedBy({ id, hint, error }, counter ? countId : undefined)}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {counter && maxLength !== undefined ? (
        <div id={countId} className={`govuk-character-count__message ${remaining < 0 ? 'govuk-error-message' : 'govuk-hint'}`} aria-live="polite">
          {counter(remaining)}
        </div>
      ) : null}
      {after}
    </FormGroup>
  );
}
