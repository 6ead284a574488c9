import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { levelsOf, permissionActionNames, type AccessLevel, type PermissionAction } from '../../../src-shared/permissions/actions';
import type { Role } from '../../../src-shared/permissions/roles';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Options } from '../../components/Field';
import { useAppStore } from '../../state/app-store';
import { useAction } from '../../state/use-action';
import { stageName } from '../board/format';
import { actionHint, actionLabel, levelLabel, roleName } from './permission-labels';
import { RoleHeader } from './RoleHeader';
import { useRoleDrafts } from './role-drafts';

const groups: { key: 'documents' | 'contacts' | 'company'; actions: PermissionAction[] }[] = [
  { key: 'documents', actions: permissionActionNames.filter((a) => a.startsWith('documents.')) },
  { key: 'contacts', actions: permissionActionNames.filter((a) => a.startsWith('contacts.')) },
  { key: 'company', actions: permissionActionNames.filter((a) => !a.startsWith('documents.') && !a.startsWith('contacts.')) },
];

/** The stage rows' choice for "as the role's Move documents level": not a level, so not a value a role stores. */
const asMove = '';

interface RolesMatrixProps {
  roles: readonly Role[];
  stages: readonly Stage[];
  onChanged(): Promise<void>;
}

/**
 * Bitrix24's matrix: roles as columns, actions as rows, a level picker in each cell, and under "Move documents" one
 * row per stage for moving documents into it. Edits are drafts until saved, so a half-made change never applies.
 */
export function RolesMatrix({ roles, stages, onChanged }: RolesMatrixProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const announce = useAppStore((s) => s.announce);
  const drafts = useRoleDrafts(roles);
  const { busy, error, run } = useAction();
  const [saveError, setSaveError] = useState<unknown>(null);

  const save = () =>
    run(async () => {
      setSaveError(null);
      const saved: string[] = [];
      try {
        // One role at a time: each is its own audited change, and a refusal stops before the rest.
        for (const role of drafts.changed) {
          await api.call('permissions.saveRole', { id: role.id, name: role.name, levels: role.levels, stageMoves: role.stageMoves });
          saved.push(role.id);
        }
        announce(t('permissions.matrix.saved', { count: saved.length }));
      } catch (e) {
        setSaveError(e);
      } finally {
        drafts.forget(saved);
        if (saved.length > 0) await onChanged();
      }
    });

  const levelOptions = (action: PermissionAction) => levelsOf(action).map((level) => ({ value: level, label: levelLabel(t, level) }));

  return (
    <section className="card permission-matrix-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('permissions.matrix.heading')}</h2>
      <p className="muted">{t('permissions.matrix.lead')}</p>
      <ul className="muted permission-levels-legend">
        {(['none', 'own', 'department', 'all'] as const).map((level) => (
          <li key={level}>
            <strong>{levelLabel(t, level)}</strong>: {t(`permissions.levelHints.${level}`)}
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="data-table permission-matrix">
          <caption className="visually-hidden">{t('permissions.matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('permissions.matrix.action')}</th>
              {drafts.current.map((role) => (
                <th key={role.id} scope="col">
                  <RoleHeader role={role} roles={roles} onChanged={onChanged} />
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.key}>
              <tr className="permission-group">
                <th scope="colgroup" colSpan={roles.length + 1}>
                  {t(`permissions.matrix.groups.${group.key}`)}
                </th>
              </tr>
              {group.actions.map((action) => (
                <ActionRows key={action} action={action} roles={drafts.current} saved={roles} stages={stages} options={levelOptions(action)} drafts={drafts} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy || drafts.changed.length === 0}>
          {busy ? t('common.saving') : t('permissions.matrix.save', { count: drafts.changed.length })}
        </button>
        <button type="button" className="button" onClick={drafts.discard} disabled={busy || drafts.changed.length === 0}>
          {t('permissions.matrix.discard')}
        </button>
      </div>
      <ErrorNotice error={saveError ?? error} />
    </section>
  );
}

interface ActionRowsProps {
  action: PermissionAction;
  roles: readonly Role[];
  saved: readonly Role[];
  stages: readonly Stage[];
  options: { value: AccessLevel; label: string }[];
  drafts: ReturnType<typeof useRoleDrafts>;
}

/** One action's row and, for moving documents, a row per stage. */
function ActionRows({ action, roles, saved, stages, options, drafts }: ActionRowsProps) {
  const { t } = useTranslation();
  const label = actionLabel(t, action);
  const savedOf = (id: string) => saved.find((r) => r.id === id);
  return (
    <>
      <tr>
        <th scope="row">
          {label}
          <span className="permission-hint">{actionHint(t, action)}</span>
        </th>
        {roles.map((role) => (
          <td key={role.id} className={savedOf(role.id)?.levels[action] !== role.levels[action] ? 'permission-cell-changed' : undefined}>
            <select aria-label={t('permissions.matrix.cell', { action: label, role: roleName(t, role) })} value={role.levels[action]} onChange={(e) => drafts.setLevel(role.id, action, e.target.value as AccessLevel)}>
              <Options options={options} />
            </select>
          </td>
        ))}
      </tr>
      {action === 'documents.move'
        ? stages.map((stage) => {
            const stageLabel = t('permissions.matrix.moveInto', { stage: stageName(t, stage) });
            return (
              <tr key={stage.id} className="permission-stage-row">
                <th scope="row">{stageLabel}</th>
                {roles.map((role) => (
                  <td key={role.id} className={savedOf(role.id)?.stageMoves[stage.id] !== role.stageMoves[stage.id] ? 'permission-cell-changed' : undefined}>
                    <select
                      aria-label={t('permissions.matrix.cell', { action: stageLabel, role: roleName(t, role) })}
                      value={role.stageMoves[stage.id] ?? asMove}
                      onChange={(e) => drafts.setStageMove(role.id, stage.id, e.target.value === asMove ? null : (e.target.value as AccessLevel))}
                    >
                      <option value={asMove}>{t('permissions.matrix.asMove')}</option>
                      <Options options={options} />
                    </select>
                  </td>
                ))}
              </tr>
            );
          })
        : null}
    </>
  );
}
