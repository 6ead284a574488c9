import type { ImportTarget } from '../../../../src-shared/contacts/import-types';
import type { ContactKind } from '../../../../src-shared/contacts/schema';
import { AppError } from '../../../../src-shared/contract/errors';
import { countryCode } from './countries';
import { parseKind, splitFullName, unguardCell } from './mapping';
import type { RawRow } from './raw-row';

/** Applies the column mapping chosen by the user to each data row. */
export function rowsFromCsv(rows: readonly string[][], mapping: readonly ImportTarget[], defaultKind: ContactKind): RawRow[] {
  const hasName = mapping.includes('fullName') || mapping.includes('lastName');
  if (!hasName) throw new AppError('IMPORT_FAILED', 'import.mappingRequired', { missing: 'lastName' });
  return rows.map((cells) => {
    const raw: RawRow = { kind: defaultKind };
    mapping.forEach((target, i) => {
      const cell = unguardCell((cells[i] ?? '').trim());
      if (target === 'ignore' || cell === '') return;
      if (target === 'fullName') Object.assign(raw, splitFullName(cell));
      else if (target === 'kind') raw.kind = parseKind(cell, defaultKind);
      else if (target === 'country') raw.country = countryCode(cell);
      else raw[target] = cell;
    });
    return raw;
  });
}
