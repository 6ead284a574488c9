import { useCallback, useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFilter } from '../../../src-shared/documents/types';
import type { BoardView } from '../../../src-shared/documents/view';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useCan } from '../../state/grants';
import { useBoardStore } from './board-store';
import { DocumentList } from './DocumentList';
import { FiltersBar } from './FiltersBar';
import { KanbanBoard } from './KanbanBoard';
import { ViewDialog } from './ViewDialog';
import { openWizard } from '../wizard/create-route';

export function BoardSection({ headingRef, userId }: { headingRef: RefObject<HTMLHeadingElement | null>; userId: string }) {
  const { t } = useTranslation();
  const canCreate = useCan('documents.create');
  const announce = useAppStore((s) => s.announce);
  const { view, viewRevision, columns, loading, error, open, load, updateView, resetView } = useBoardStore();
  const [viewOpen, setViewOpen] = useState(false);

  // The view is the signed-in employee's, so it is read again whenever the section opens (another may have signed in).
  useEffect(() => {
    void open();
  }, [open, userId]);

  /** Saved at once; a failed save leaves the change on screen and says why it was not kept. */
  const change = useCallback((patch: Partial<BoardView>) => void updateView(patch).catch((e: unknown) => announce(errorText(t, e), 'error')), [updateView, announce, t]);
  const applyFilter = useCallback((filter: DocumentFilter) => change({ filter }), [change]);
  const reset = () => void resetView().catch((e: unknown) => announce(errorText(t, e), 'error'));
  const stages = columns.map((c) => c.stage);

  return (
    <section className={`section section-board board-density-${view.density}`} aria-labelledby="section-title">
      <header className="section-header section-header-row">
        <div>
          <h1 id="section-title" ref={headingRef} tabIndex={-1}>
            {t('nav.kanban')}
          </h1>
          <p className="section-lead">{t('board.lead')}</p>
        </div>
        <div className="header-actions">
          <button type="button" className="button" aria-haspopup="dialog" onClick={() => setViewOpen(true)}>
            {t('board.view.open')}
          </button>
          {canCreate ? (
            <button type="button" className="button button-primary" onClick={() => openWizard()}>
              {t('wizard.open')}
            </button>
          ) : null}
        </div>
      </header>

      <FiltersBar key={viewRevision} filter={view.filter} onApply={applyFilter} />
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {loading && columns.length === 0 ? <p className="muted">{t('common.loading')}</p> : null}

      {view.mode === 'list' ? <DocumentList view={view} stages={stages} onSort={(sort, descending) => change({ sort, descending })} /> : <KanbanBoard userId={userId} />}

      {viewOpen ? <ViewDialog view={view} stages={stages} onChange={change} onReset={reset} onClose={() => setViewOpen(false)} /> : null}
    </section>
  );
}
