import { useTranslation } from 'react-i18next';
import type { DateParts } from './date-parts.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

type Props = {
  /** The day box's id (an error summary links to it). */
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
};

const boxes: ReadonlyArray<[keyof DateParts, 2 | 4]> = [
  ['day', 2],
  ['month', 2],
  ['year', 4],
];

/** The GOV.UK date input: day, month and year boxes, numbers only, with one error for the three. */
export function DateInput({ id, legend, hint, error, value, onChange }: Props) {
  const { t } = useTranslation('forms');
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const box = (part: keyof DateParts, width: 2 | 4) => {
    const inputId = part === 'day' ? id : `${id}-${part}`;
    return (
      <div className="govuk-date-input__item" key={part}>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-date-input__label" htmlFor={inputId}>
            {t(`field.date.${part}`)}
          </label>
          <input
            className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
            id={inputId}
            name={inputId}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={value[part]}
            onChange={(event) => onChange({ ...value, [part]: event.target.value })}
          />
        </div>
      </div>
    );
  };
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          <span className="govuk-fieldset__heading">{legend}</span>
        </legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={`${id}-error`} text={error} /> : null}
        <div className="govuk-date-input">
          {boxes.map(([part, width]) => box(part, width))}
        </div>
      </fieldset>
    </div>
  );
}
