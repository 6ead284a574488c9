import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/permissions/roles';
import { CheckboxField, TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { roleName } from './permission-labels';

export interface Assignment {
  roleIds: string[];
  /** An employee's department, or the department's own name when adding one. */
  department: string;
}

interface AssignRolesDialogProps {
  title: string;
  roles: readonly Role[];
  initial: Assignment;
  /** What the text field is: the employee's department (may be empty), or a new department's name. */
  departmentField: 'employee' | 'newDepartment' | null;
  onClose(): void;
  /** Throws the service's refusal (the last permission manager, a role gone), which the dialog shows. */
  onSubmit(value: Assignment): Promise<void>;
}

const fields = ['department', 'roleIds'] as const;

/** The roles an employee or a department holds, ticked; an employee's department beside them (its roles are theirs too). */
export function AssignRolesDialog({ title, roles, initial, departmentField, onClose, onSubmit }: AssignRolesDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const toggle = (id: string, on: boolean) => setValue((v) => ({ ...v, roleIds: on ? [...v.roleIds, id] : v.roleIds.filter((r) => r !== id) }));

  return (
    <FormDialog title={title} submitLabel={t('common.save')} fields={fields} onClose={onClose} onSubmit={() => onSubmit({ ...value, department: value.department.trim() })}>
      {(errors) => (
        <>
          {departmentField ? (
            <TextField
              label={t(departmentField === 'employee' ? 'permissions.assign.department' : 'permissions.assign.departmentName')}
              hint={departmentField === 'employee' ? t('permissions.assign.departmentHint') : undefined}
              value={value.department}
              onChange={(department) => setValue((v) => ({ ...v, department }))}
              maxLength={200}
              required={departmentField === 'newDepartment'}
              autoFocus
              error={errors.department}
            />
          ) : null}
          <fieldset className="permission-role-choice">
            <legend>{t('permissions.assign.roles')}</legend>
            {roles.map((role) => (
              <CheckboxField key={role.id} label={roleName(t, role)} checked={value.roleIds.includes(role.id)} onChange={(on) => toggle(role.id, on)} />
            ))}
            {errors.roleIds ? <p className="field-error">{errors.roleIds}</p> : null}
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}
