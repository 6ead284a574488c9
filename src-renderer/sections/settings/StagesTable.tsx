import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { stageName } from '../board/format';
import { SettingsTable } from './SettingsTable';
import { canAddAfter } from './stage-order';

export type StageAction = 'rename' | 'color' | 'up' | 'down' | 'add' | 'delete';

interface StagesTableProps {
  stages: readonly Stage[];
  canManage: boolean;
  onAction(action: StageAction, stage: Stage): void;
}

/**
 * One row per stage in board order. A move into another step of signing is not disabled but aria-disabled: the press
 * explains why (a disabled button would say nothing and drop the keyboard focus).
 */
export function StagesTable({ stages, canManage, onAction }: StagesTableProps) {
  const { t } = useTranslation();
  return (
    <SettingsTable
      className="stages-table"
      caption={t('stagesUi.heading')}
      columns={[t('stagesUi.column.position'), t('stagesUi.column.stage'), t('stagesUi.column.phase'), t('stagesUi.column.color')]}
      actionsHeader={canManage ? t('stagesUi.column.actions') : undefined}
    >
      {stages.map((stage, i) => {
        const name = stageName(t, stage);
        const samePhase = (other: Stage | undefined) => other?.phase === stage.phase;
        return (
          <tr key={stage.id} data-stage-id={stage.id}>
            <td className="stages-position">{i + 1}</td>
            <th scope="row">
              <span className="stages-stage">
                <span className="stage-swatch" style={{ background: stage.color }} aria-hidden="true" />
                <span className="stages-name">{name}</span>
              </span>
            </th>
            <td>{t(`stagesUi.phase.${stage.phase}`)}</td>
            <td>
              <code>{stage.color}</code>
            </td>
            {canManage ? (
              <td>
                <div className="stages-actions" role="group" aria-label={t('stagesUi.actions.groupFor', { name })}>
                  <ActionButton kind="rename" name={name} onClick={() => onAction('rename', stage)} />
                  <ActionButton kind="color" name={name} onClick={() => onAction('color', stage)} />
                  <ActionButton kind="up" name={name} blocked={!samePhase(stages[i - 1])} onClick={() => onAction('up', stage)} />
                  <ActionButton kind="down" name={name} blocked={!samePhase(stages[i + 1])} onClick={() => onAction('down', stage)} />
                  {canAddAfter(stage) ? <ActionButton kind="add" name={name} onClick={() => onAction('add', stage)} /> : null}
                  <ActionButton kind="delete" name={name} onClick={() => onAction('delete', stage)} />
                </div>
              </td>
            ) : null}
          </tr>
        );
      })}
    </SettingsTable>
  );
}

interface ActionButtonProps {
  kind: StageAction;
  /** The stage's name, in the accessible label ("Move Draft up"): every button says which row it acts on. */
  name: string;
  blocked?: boolean;
  onClick(): void;
}

function ActionButton({ kind, name, blocked, onClick }: ActionButtonProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`button button-small${kind === 'delete' ? ' button-danger-outline' : ''}`}
      aria-label={t(`stagesUi.actions.${kind}For`, { name })}
      aria-disabled={blocked || undefined}
      onClick={onClick}
    >
      {t(`stagesUi.actions.${kind}`)}
    </button>
  );
}
