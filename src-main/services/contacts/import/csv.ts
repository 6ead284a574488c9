import Papa from 'papaparse';
import { AppError } from '../../../../src-shared/contract/errors';

export interface ParsedCsv {
  headers: string[];
  rows: string[][];
  delimiter: string;
}

/** Parses CSV with the delimiter detected (`,` `;` tab), quoted fields and embedded newlines; blank lines are ignored. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new AppError('IMPORT_FAILED', 'import.unreadable', { row: (fatal.row ?? 0) + 1, reason: fatal.message });
  const [headerRow, ...rows] = result.data;
  if (!headerRow || headerRow.every((h) => h.trim() === '')) throw new AppError('IMPORT_FAILED', 'import.emptyFile');
  return { headers: headerRow.map((h) => h.trim()), rows, delimiter: result.meta.delimiter };
}
