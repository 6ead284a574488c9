import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { MoveOutcome } from './board-store';
import { stageName } from './format';

/** A stage picker and a button: the same move as a drag, for whoever would rather not drag. */
export function MoveMenu({ doc, stages, onMove }: { doc: DocumentSummary; stages: readonly Stage[]; onMove(stageId: string): Promise<MoveOutcome> }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    setRefusal(null);
    const outcome = await onMove(target);
    setBusy(false);
    if (outcome.ok) setTarget('');
    else setRefusal(outcome.error);
  };
  return (
    <form className="move-menu" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={selectId}>{t('board.panel.moveTo')}</label>
        <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('board.panel.chooseStage')}</option>
          {stages
            .filter((s) => s.id !== doc.stageId)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {stageName(t, s)}
              </option>
            ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={!target || busy}>
        {busy ? t('common.saving') : t('board.panel.move')}
      </button>
      <ErrorNotice error={refusal} />
    </form>
  );
}
