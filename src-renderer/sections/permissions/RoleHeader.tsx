import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/permissions/roles';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStore } from '../../state/app-store';
import { roleName } from './permission-labels';
import { RoleNameDialog } from './RoleNameDialog';

/** A role's column heading: its name, renaming it, and deleting it when it is not one of the five built-in roles. */
export function RoleHeader({ role, roles, onChanged }: { role: Role; roles: readonly Role[]; onChanged(): Promise<void> }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  const name = roleName(t, role);
  const saved = roles.find((r) => r.id === role.id) ?? role;

  const rename = async ({ name: next }: { name: string | null }) => {
    // The saved matrix, not the column's unsaved edits: a rename must not save those on the side.
    await api.call('permissions.saveRole', { id: saved.id, name: next, levels: saved.levels, stageMoves: saved.stageMoves });
    setOpen(null);
    await onChanged();
  };
  const remove = async () => {
    await api.call('permissions.deleteRole', { id: role.id });
    setOpen(null);
    announce(t('permissions.roleDialog.deleted', { name }));
    await onChanged();
  };

  return (
    <div className="permission-role-header">
      <span>{name}</span>
      {role.builtin ? <span className="permission-builtin">{t('permissions.roleDialog.builtin')}</span> : null}
      <span className="permission-role-actions">
        <button type="button" className="link-button" aria-haspopup="dialog" aria-label={t('permissions.roleDialog.renameLabel', { name })} onClick={() => setOpen('rename')}>
          {t('permissions.roleDialog.rename')}
        </button>
        {role.builtin ? null : (
          <button type="button" className="link-button" aria-haspopup="dialog" aria-label={t('permissions.roleDialog.deleteLabel', { name })} onClick={() => setOpen('delete')}>
            {t('permissions.roleDialog.delete')}
          </button>
        )}
      </span>
      {open === 'rename' ? <RoleNameDialog role={saved} roles={roles} onClose={() => setOpen(null)} onSubmit={rename} /> : null}
      {open === 'delete' ? (
        <ConfirmDialog
          title={t('permissions.roleDialog.deleteTitle', { name })}
          question={t('permissions.roleDialog.deleteQuestion')}
          confirmLabel={t('permissions.roleDialog.delete')}
          onCancel={() => setOpen(null)}
          onConfirm={remove}
        />
      ) : null}
    </div>
  );
}
