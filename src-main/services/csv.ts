import Papa from 'papaparse';

/**
 * CSV the way Excel users open it: a BOM so Polish letters survive, CRLF lines, and every cell that starts with
 * = + - @ (or a tab or CR) prefixed with ' so a spreadsheet never runs it as a formula. The pattern is ours because
 * papaparse's default one does not match cells that contain a line break.
 */
export function toCsv(fields: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const csv = Papa.unparse({ fields: [...fields], data: rows.map((r) => [...r]) }, { escapeFormulae: /^[=+\-@\t\r]/, newline: '\r\n' });
  return `\uFEFF${csv}`;
}
