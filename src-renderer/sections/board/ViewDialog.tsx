import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { cardFields, documentSorts, type BoardView } from '../../../src-shared/documents/view';
import { Dialog } from '../../components/Dialog';
import { inViewOrder, stepInOrder } from './board-view';
import { stageName } from './format';

interface ViewDialogProps {
  view: BoardView;
  stages: readonly Stage[];
  onChange(patch: Partial<BoardView>): void;
  onReset(): void;
  onClose(): void;
}

/** The employee's own board: every change applies (and is saved) at once, so there is nothing to confirm. */
export function ViewDialog({ view, stages, onChange, onReset, onClose }: ViewDialogProps) {
  const { t } = useTranslation();
  const ids = useId();
  const ordered = inViewOrder(stages, (s) => s, view.stageOrder);
  const hidden = new Set(view.hiddenStageIds);
  const shown = new Set(view.cardFields);
  const toggleStage = (id: string, show: boolean) => onChange({ hiddenStageIds: show ? view.hiddenStageIds.filter((h) => h !== id) : [...view.hiddenStageIds, id] });
  // Kept in the canonical field order whatever order they were ticked in, so cards always read the same way.
  const toggleField = (field: (typeof cardFields)[number], on: boolean) => onChange({ cardFields: cardFields.filter((f) => (f === field ? on : shown.has(f))) });
  const step = (id: string, by: -1 | 1) => onChange({ stageOrder: stepInOrder(ordered.map((s) => s.id), id, by) });

  return (
    <Dialog
      title={t('board.view.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onReset}>
            {t('board.view.reset')}
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      <div className="view-dialog">
        <fieldset>
          <legend>{t('board.view.columns')}</legend>
          <ol className="view-columns">
            {ordered.map((stage, i) => {
              const name = stageName(t, stage);
              return (
                <li key={stage.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={!hidden.has(stage.id)} onChange={(e) => toggleStage(stage.id, e.target.checked)} />
                    {name}
                  </label>
                  <span className="view-column-steps">
                    <button type="button" className="icon-button" aria-label={t('board.view.moveUp', { name })} disabled={i === 0} onClick={() => step(stage.id, -1)}>
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button type="button" className="icon-button" aria-label={t('board.view.moveDown', { name })} disabled={i === ordered.length - 1} onClick={() => step(stage.id, 1)}>
                      <span aria-hidden="true">↓</span>
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        </fieldset>
        <fieldset>
          <legend>{t('board.view.cardFields')}</legend>
          <div className="view-fields">
            {cardFields.map((field) => (
              <label key={field} className="checkbox">
                <input type="checkbox" checked={shown.has(field)} onChange={(e) => toggleField(field, e.target.checked)} />
                {t(`board.view.field.${field}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('board.view.order')}</legend>
          <div className="field">
            <label htmlFor={`${ids}-sort`}>{t('board.view.sortBy')}</label>
            <select id={`${ids}-sort`} value={view.sort} onChange={(e) => onChange({ sort: e.target.value as BoardView['sort'] })}>
              {/* Within one column every card has the same stage, so that order is offered for the list only. */}
              {documentSorts.filter((s) => s !== 'stage' || view.mode === 'list' || view.sort === 'stage').map((s) => (
                <option key={s} value={s}>
                  {t(`board.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={view.descending} onChange={(e) => onChange({ descending: e.target.checked })} />
            {t('board.view.descending')}
          </label>
        </fieldset>
        <Choice legend={t('board.view.density')} value={view.density} options={['comfortable', 'compact']} label={(d) => t(`board.view.densities.${d}`)} onPick={(density) => onChange({ density })} />
        <Choice legend={t('board.view.mode')} value={view.mode} options={['board', 'list']} label={(m) => t(`board.view.modes.${m}`)} onPick={(mode) => onChange({ mode })} />
      </div>
    </Dialog>
  );
}

function Choice<T extends string>({ legend, value, options, label, onPick }: { legend: string; value: T; options: readonly T[]; label(option: T): string; onPick(option: T): void }) {
  const name = useId();
  return (
    <fieldset className="radio-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="radio">
          <input type="radio" name={name} checked={value === option} onChange={() => onPick(option)} />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
