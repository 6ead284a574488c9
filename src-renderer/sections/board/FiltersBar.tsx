import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFilter } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { ContactQuickPick } from '../../components/ContactQuickPick';
import { useUsers } from '../../state/use-users';
import { contactDisplayName } from '../contacts/format';
import { minorFromText, textFromMinor } from './board-view';

const applyDelayMs = 300;

/** What the boxes hold: text as typed (an amount may be half-written), turned into a filter only when it reads. */
interface Draft {
  mine: boolean;
  query: string;
  counterpartyId: string | undefined;
  /** Empty: anyone's documents. */
  ownerId: string;
  department: string;
  tag: string;
  amountMin: string;
  amountMax: string;
  dueFrom: string;
  dueTo: string;
}

const draftOf = (f: DocumentFilter): Draft => ({
  mine: f.mine,
  query: f.query,
  counterpartyId: f.counterpartyId,
  ownerId: f.ownerId ?? '',
  department: f.department ?? '',
  tag: f.tag ?? '',
  amountMin: textFromMinor(f.amountMin),
  amountMax: textFromMinor(f.amountMax),
  dueFrom: f.dueFrom ?? '',
  dueTo: f.dueTo ?? '',
});

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The filter the draft stands for, or null while an amount box holds something that is not an amount. */
function filterOf(d: Draft, base: DocumentFilter): DocumentFilter | null {
  const amountMin = minorFromText(d.amountMin);
  const amountMax = minorFromText(d.amountMax);
  if (amountMin === null || amountMax === null) return null;
  return { ...base, mine: d.mine, query: d.query.trim(), counterpartyId: d.counterpartyId, ownerId: optional(d.ownerId), department: optional(d.department), tag: optional(d.tag), amountMin, amountMax, dueFrom: optional(d.dueFrom), dueTo: optional(d.dueTo) };
}

/** Keys with `undefined` and absent keys are the same filter. */
const sameFilter = (a: DocumentFilter, b: DocumentFilter) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The filters of the employee's view. Everything typed applies after a short pause (search as you type) and is saved
 * with the view; remount it (a new `key`) when the view is replaced from elsewhere, so it starts from the new filter.
 */
export function FiltersBar({ filter, onApply }: { filter: DocumentFilter; onApply(filter: DocumentFilter): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(filter));
  const [partyName, setPartyName] = useState<string | null>(null);
  const { users } = useUsers();
  // Memoised so a re-render from elsewhere (a live refresh) does not restart the pause before it applies.
  const next = useMemo(() => filterOf(draft, filter), [draft, filter]);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    if (!next || sameFilter(next, filter)) return;
    const timer = window.setTimeout(() => onApply(next), applyDelayMs);
    return () => window.clearTimeout(timer);
  }, [next, filter, onApply]);

  // A saved view holds only the contact's id: its name is looked up to show what the board is narrowed to.
  const partyId = draft.counterpartyId;
  useEffect(() => {
    if (!partyId || partyName) return;
    let live = true;
    api.call('contacts.get', { id: partyId }).then(
      (c) => live && setPartyName(contactDisplayName(c)),
      () => live && setPartyName('?'),
    );
    return () => {
      live = false;
    };
  }, [partyId, partyName]);

  const amountError = (text: string) => (minorFromText(text) === null ? t('board.filters.invalidAmount') : null);
  const text = (key: 'query' | 'department' | 'tag' | 'amountMin' | 'amountMax', type: 'search' | 'text' = 'text') => {
    const error = key === 'amountMin' || key === 'amountMax' ? amountError(draft[key]) : null;
    return (
      <div className={`field board-filter-${key}`}>
        <label htmlFor={`${id}-${key}`}>{t(`board.filters.${key}`)}</label>
        <input
          id={`${id}-${key}`}
          type={type}
          value={draft[key]}
          inputMode={key.startsWith('amount') ? 'decimal' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${key}-error` : undefined}
          placeholder={key === 'query' ? t('board.searchPlaceholder') : undefined}
          onChange={(e) => change({ [key]: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
        {error ? (
          <span id={`${id}-${key}-error`} className="field-error">
            {error}
          </span>
        ) : null}
      </div>
    );
  };
  const day = (key: 'dueFrom' | 'dueTo') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`board.filters.${key}`)}</label>
      <input id={`${id}-${key}`} type="date" value={draft[key]} onChange={(e) => change({ [key]: e.target.value })} />
    </div>
  );

  return (
    <div className="board-filters toolbar" role="search" aria-label={t('board.filters.label')}>
      {text('query', 'search')}
      <label className="checkbox toolbar-checkbox">
        <input type="checkbox" checked={draft.mine} onChange={(e) => change({ mine: e.target.checked })} />
        {t('board.filters.mine')}
      </label>
      {draft.counterpartyId ? (
        <div className="field board-filter-party">
          <span className="board-filter-label">{t('board.filters.counterparty')}</span>
          <span className="board-filter-chip">
            <span className="board-filter-chip-name">{partyName ?? t('common.loading')}</span>
            <button type="button" className="icon-button" aria-label={t('board.filters.clearCounterparty', { name: partyName ?? '' })} onClick={() => change({ counterpartyId: undefined })}>
              <span aria-hidden="true">×</span>
            </button>
          </span>
        </div>
      ) : (
        <div className="field board-filter-party">
          <ContactQuickPick
            label={t('board.filters.counterparty')}
            placeholder={t('board.filters.counterpartyPlaceholder')}
            onPick={(c) => {
              setPartyName(contactDisplayName(c));
              change({ counterpartyId: c.id });
            }}
          />
        </div>
      )}
      <div className="field board-filter-owner">
        <label htmlFor={`${id}-owner`}>{t('board.filters.owner')}</label>
        <select id={`${id}-owner`} value={draft.ownerId} onChange={(e) => change({ ownerId: e.target.value })}>
          <option value="">{t('board.filters.anyOwner')}</option>
          {users?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
          {/* A saved view may name its owner before the list has come. */}
          {draft.ownerId && !users?.some((u) => u.id === draft.ownerId) ? <option value={draft.ownerId}>{t('common.loading')}</option> : null}
        </select>
      </div>
      {text('department')}
      {text('tag')}
      {text('amountMin')}
      {text('amountMax')}
      {day('dueFrom')}
      {day('dueTo')}
    </div>
  );
}
