import type { InputHTMLAttributes } from 'react';
import { describedBy, ErrorMessage, type FieldText, FormGroup, Hint } from './FormGroup.tsx';

type Props = FieldText &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'> & {
    value: string;
    onChange: (value: string) => void;
    /** GOV.UK width class, e.g. "govuk-input--width-10". */
    width?: string;
  };

/** A GOV.UK text input with its label, hint and error message. */
export function TextInput({ id, label, hint, error, errorPrefix, value, onChange, width, ...rest }: Props) {
  return (
    <FormGroup error={error}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} text={error} prefix={errorPrefix} />
      <input
        {...rest}
        id={id}
        className={['govuk-input', width, error ? 'govuk-input--error' : null].filter(Boolean).join(' ')}
        value={value}
        aria-describedby={describedBy({ id, hint, error })}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormGroup>
  );
}
