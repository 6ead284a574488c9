import { useTranslation } from 'react-i18next';
import type { Contact, ContactSortKey } from '../../../src-shared/contacts/schema';
import { contactDisplayName, displayPhone, displayTaxId, formatDate } from './format';

interface ContactsTableProps {
  contacts: Contact[];
  sort: ContactSortKey;
  descending: boolean;
  onSort(key: ContactSortKey): void;
  onOpen(contact: Contact): void;
}

export function ContactsTable({ contacts, sort, descending, onSort, onOpen }: ContactsTableProps) {
  const { t, i18n } = useTranslation();

  const sortable = (key: ContactSortKey, label: string) => {
    const active = sort === key;
    return (
      <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        <button type="button" className="th-button" onClick={() => onSort(key)}>
          {label}
          <span className="sort-indicator" aria-hidden="true">
            {active ? (descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{t('contacts.tableCaption')}</caption>
        <thead>
          <tr>
            {sortable('name', t('contacts.columns.name'))}
            <th scope="col">{t('contacts.columns.kind')}</th>
            {sortable('company', t('contacts.columns.company'))}
            <th scope="col">{t('contacts.columns.reach')}</th>
            <th scope="col">{t('contacts.columns.taxId')}</th>
            {sortable('updatedAt', t('contacts.columns.updated'))}
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => (
            <tr key={c.id} className={c.archived ? 'archived' : undefined}>
              <th scope="row">
                <button type="button" className="link-button row-open" onClick={() => onOpen(c)}>
                  {contactDisplayName(c)}
                </button>
                {c.archived ? <span className="badge badge-muted">{t('contacts.archived')}</span> : null}
                {c.position ? <div className="cell-sub">{c.position}</div> : null}
              </th>
              <td>
                <span className={`badge badge-${c.kind}`}>{t(`kinds.${c.kind}`)}</span>
              </td>
              <td>
                {c.companyName ?? ''}
                {c.city ? <div className="cell-sub">{c.city}</div> : null}
              </td>
              <td className="cell-reach">
                {c.email ? <div className="cell-email">{c.email}</div> : null}
                {c.phone ? <div className="nowrap">{displayPhone(c.phone)}</div> : null}
              </td>
              <td className="nowrap">{displayTaxId(c)}</td>
              <td className="nowrap">{formatDate(c.updatedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
