import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User, UserFields } from '../../../src-shared/company/schema';
import { api } from '../../api';
import { useCan } from '../../state/grants';
import { useAppStore } from '../../state/app-store';
import { useUsers } from '../../state/use-users';
import { EmployeeFormDialog } from './EmployeeFormDialog';
import { EmployeesTable } from './EmployeesTable';
import { ListCard } from './ListCard';

/** The people who use this install and their rights; an administrator adds and edits them, everyone else reads. */
export function EmployeesCard({ current }: { current: User }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const refreshInfo = useAppStore((s) => s.refreshInfo);
  const { users, loadError, reload } = useUsers();
  const [open, setOpen] = useState<{ editing: User | null } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canManage = useCan('permissions.manage');
  const wasManaging = useRef(canManage);

  // An administrator who gave up the right loses the Edit buttons, the one that opened the dialog too: focus goes to
  // the card's heading rather than the page body.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (wasManaging.current && !canManage && lost) headingRef.current?.focus();
    wasManaging.current = canManage;
  }, [canManage]);

  const save = async (editing: User | null, fields: UserFields) => {
    const saved = editing ? await api.call('users.update', { id: editing.id, ...fields }) : await api.call('users.add', fields);
    setOpen(null);
    announce(t(editing ? 'employeesUi.saved' : 'employeesUi.added', { name: saved.name }));
    await reload();
    // The sidebar and every admin-only control follow the employee working now.
    if (saved.id === current.id) await refreshInfo();
  };

  return (
    <ListCard
      id="settings-employees"
      className="employees-card"
      heading={t('employeesUi.heading')}
      lead={t(canManage ? 'employeesUi.lead' : 'employeesUi.readOnly')}
      headingRef={headingRef}
      items={users}
      loadError={loadError}
      onRetry={() => void reload()}
    >
      {(users) => (
        <>
          <EmployeesTable users={users} currentId={current.id} canManage={canManage} onEdit={(user) => setOpen({ editing: user })} />
          {canManage ? (
            <div className="form-actions">
              <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen({ editing: null })}>
                {t('employeesUi.add')}
              </button>
            </div>
          ) : null}
          {open ? (
            <EmployeeFormDialog
              title={open.editing ? t('employeesUi.editTitle', { name: open.editing.name }) : t('employeesUi.addTitle')}
              submitLabel={open.editing ? t('common.save') : t('employeesUi.addSubmit')}
              initial={open.editing ? { name: open.editing.name, email: open.editing.email ?? '', isAdmin: open.editing.isAdmin, isSigner: open.editing.isSigner } : { name: '', email: '', isAdmin: false, isSigner: false }}
              onlyAdmin={open.editing ? onlyAdmin(users, open.editing) : false}
              onClose={() => setOpen(null)}
              onSubmit={(fields) => save(open.editing, fields)}
            />
          ) : null}
        </>
      )}
    </ListCard>
  );
}

const onlyAdmin = (users: readonly User[], user: User) => user.isAdmin && users.filter((u) => u.isAdmin).length === 1;
