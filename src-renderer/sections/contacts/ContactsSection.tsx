import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { contactKinds, contactSortKeys, type Contact } from '../../../src-shared/contacts/schema';
import { api } from '../../api';
import { downloadText } from '../../files/download-text';
import { ContactQuickPick } from '../../components/ContactQuickPick';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useCan } from '../../state/grants';
import { listQuery, useContactsStore, type ContactFilters } from '../../state/contacts-store';
import { ContactDialog } from './ContactDialog';
import { ContactsTable } from './ContactsTable';
import { ImportDialog } from './ImportDialog';

type Open = { type: 'none' } | { type: 'new' } | { type: 'edit'; contact: Contact } | { type: 'import' };

const searchDelayMs = 250;

export function ContactsSection({ headingRef }: { headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const canImport = useCan('contacts.import');
  const canEdit = useCan('contacts.edit');
  const announce = useAppStore((s) => s.announce);
  const { filters, items, total, loading, error, setFilters, reload, loadMore } = useContactsStore();
  const [search, setSearch] = useState(filters.query);
  const [open, setOpen] = useState<Open>({ type: 'none' });
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Search as you type: the list follows the box after a short pause, not on every key.
  useEffect(() => {
    if (search === useContactsStore.getState().filters.query) return;
    const timer = window.setTimeout(() => void setFilters({ query: search }), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [search, setFilters]);

  const openById = async (id: string) => {
    try {
      const contact = await api.call('contacts.get', { id });
      setOpen({ type: 'edit', contact });
    } catch (e) {
      announce(errorText(t, e), 'error');
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { filename, csv } = await api.call('contacts.exportCsv', listQuery(filters));
      downloadText(filename, csv, 'text/csv;charset=utf-8');
      announce(t('contacts.exported', { filename }));
    } catch (e) {
      announce(errorText(t, e), 'error');
    } finally {
      setExporting(false);
    }
  };

  const patch = (p: Partial<ContactFilters>) => void setFilters(p);
  const close = () => setOpen({ type: 'none' });

  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header section-header-row">
        <div>
          <h1 id="section-title" ref={headingRef} tabIndex={-1}>
            {t('nav.contacts')}
          </h1>
          <p className="section-lead">{t('contacts.lead')}</p>
        </div>
        <div className="header-actions">
          {canImport ? (
            <button type="button" className="button" onClick={() => setOpen({ type: 'import' })}>
              {t('contacts.import')}
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={exporting}>
            {t('contacts.export')}
          </button>
          {canEdit ? (
            <button type="button" className="button button-primary" onClick={() => setOpen({ type: 'new' })}>
              {t('contacts.create')}
            </button>
          ) : null}
        </div>
      </header>

      <div className="card quick-find">
        <ContactQuickPick
          label={t('contacts.quickFind')}
          hint={t('contacts.quickFindHint')}
          onPick={(c) => void openById(c.id)}
        />
      </div>

      <div className="card">
        <div className="toolbar" role="search" aria-label={t('contacts.filtersLabel')}>
          <div className="field field-grow">
            <label htmlFor="contacts-search">{t('contacts.search')}</label>
            <input
              id="contacts-search"
              type="search"
              value={search}
              placeholder={t('contacts.searchPlaceholder')}
              onChange={(e) => setSearch(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="field">
            <label htmlFor="contacts-kind">{t('contacts.kindFilter')}</label>
            <select id="contacts-kind" value={filters.kind} onChange={(e) => patch({ kind: e.target.value as ContactFilters['kind'] })}>
              <option value="all">{t('contacts.allKinds')}</option>
              {contactKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="contacts-sort">{t('contacts.sortBy')}</label>
            <select id="contacts-sort" value={filters.sort} onChange={(e) => patch({ sort: e.target.value as ContactFilters['sort'] })}>
              {contactSortKeys.map((k) => (
                <option key={k} value={k}>
                  {t(`contacts.sort.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="contacts-order">{t('contacts.order')}</label>
            <select id="contacts-order" value={filters.descending ? 'desc' : 'asc'} onChange={(e) => patch({ descending: e.target.value === 'desc' })}>
              <option value="asc">{t('contacts.ascending')}</option>
              <option value="desc">{t('contacts.descending')}</option>
            </select>
          </div>
          <label className="checkbox toolbar-checkbox">
            <input type="checkbox" checked={filters.includeArchived} onChange={(e) => patch({ includeArchived: e.target.checked })} />
            {t('contacts.showArchived')}
          </label>
        </div>

        <p className="list-count" role="status" aria-live="polite">
          {loading && items.length === 0 ? t('common.loading') : t('contacts.count', { shown: items.length, count: total })}
        </p>

        {error ? <ErrorNotice error={error} onRetry={() => void reload()} /> : null}

        {items.length > 0 ? (
          <ContactsTable
            contacts={items}
            sort={filters.sort}
            descending={filters.descending}
            onSort={(sort) => patch(sort === filters.sort ? { descending: !filters.descending } : { sort, descending: false })}
            onOpen={(c) => setOpen({ type: 'edit', contact: c })}
          />
        ) : !loading && !error ? (
          <div className="empty-state">
            <p>{filters.query || filters.kind !== 'all' ? t('contacts.noMatches') : t('contacts.empty')}</p>
          </div>
        ) : null}

        {items.length < total ? (
          <div className="load-more">
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loading}>
              {loading ? t('common.loading') : t('contacts.loadMore')}
            </button>
          </div>
        ) : null}
      </div>

      {open.type === 'new' || open.type === 'edit' ? (
        <ContactDialog
          key={open.type === 'edit' ? open.contact.id : 'new'}
          contact={open.type === 'edit' ? open.contact : undefined}
          onClose={close}
          onChanged={() => void reload()}
          onOpenExisting={(id) => void openById(id)}
        />
      ) : null}
      {open.type === 'import' ? (
        <ImportDialog
          onClose={close}
          onImported={() => void reload()}
        />
      ) : null}
    </section>
  );
}
