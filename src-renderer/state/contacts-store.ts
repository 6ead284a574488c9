import { create } from 'zustand';
import type { ContactKind, ContactSortKey, Contact } from '../../src-shared/contacts/schema';
import { api } from '../api';

export const pageSize = 50;

export interface ContactFilters {
  query: string;
  kind: ContactKind | 'all';
  includeArchived: boolean;
  sort: ContactSortKey;
  descending: boolean;
}

interface ContactsState {
  filters: ContactFilters;
  items: Contact[];
  total: number;
  loading: boolean;
  error: unknown;
  /** Bumped by every list request, so a slow answer to an older query never overwrites a newer one. */
  requestSeq: number;

  setFilters(patch: Partial<ContactFilters>): Promise<void>;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

/** The list/export query the contract expects for the current filters. */
export function listQuery(f: ContactFilters) {
  return {
    query: f.query.trim(),
    kinds: f.kind === 'all' ? [] : [f.kind],
    includeArchived: f.includeArchived,
    sort: f.sort,
    descending: f.descending,
  };
}

export const useContactsStore = create<ContactsState>()((set, get) => {
  const fetchPage = async (offset: number) => {
    const seq = get().requestSeq + 1;
    set({ requestSeq: seq, loading: true, error: null });
    try {
      const page = await api.call('contacts.list', { ...listQuery(get().filters), offset, limit: pageSize });
      if (get().requestSeq !== seq) return;
      set({ items: offset === 0 ? page.items : [...get().items, ...page.items], total: page.total, loading: false });
    } catch (error) {
      if (get().requestSeq !== seq) return;
      set({ error, loading: false });
    }
  };

  return {
    filters: { query: '', kind: 'all', includeArchived: false, sort: 'name', descending: false },
    items: [],
    total: 0,
    loading: false,
    error: null,
    requestSeq: 0,

    async setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      await fetchPage(0);
    },
    reload: () => fetchPage(0),
    loadMore: () => fetchPage(get().items.length),
  };
});
