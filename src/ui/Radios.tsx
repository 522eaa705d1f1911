import { describedBy, ErrorMessage, type FieldText, FormGroup } from './FormGroup.tsx';

export type Option<V extends string> = { value: V; label: string; hint?: string };

type Props<V extends string> = Omit<FieldText, 'label'> & {
  legend: string;
  options: readonly Option<V>[];
  value: V | '';
  onChange: (value: V) => void;
  inline?: boolean;
  /** The legend's size: "m" for a question on its own page section, "s" inside a longer form. */
  size?: 's' | 'm';
};

/** A GOV.UK radios group: pick exactly one. The first radio carries the group's id (for the error summary's link). */
export function Radios<V extends string>({ id, legend, hint, error, errorPrefix, options, value, onChange, inline, size = 's' }: Props<V>) {
  return (
    <FormGroup error={error}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy({ id, hint, error })}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={id} text={error} prefix={errorPrefix} />
        <div className={`govuk-radios govuk-radios--small${inline ? ' govuk-radios--inline' : ''}`}>
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={inputId}
                  name={id}
                  type="radio"
                  value={option.value}
                  checked={option.value === value}
                  onChange={() => onChange(option.value)}
                  aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${inputId}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
