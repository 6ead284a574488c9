import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/company/schema';
import { SettingsTable } from './SettingsTable';

interface EmployeesTableProps {
  users: readonly User[];
  currentId: string;
  canManage: boolean;
  onEdit(user: User): void;
}

/** One row per employee; the rights read as words to a screen reader, as a tick or a dash to the eye. */
export function EmployeesTable({ users, currentId, canManage, onEdit }: EmployeesTableProps) {
  const { t } = useTranslation();
  return (
    <SettingsTable
      className="employees-table"
      caption={t('employeesUi.heading')}
      columns={[t('employeesUi.column.name'), t('employeesUi.column.email'), t('employeesUi.column.admin'), t('employeesUi.column.signer')]}
      actionsHeader={canManage ? t('employeesUi.column.actions') : undefined}
    >
      {users.map((user) => (
        <tr key={user.id} data-user-id={user.id}>
          <th scope="row">
            {user.name}
            {user.id === currentId ? <span className="badge badge-muted">{t('employeesUi.you')}</span> : null}
          </th>
          <td className="cell-email">{user.email ?? '—'}</td>
          <td>
            <Mark on={user.isAdmin} />
          </td>
          <td>
            <Mark on={user.isSigner} />
          </td>
          {canManage ? (
            <td>
              <button type="button" className="button button-small" aria-haspopup="dialog" aria-label={t('employeesUi.editFor', { name: user.name })} onClick={() => onEdit(user)}>
                {t('employeesUi.edit')}
              </button>
            </td>
          ) : null}
        </tr>
      ))}
    </SettingsTable>
  );
}

function Mark({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={on ? 'employees-mark employees-mark-on' : 'employees-mark'}>
      <span aria-hidden="true">{on ? '✓' : '—'}</span>
      <span className="visually-hidden">{t(on ? 'employeesUi.yes' : 'employeesUi.no')}</span>
    </span>
  );
}
