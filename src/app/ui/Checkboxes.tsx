import { useId } from 'react';
import { Fieldset } from './Fieldset.tsx';

export type CheckboxOption<K extends string> = { name: K; label: string; checked: boolean };

type Props<K extends string> = {
  legend: string;
  hint?: string;
  options: readonly CheckboxOption<K>[];
  onChange: (name: K, checked: boolean) => void;
};

/** A GOV.UK checkboxes group: pick any number. */
export function Checkboxes<K extends string>({ legend, hint, options, onChange }: Props<K>) {
  const id = useId();
  return (
    <Fieldset legend={legend} hint={hint} hintId={`${id}-hint`}>
      <div className="govuk-checkboxes" data-module="govuk-checkboxes">
        {options.map((option) => {
          const inputId = `${id}-${option.name}`;
          return (
            <div className="govuk-checkboxes__item" key={option.name}>
              <input
                className="govuk-checkboxes__input"
                id={inputId}
                name={option.name}
                type="checkbox"
                checked={option.checked}
                onChange={(event) => onChange(option.name, event.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
