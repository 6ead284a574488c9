import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/permissions/roles';
import type { SyncConflict } from '../../../src-shared/sync/protocol';
import { api, liveEvents } from '../../api';
import { formatDateTime } from '../contacts/format';
import { SettingsTable } from './SettingsTable';
import { roleName } from '../permissions/permission-labels';

/**
 * What sync refused on this computer (issue 7: refused and reported, never silently dropped): the record, the field,
 * why, when. Read again after every sync round; shown only where sync runs.
 */
export function SyncConflictsCard() {
  const { t, i18n } = useTranslation();
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [syncing, setSyncing] = useState(false);
  const load = useCallback(
    () =>
      Promise.all([api.call('sync.status', {}).catch(() => null), api.call('sync.conflicts', {}).catch(() => null)]).then(([status, list]) => {
        setSyncing(status !== null && status.state !== 'off');
        setConflicts(list);
      }),
    [],
  );
  useEffect(() => {
    void load();
    return liveEvents.subscribe(({ events, reset }) => {
      if (reset || events.some((e) => e.type === 'syncChanged')) void load();
    });
  }, [load]);

  if (!syncing || conflicts === null) return null;
  return (
    <section className="card" aria-labelledby="settings-sync-conflicts">
      <h2 id="settings-sync-conflicts">{t('sync.conflicts.title')}</h2>
      <p>{t('sync.conflicts.lead')}</p>
      {conflicts.length === 0 ? (
        <p>{t('sync.conflicts.none')}</p>
      ) : (
        <SettingsTable className="sync-conflicts" caption={t('sync.conflicts.caption')} columns={[t('sync.conflicts.record'), t('sync.conflicts.field'), t('sync.conflicts.reason'), t('sync.conflicts.when')]}>
          {conflicts.map((c) => (
            <tr key={c.id}>
              <td>{conflictLabel(t, c)}</td>
              <td>{c.field ?? '—'}</td>
              <td>
                {t(c.reasonKey)}
                {c.detail ? ` (${c.detail})` : ''}
              </td>
              <td>{formatDateTime(c.at, i18n.language)}</td>
            </tr>
          ))}
        </SettingsTable>
      )}
    </section>
  );
}

/** The record as a person finds it: a document by number and title, a role by its name, a holding as role → holder. */
function conflictLabel(t: TFunction, c: SyncConflict): string {
  if (c.role) {
    const name = roleName(t, c.role as Pick<Role, 'id' | 'name' | 'builtin'>);
    return c.holder ? `${name} → ${c.holder}` : name;
  }
  return c.label ?? `${t(`sync.entities.${c.entity}`, { defaultValue: c.entity })} ${c.entityId.slice(0, 8)}`;
}
