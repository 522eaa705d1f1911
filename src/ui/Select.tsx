import { describedBy, ErrorMessage, type FieldText, FormGroup, Hint } from './FormGroup.tsx';
import type { Option } from './Radios.tsx';

type Props<V extends string> = FieldText & {
  options: readonly Option<V>[];
  value: V | '';
  onChange: (value: V) => void;
  /** Words for the empty first choice; without it, one of the options is always chosen. */
  placeholder?: string;
};

/** A GOV.UK select. */
export function Select<V extends string>({ id, label, hint, error, errorPrefix, options, value, onChange, placeholder }: Props<V>) {
  return (
    <FormGroup error={error}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} text={error} prefix={errorPrefix} />
      <select
        id={id}
        className={['govuk-select', error ? 'govuk-select--error' : null].filter(Boolean).join(' ')}
        value={value}
        aria-describedby={describedBy({ id, hint, error })}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
