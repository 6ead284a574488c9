import type { ReactNode } from 'react';

interface SettingsTableProps {
  className: string;
  /** Read by screen readers only: the card's heading says it to the eye. */
  caption: string;
  columns: readonly string[];
  /** The header of a last column of row buttons (an administrator's view); named for screen readers only. */
  actionsHeader?: string | undefined;
  /** The body's rows. */
  children: ReactNode;
}

/** A Settings card's table: one row per item, column headers, and an actions column when the rows can be changed. */
export function SettingsTable({ className, caption, columns, actionsHeader, children }: SettingsTableProps) {
  return (
    <div className="table-wrap">
      <table className={`data-table ${className}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
            {actionsHeader ? (
              <th scope="col">
                <span className="visually-hidden">{actionsHeader}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
