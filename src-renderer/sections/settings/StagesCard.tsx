import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../src-shared/contract/errors';
import type { Stage } from '../../../src-shared/documents/stages';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { stageName } from '../board/format';
import { DeleteStageDialog } from './DeleteStageDialog';
import { ListCard } from './ListCard';
import { moveStage } from './stage-order';
import { StageFormDialog, type StageValues } from './StageFormDialog';
import { StagesTable, type StageAction } from './StagesTable';
import { useStages } from './use-stages';

/** A new stage starts in a colour no default stage uses, so it stands out until the administrator picks its own. */
const newStageColor = '#0f766e';

/** The board's columns as the company defines them: renamed, recoloured, reordered, added and deleted by an administrator. */
export function StagesCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const { stages, loadError, reload, apply } = useStages();
  const [open, setOpen] = useState<{ action: Exclude<StageAction, 'up' | 'down'>; stage: Stage } | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);
  const [refocus, setRefocus] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A deleted stage's row and buttons are gone: focus lands on the card's heading, not on the page body. An effect, so
  // it runs after the dialog has closed and tried to hand focus back to the removed button.
  useEffect(() => {
    if (refocus > 0) headingRef.current?.focus();
  }, [refocus]);

  const move = async (stage: Stage, delta: -1 | 1) => {
    if (!stages) return;
    const planned = moveStage(stages, stage.id, delta);
    try {
      if (!planned.ok) throw new AppError('VALIDATION', planned.messageKey);
      const next = await apply(api.call('stages.reorder', { ids: planned.ids }));
      setMoveError(null);
      announce(t('stagesUi.move.done', { name: stageName(t, stage), position: next.findIndex((s) => s.id === stage.id) + 1, total: next.length }));
    } catch (e) {
      setMoveError(e);
      announce(errorText(t, e), 'error');
    }
  };

  const onAction = (action: StageAction, stage: Stage) => {
    if (action === 'up' || action === 'down') void move(stage, action === 'up' ? -1 : 1);
    else {
      setMoveError(null);
      setOpen({ action, stage });
    }
  };

  const done = (message: string) => {
    setOpen(null);
    announce(message);
  };

  return (
    <ListCard
      id="settings-stages"
      className="stages-card"
      heading={t('stagesUi.heading')}
      lead={t(canManage ? 'stagesUi.lead' : 'stagesUi.adminOnly')}
      headingRef={headingRef}
      items={stages}
      loadError={loadError}
      onRetry={() => void reload()}
    >
      {(stages) => (
        <>
          <StagesTable stages={stages} canManage={canManage} onAction={onAction} />
          <ErrorNotice error={moveError} />
          {open ? (
            <StageDialog
              {...open}
              stages={stages}
              onClose={() => setOpen(null)}
              apply={apply}
              onDone={done}
              onDeleted={(message) => {
                done(message);
                setRefocus((n) => n + 1);
              }}
            />
          ) : null}
        </>
      )}
    </ListCard>
  );
}

interface StageDialogProps {
  action: Exclude<StageAction, 'up' | 'down'>;
  stage: Stage;
  stages: readonly Stage[];
  apply(request: Promise<Stage[]>): Promise<Stage[]>;
  onClose(): void;
  onDone(message: string): void;
  onDeleted(message: string): void;
}

/** The dialog behind one row's action; each sends its call and says what happened in the UI language. */
function StageDialog({ action, stage, stages, apply, onClose, onDone, onDeleted }: StageDialogProps) {
  const { t } = useTranslation();
  const name = stageName(t, stage);
  if (action === 'delete') {
    return (
      <DeleteStageDialog
        stage={stage}
        stages={stages}
        onClose={onClose}
        onDelete={async (moveTo) => {
          await apply(api.call('stages.delete', { id: stage.id, ...(moveTo ? { moveTo } : {}) }));
          const target = stages.find((s) => s.id === moveTo);
          onDeleted(target ? t('stagesUi.delete.doneMoved', { name, target: stageName(t, target) }) : t('stagesUi.delete.done', { name }));
        }}
      />
    );
  }
  const forms = {
    rename: {
      title: t('stagesUi.rename.title', { name }),
      submitLabel: t('stagesUi.rename.submit'),
      asks: 'name',
      // Left empty, a stage Signet made takes its translated name again.
      send: (v: StageValues) => api.call('stages.update', { id: stage.id, name: v.name === '' && stage.key ? null : v.name }),
      message: (v: StageValues) => t('stagesUi.rename.done', { name, newName: v.name || (stage.key ? t(`stages.default.${stage.key}`) : '') }),
    },
    color: {
      title: t('stagesUi.color.title', { name }),
      submitLabel: t('common.save'),
      asks: 'color',
      send: (v: StageValues) => api.call('stages.update', { id: stage.id, color: v.color }),
      message: (v: StageValues) => t('stagesUi.color.done', { name, color: v.color }),
    },
    add: {
      title: t('stagesUi.add.title', { name }),
      submitLabel: t('stagesUi.add.submit'),
      asks: 'both',
      send: (v: StageValues) => api.call('stages.add', { afterId: stage.id, ...v }),
      message: (v: StageValues) => t('stagesUi.add.done', { name: v.name, after: name }),
    },
  } as const;
  const form = forms[action];
  return (
    <StageFormDialog
      title={form.title}
      submitLabel={form.submitLabel}
      asks={form.asks}
      nameHint={action === 'rename' && stage.key ? t('stagesUi.rename.emptyForDefault', { name: t(`stages.default.${stage.key}`) }) : undefined}
      initial={action === 'add' ? { name: '', color: newStageColor } : { name, color: stage.color }}
      onClose={onClose}
      onSubmit={async (values) => {
        await apply(form.send(values));
        onDone(form.message(values));
      }}
    />
  );
}
