import type { ReactNode } from 'react';

export type Column<Row> = { key: string; header: string; cell: (row: Row) => ReactNode; numeric?: boolean };

type Props<Row> = { caption: string; columns: readonly Column<Row>[]; rows: readonly Row[]; rowKey: (row: Row) => string };

/**
 * A GOV.UK table with a caption. On a narrow screen (320 px, 200% text) the table scrolls
 * sideways inside its own focusable region rather than pushing the page wider.
 */
export function Table<Row>({ caption, columns, rows, rowKey }: Props<Row>) {
  return (
    // A keyboard user can reach and scroll the region; it is named by the table's caption.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="ui-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" className="govuk-table__header">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
