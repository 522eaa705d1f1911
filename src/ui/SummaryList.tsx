import type { ReactNode } from 'react';

export type SummaryRow = { key: string; value: ReactNode; action?: ReactNode };

/** A GOV.UK summary list: facts as key and value, with an optional action per row. */
export function SummaryList({ rows }: { rows: readonly SummaryRow[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? <dd className="govuk-summary-list__actions">{row.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
