import { useId } from 'react';
import { Fieldset } from './Fieldset.tsx';

export type RadioOption<V extends string | number> = { value: V; label: string };

type Props<V extends string | number> = {
  legend: string;
  hint?: string;
  name: string;
  options: readonly RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
};

/** A GOV.UK radios group: pick exactly one. */
export function Radios<V extends string | number>({ legend, hint, name, options, value, onChange }: Props<V>) {
  const id = useId();
  return (
    <Fieldset legend={legend} hint={hint} hintId={`${id}-hint`}>
      <div className="govuk-radios" data-module="govuk-radios">
        {options.map((option, index) => {
          const inputId = `${id}-${index}`;
          return (
            <div className="govuk-radios__item" key={String(option.value)}>
              <input
                className="govuk-radios__input"
                id={inputId}
                name={name}
                type="radio"
                value={String(option.value)}
                checked={option.value === value}
                onChange={() => onChange(option.value)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
