import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage.tsx';

export type RadioChoice<V extends string> = { value: V; label: ReactNode; hint?: ReactNode };

type Props<V extends string> = {
  /** The first radio's id (an error summary links to it); the others follow it. */
  id: string;
  name: string;
  legend: ReactNode;
  /** `l` when the question is what the page is for, `m` for one question on a longer page. */
  legendSize?: 'l' | 'm' | 's';
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly RadioChoice<V>[];
  value: V | '' | undefined;
  onChange: (value: V) => void;
  small?: boolean;
};

/** A GOV.UK radios question with its own error message and a hint under any answer. */
export function RadioGroup<V extends string>({ id, name, legend, legendSize = 'm', hint, error, options, value, onChange, small }: Props<V>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>
          <span className="govuk-fieldset__heading">{legend}</span>
        </legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={`${id}-error`} text={error} /> : null}
        <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}`} data-module="govuk-radios">
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={inputId}
                  name={name}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  aria-describedby={option.hint ? `${inputId}-hint` : undefined}
                  onChange={() => onChange(option.value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${inputId}-hint`} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
