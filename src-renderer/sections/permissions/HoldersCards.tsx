import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionsView } from '../../../src-shared/permissions/permission-calls';
import { api } from '../../api';
import { useAppStore } from '../../state/app-store';
import { SettingsTable } from '../settings/SettingsTable';
import { AssignRolesDialog, type Assignment } from './AssignRolesDialog';
import { roleNames } from './permission-labels';

type Editing = { kind: 'user'; id: string } | { kind: 'department'; name: string } | { kind: 'newDepartment' };

/** Who holds which roles: each employee (their own roles and department) and each department (roles for all its people). */
export function HoldersCards({ view, onChanged }: { view: PermissionsView; onChanged(next: PermissionsView): Promise<void> }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [editing, setEditing] = useState<Editing | null>(null);
  const usersHeading = useRef<HTMLHeadingElement>(null);
  const close = () => setEditing(null);

  const saveUser = (id: string, name: string) => async (value: Assignment) => {
    const next = await api.call('permissions.assignUser', { userId: id, roleIds: value.roleIds, department: value.department || null });
    close();
    announce(t('permissions.assign.savedUser', { name }));
    await onChanged(next);
  };
  const saveDepartment = async (value: Assignment) => {
    const next = await api.call('permissions.assignDepartment', { department: value.department, roleIds: value.roleIds });
    close();
    announce(t('permissions.assign.savedDepartment', { name: value.department }));
    await onChanged(next);
  };

  const user = editing?.kind === 'user' ? view.users.find((u) => u.id === editing.id) : undefined;
  const department = editing?.kind === 'department' ? view.departments.find((d) => d.name === editing.name) : undefined;

  return (
    <>
      <section className="card" aria-labelledby="permissions-users">
        <h2 id="permissions-users" ref={usersHeading} tabIndex={-1}>
          {t('permissions.assign.usersHeading')}
        </h2>
        <p className="muted">{t('permissions.assign.usersLead')}</p>
        <SettingsTable className="permission-users" caption={t('permissions.assign.usersHeading')} columns={[t('permissions.assign.employee'), t('permissions.assign.department'), t('permissions.assign.roles')]} actionsHeader={t('permissions.assign.actions')}>
          {view.users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{u.department ?? '—'}</td>
              <td>{roleNames(t, view.roles, u.roleIds)}</td>
              <EditCell label={t('permissions.assign.editUser', { name: u.name })} onEdit={() => setEditing({ kind: 'user', id: u.id })} />
            </tr>
          ))}
        </SettingsTable>
      </section>
      <section className="card" aria-labelledby="permissions-departments">
        <h2 id="permissions-departments">{t('permissions.assign.departmentsHeading')}</h2>
        <p className="muted">{t('permissions.assign.departmentsLead')}</p>
        {view.departments.length === 0 ? <p>{t('permissions.assign.noDepartments')}</p> : null}
        {view.departments.length > 0 ? (
          <SettingsTable className="permission-departments" caption={t('permissions.assign.departmentsHeading')} columns={[t('permissions.assign.department'), t('permissions.assign.roles')]} actionsHeader={t('permissions.assign.actions')}>
            {view.departments.map((d) => (
              <tr key={d.name}>
                <th scope="row">{d.name}</th>
                <td>{roleNames(t, view.roles, d.roleIds)}</td>
                <EditCell label={t('permissions.assign.editDepartment', { name: d.name })} onEdit={() => setEditing({ kind: 'department', name: d.name })} />
              </tr>
            ))}
          </SettingsTable>
        ) : null}
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => setEditing({ kind: 'newDepartment' })}>
          {t('permissions.assign.addDepartment')}
        </button>
      </section>
      {user ? (
        <AssignRolesDialog
          title={t('permissions.assign.editUser', { name: user.name })}
          roles={view.roles}
          initial={{ roleIds: user.roleIds, department: user.department ?? '' }}
          departmentField="employee"
          onClose={close}
          onSubmit={saveUser(user.id, user.name)}
        />
      ) : null}
      {department ? (
        <AssignRolesDialog title={t('permissions.assign.editDepartment', { name: department.name })} roles={view.roles} initial={{ roleIds: department.roleIds, department: department.name }} departmentField={null} onClose={close} onSubmit={saveDepartment} />
      ) : null}
      {editing?.kind === 'newDepartment' ? (
        <AssignRolesDialog title={t('permissions.assign.addDepartment')} roles={view.roles} initial={{ roleIds: [], department: '' }} departmentField="newDepartment" onClose={close} onSubmit={saveDepartment} />
      ) : null}
    </>
  );
}

/** The row's Edit button, named for the holder so a screen reader tells the rows apart. */
function EditCell({ label, onEdit }: { label: string; onEdit(): void }) {
  const { t } = useTranslation();
  return (
    <td>
      <button type="button" className="button button-small" aria-haspopup="dialog" aria-label={label} onClick={onEdit}>
        {t('permissions.assign.edit')}
      </button>
    </td>
  );
}
