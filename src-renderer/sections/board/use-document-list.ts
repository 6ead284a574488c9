import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentFilter, DocumentSummary } from '../../../src-shared/documents/types';
import type { DocumentSort } from '../../../src-shared/documents/view';
import { api } from '../../api';

export const listPageSize = 100;
/** The most `documents.list` gives at once: a live refresh re-reads as many rows as are shown, up to this. */
const maxRefresh = 500;

export interface ListQuery {
  filter: DocumentFilter;
  sort: DocumentSort;
  descending: boolean;
}

interface Rows {
  /** The query these rows answer: while it is not the current one, the list is loading. */
  query: ListQuery;
  items: DocumentSummary[];
  total: number;
  error: unknown;
}

/**
 * The list view's rows: the first page for every new query, more with `loadMore`, and `refresh` for a live update that
 * keeps as many rows as are shown (so the table does not shrink under the reader and the scroll stays put).
 */
export function useDocumentList(query: ListQuery) {
  const [rows, setRows] = useState<Rows | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);
  const shown = useRef(0);

  const fetchRows = useCallback(
    async (offset: number, limit: number, replace: boolean) => {
      const mine = ++seq.current;
      try {
        const page = await api.call('documents.list', { ...query, offset, limit });
        if (mine !== seq.current) return;
        setRows((old) => {
          const kept = replace || !old ? [] : old.items;
          const known = new Set(kept.map((d) => d.id));
          const items = [...kept, ...page.items.filter((d) => !known.has(d.id))];
          shown.current = items.length;
          return { query, items, total: page.total, error: null };
        });
      } catch (error) {
        if (mine === seq.current) setRows((old) => ({ query, items: old?.items ?? [], total: old?.total ?? 0, error }));
      }
    },
    [query],
  );

  useEffect(() => {
    void fetchRows(0, listPageSize, true);
  }, [fetchRows]);

  const current = rows?.query === query ? rows : null;
  return {
    items: rows?.items ?? [],
    total: rows?.total ?? 0,
    loading: !current || loadingMore,
    error: current?.error ?? null,
    async loadMore() {
      setLoadingMore(true);
      try {
        await fetchRows(shown.current, listPageSize, false);
      } finally {
        setLoadingMore(false);
      }
    },
    refresh: () => fetchRows(0, Math.min(Math.max(shown.current, listPageSize), maxRefresh), true),
    reload: () => fetchRows(0, listPageSize, true),
  };
}
