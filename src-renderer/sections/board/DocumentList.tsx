import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { counterpartyOf } from '../../../src-shared/documents/next-action';
import type { Stage } from '../../../src-shared/documents/stages';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import type { BoardView, DocumentSort } from '../../../src-shared/documents/view';
import { uiLanguages, type UiLanguage } from '../../../src-shared/settings/schema';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { downloadText } from '../../files/download-text';
import { formatIso } from '../../i18n/format-date';
import { errorText } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useBoardStore, type MoveOutcome } from './board-store';
import { DocumentPanel } from './DocumentPanel';
import { useCan } from '../../state/grants';
import { formatDay, formatMoney, stageName } from './format';
import { useDocumentList } from './use-document-list';
import { useLiveUpdates } from './use-live-updates';

interface DocumentListProps {
  view: BoardView;
  stages: readonly Stage[];
  onSort(sort: DocumentSort, descending: boolean): void;
}

/** Dates and amounts read best newest and largest first; names and numbers from the start of the alphabet. */
const startsDescending = (sort: DocumentSort) => sort === 'updated' || sort === 'created' || sort === 'amount';

/**
 * The same filtered set as the board, as a table across stages, in the view's order, with its CSV. A row opens the
 * document in the panel the board opens (a click, or Enter on the focused row).
 */
export function DocumentList({ view, stages, onSort }: DocumentListProps) {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const query = useMemo(() => ({ filter: view.filter, sort: view.sort, descending: view.descending }), [view.filter, view.sort, view.descending]);
  const { items, total, loading, error, loadMore, refresh, reload } = useDocumentList(query);
  const [exporting, setExporting] = useState(false);
  const canExport = useCan('documents.export');
  const [opened, setOpened] = useState<DocumentSummary | null>(null);
  const openHint = useId();
  const stageById = new Map(stages.map((s) => [s.id, s]));
  useLiveUpdates(() => void refresh(), () => void reload());

  const exportCsv = async () => {
    setExporting(true);
    try {
      const language: UiLanguage = (uiLanguages as readonly string[]).includes(i18n.language) ? (i18n.language as UiLanguage) : 'en';
      const { filename, csv } = await api.call('documents.exportCsv', { ...query, language });
      downloadText(filename, csv, 'text/csv;charset=utf-8');
      announce(t('board.list.exported', { filename }));
    } catch (e) {
      announce(errorText(t, e), 'error');
    } finally {
      setExporting(false);
    }
  };

  /**
   * The panel's move: the list has no cards to move ahead of the answer, so it waits for it, then reads its rows again
   * and has the board (hidden behind the list, kept in its store) do the same.
   */
  const moveTo = async (doc: DocumentSummary, stageId: string): Promise<MoveOutcome> => {
    try {
      const card = await api.call('documents.move', { id: doc.id, stageId, version: doc.version });
      setOpened(card);
      void refresh();
      void useBoardStore.getState().refresh();
      return { ok: true, card };
    } catch (error) {
      announce(t('board.refused', { title: doc.title, reason: errorText(t, error) }), 'error');
      return { ok: false, error };
    }
  };

  const header = (label: string, sort?: DocumentSort) => <SortHeader label={label} sort={sort} view={view} onSort={onSort} />;

  return (
    <div className="document-list">
      <div className="document-list-bar">
        <p className="list-count" role="status">
          {t('board.list.total', { count: total })}
        </p>
        {canExport ? (
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={exporting}>
            {t('board.list.export')}
          </button>
        ) : null}
      </div>
      <ErrorNotice error={error} onRetry={() => void reload()} />
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('board.list.caption')}</caption>
          <thead>
            <tr>
              {header(t('board.list.columns.number'), 'number')}
              {header(t('board.list.columns.title'), 'title')}
              {header(t('board.list.columns.stage'), 'stage')}
              {header(t('board.list.columns.counterparty'), 'counterparty')}
              {header(t('board.list.columns.amount'), 'amount')}
              {header(t('board.list.columns.due'), 'dueDate')}
              {header(t('board.list.columns.owner'), 'owner')}
              {header(t('board.list.columns.updated'), 'updated')}
            </tr>
          </thead>
          <tbody>
            {items.map((d) => {
              const stage = stageById.get(d.stageId);
              return (
                <tr
                  key={d.id}
                  data-document-id={d.id}
                  className="row-openable"
                  tabIndex={0}
                  aria-describedby={openHint}
                  onClick={() => setOpened(d)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) {
                      e.preventDefault();
                      setOpened(d);
                    }
                  }}
                >
                  <td className="nowrap">{d.number}</td>
                  <th scope="row">{d.title}</th>
                  <td>{stage ? stageName(t, stage) : ''}</td>
                  <td>{counterpartyOf(d) ?? ''}</td>
                  <td className="nowrap cell-number">{d.amountMinor !== undefined && d.currency ? formatMoney(d.amountMinor, d.currency, i18n.language) : ''}</td>
                  <td className="nowrap">{formatDay(d.dueDate, i18n.language) ?? ''}</td>
                  <td>{d.ownerName}</td>
                  <td className="nowrap">{formatIso(d.updatedAt, i18n.language, { dateStyle: 'medium' }) ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p id={openHint} className="visually-hidden">
        {t('board.list.openHint')}
      </p>
      {!loading && items.length === 0 && !error ? <p className="muted">{t('board.list.empty')}</p> : null}
      {items.length < total ? (
        <button type="button" className="button document-list-more" onClick={() => void loadMore()} disabled={loading}>
          {loading ? t('common.loading') : t('board.list.showMore', { count: total - items.length })}
        </button>
      ) : null}
      {opened ? (
        <DocumentPanel
          key={opened.id}
          summary={opened}
          stages={stages}
          onMove={moveTo}
          onDeleted={() => {
            setOpened(null);
            void refresh();
            void useBoardStore.getState().refresh();
          }}
          onClose={() => setOpened(null)}
        />
      ) : null}
    </div>
  );
}

/** A column header; with `sort`, a button that orders by it (again: the other way round), and aria-sort while it does. */
function SortHeader({ label, sort, view, onSort }: { label: string; sort: DocumentSort | undefined; view: BoardView; onSort: DocumentListProps['onSort'] }) {
  if (!sort) return <th scope="col">{label}</th>;
  const active = view.sort === sort;
  const direction = view.descending ? 'descending' : 'ascending';
  return (
    <th scope="col" aria-sort={active ? direction : 'none'}>
      <button type="button" className="th-button" onClick={() => onSort(sort, active ? !view.descending : startsDescending(sort))}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (view.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );
}
