import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { asAppError } from '../../i18n/format-error';
import { stageName } from '../board/format';
import { candidateStages } from './stage-order';

interface DeleteStageDialogProps {
  stage: Stage;
  stages: readonly Stage[];
  onClose(): void;
  /** Throws the service's refusal; `moveTo` once the person has chosen where the stage's documents go. */
  onDelete(moveTo: string | undefined): Promise<void>;
}

/**
 * "Delete this stage?", and when the service answers that the stage still holds documents, a second step asking which
 * stage of the same step of signing takes them. Cancel has the focus first, so a stray Enter deletes nothing.
 */
export function DeleteStageDialog({ stage, stages, onClose, onDelete }: DeleteStageDialogProps) {
  const { t } = useTranslation();
  const questionId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [held, setHeld] = useState<{ count: number; candidates: Stage[] } | null>(null);
  const [moveTo, setMoveTo] = useState('');
  const name = stageName(t, stage);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete(held ? moveTo : undefined);
    } catch (e) {
      const refusal = asAppError(e);
      if (!held && refusal.code === 'IN_USE' && refusal.messageKey === 'stages.holdsDocuments') {
        const candidates = candidateStages(stages, refusal.details);
        setHeld({ count: Number(refusal.details?.count ?? 0), candidates });
        setMoveTo(candidates[0]?.id ?? '');
      } else setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={held ? t('stagesUi.delete.moveTitle', { name }) : t('stagesUi.delete.title', { name })}
      onClose={onClose}
      size="small"
      describedBy={questionId}
      footer={
        <>
          <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy || (held !== null && !moveTo)}>
            {busy ? t('stagesUi.delete.deleting') : held ? t('stagesUi.delete.moveAndDelete') : t('stagesUi.delete.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose} data-autofocus={held ? undefined : ''}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {held ? (
        <fieldset className="radio-group">
          <legend id={questionId}>{t('stagesUi.delete.moveQuestion', { count: held.count, name })}</legend>
          {held.candidates.map((c, i) => (
            <label key={c.id} className="radio">
              <input type="radio" name="stage-move-to" value={c.id} checked={moveTo === c.id} onChange={() => setMoveTo(c.id)} data-autofocus={i === 0 ? '' : undefined} />
              <span className="stage-swatch" style={{ background: c.color }} aria-hidden="true" />
              <span>{stageName(t, c)}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p id={questionId}>{t('stagesUi.delete.question', { name })}</p>
      )}
      <ErrorNotice error={error} />
    </Dialog>
  );
}
