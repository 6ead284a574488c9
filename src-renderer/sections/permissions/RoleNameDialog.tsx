import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/permissions/roles';
import { SelectField, TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { roleName } from './permission-labels';

interface RoleNameDialogProps {
  /** The role being renamed; none: a new role, whose matrix starts as a copy of one chosen here. */
  role?: Role | undefined;
  roles: readonly Role[];
  onClose(): void;
  /** Throws the service's refusal, which the dialog shows. */
  onSubmit(values: { name: string | null; copyOf: Role | undefined }): Promise<void>;
}

const fields = ['name'] as const;

export function RoleNameDialog({ role, roles, onClose, onSubmit }: RoleNameDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(role?.name ?? '');
  const [copyFrom, setCopyFrom] = useState(roles.find((r) => r.builtin === 'employee')?.id ?? roles[0]?.id ?? '');
  // A built-in role's empty name goes back to its translated one; a custom role must have a name (the service says so).
  const hint = role?.builtin ? t('permissions.roleDialog.builtinNameHint', { name: t(`permissions.roles.${role.builtin}`) }) : undefined;

  return (
    <FormDialog
      title={role ? t('permissions.roleDialog.renameTitle', { name: roleName(t, role) }) : t('permissions.roleDialog.addTitle')}
      submitLabel={role ? t('common.save') : t('permissions.roleDialog.add')}
      fields={fields}
      onClose={onClose}
      onSubmit={() => onSubmit({ name: name.trim() || null, copyOf: role ? undefined : roles.find((r) => r.id === copyFrom) })}
    >
      {(errors) => (
        <>
          <TextField label={t('permissions.roleDialog.name')} value={name} onChange={setName} maxLength={100} required={!role?.builtin} autoFocus error={errors.name} hint={hint} />
          {role ? null : (
            <SelectField
              label={t('permissions.roleDialog.copyFrom')}
              hint={t('permissions.roleDialog.copyFromHint')}
              value={copyFrom}
              onChange={setCopyFrom}
              options={roles.map((r) => ({ value: r.id, label: roleName(t, r) }))}
            />
          )}
        </>
      )}
    </FormDialog>
  );
}
