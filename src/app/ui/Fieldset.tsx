import type { ReactNode } from 'react';

type Props = { legend: string; hint?: string; hintId?: string; children: ReactNode };

/** A GOV.UK fieldset with its legend as a medium heading, and an optional hint. */
export function Fieldset({ legend, hint, hintId, children }: Props) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" aria-describedby={hint ? hintId : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 className="govuk-fieldset__heading">{legend}</h2>
        </legend>
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {children}
      </fieldset>
    </div>
  );
}
