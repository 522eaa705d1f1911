import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type ApplicationFieldSpec, wholePlan } from '../../../domain/application.ts';
import type { Plan } from '../../../domain/plan.ts';
import { textToParts, partsToText } from '../../ui/date-parts.ts';
import { DateInput } from '../../ui/DateInput.tsx';
import { RadioGroup } from '../../ui/RadioGroup.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

/** The id of a field's first input (an error summary links to it). */
export const fieldId = (key: string): string => `field-${key}`;

/** The question a field asks, as the person reads it (used in error messages too). */
export function fieldQuestion(t: TFunction<'forms'>, key: string, spec: ApplicationFieldSpec): string {
  const question = spec.kind === 'text' ? t(`field.${key}.label` as 'field.course.label') : t(`field.${key}.legend` as 'field.howSoon.legend');
  return spec.required ? question : `${question} ${t('field.optional')}`;
}

/** The goals a person can name: their plan's, most important first, then "the whole plan". */
export function goalChoices(t: TFunction<'forms'>, plan: Plan | null): Array<{ value: string; label: string }> {
  const goals = (plan?.objectives ?? []).filter((objective) => objective.status !== 'removed').sort((a, b) => a.priority - b.priority);
  return [
    ...goals.map((goal, index) => ({ value: goal.id, label: t('field.objective.goal', { number: index + 1, title: goal.title }) })),
    { value: wholePlan, label: t('field.objective.wholePlan') },
  ];
}

/** How a value reads back to the person ("Both", "27 March 2025" is done by the caller for dates). */
export function fieldValueLabel(t: TFunction<'forms'>, key: string, spec: ApplicationFieldSpec, value: string, plan: Plan | null): string | null {
  if (spec.kind === 'choice') return t(`field.${key}.options.${value}` as 'field.howSoon.options.soon');
  if (spec.kind === 'objective') return goalChoices(t, plan).find((choice) => choice.value === value)?.label ?? t('item.goalGone');
  return null;
}

type Props = {
  fieldKey: string;
  spec: ApplicationFieldSpec;
  value: string;
  error: string | undefined;
  plan: Plan | null;
  onChange: (value: string) => void;
};

/** One structured field of an application, drawn for its kind. */
export function FieldInput({ fieldKey, spec, value, error, plan, onChange }: Props) {
  const { t } = useTranslation('forms');
  const id = fieldId(fieldKey);
  const legend = fieldQuestion(t, fieldKey, spec);
  switch (spec.kind) {
    case 'choice':
      return (
        <RadioGroup
          id={id}
          name={fieldKey}
          legend={legend}
          error={error}
          value={value}
          onChange={onChange}
          options={spec.options.map((option) => ({ value: option, label: t(`field.${fieldKey}.options.${option}` as 'field.howSoon.options.soon') }))}
        />
      );
    case 'objective':
      return (
        <RadioGroup
          id={id}
          name={fieldKey}
          legend={legend}
          hint={plan ? undefined : t('field.objective.noPlan')}
          error={error}
          value={value}
          onChange={onChange}
          options={goalChoices(t, plan)}
        />
      );
    case 'date':
      return (
        <DateInput
          id={id}
          legend={legend}
          hint={t(`field.${fieldKey}.hint` as 'field.lastReviewOn.hint')}
          error={error}
          value={textToParts(value)}
          onChange={(parts) => onChange(partsToText(parts))}
        />
      );
    case 'text':
      return (
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor={id}>
            {legend}
          </label>
          <div id={`${id}-hint`} className="govuk-hint">
            {t(`field.${fieldKey}.hint` as 'field.course.hint')}
          </div>
          {error ? <ErrorMessage id={`${id}-error`} text={error} /> : null}
          <input
            className={`govuk-input${error ? ' govuk-input--error' : ''}`}
            id={id}
            name={fieldKey}
            type="text"
            autoComplete="off"
            spellCheck
            value={value}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(event) => onChange(event.target.value)}
          />
        </div>
      );
  }
}
