import type { Selectable } from 'kysely';
import type { User } from '../../../src-shared/company/schema';
import type { UserTable } from '../../store/schema';

export function userFromRow(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    name: row.name,
    ...(row.email ? { email: row.email } : {}),
    isAdmin: row.is_admin === 1,
    isSigner: row.is_signer === 1,
    ...(row.department ? { department: row.department } : {}),
  };
}
