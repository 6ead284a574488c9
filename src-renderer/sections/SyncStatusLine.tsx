import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../src-shared/sync/protocol';
import { api, liveEvents } from '../api';
import { formatIso } from '../i18n/format-date';

const timeOnly: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/**
 * The sidebar's one line about sync with the company server (issue 7): synced when, changes waiting, offline and why,
 * or stopped and why — read again whenever the worker says it changed. Nothing here blocks work; "Sync now" is for
 * whoever does not want to wait for the next round. Absent without a company server.
 */
export function SyncStatusLine() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<SyncStatus>({ state: 'off' });
  const [busy, setBusy] = useState(false);
  // A status that cannot be read leaves the last one shown: the line is information, never in the way.
  const load = useCallback(() => api.call('sync.status', {}).then(setStatus, () => undefined), []);
  useEffect(() => {
    void load();
    return liveEvents.subscribe(({ events, reset }) => {
      if (reset || events.some((e) => e.type === 'syncChanged')) void load();
    });
  }, [load]);

  if (status.state === 'off') return null;
  const time = (iso: string) => formatIso(iso, i18n.language, timeOnly) ?? iso;
  const waiting = (count: number) => t('sync.waiting', { count });
  const text = (() => {
    switch (status.state) {
      case 'synced':
        return status.pending > 0 ? t('sync.syncedPending', { time: time(status.at), waiting: waiting(status.pending) }) : t('sync.synced', { time: time(status.at) });
      case 'syncing':
        return status.pending > 0 ? `${t('sync.syncing')} ${waiting(status.pending)}` : t('sync.syncing');
      case 'offline':
        return t('sync.offline', { waiting: waiting(status.pending), time: time(status.retryAt) });
      case 'error':
        return t('sync.error', { reason: t(status.reason.messageKey, status.reason.details ?? {}) });
    }
  })();
  const syncNow = async () => {
    setBusy(true);
    await api.call('sync.now', {}).then(setStatus, () => undefined);
    setBusy(false);
  };
  return (
    <div className={`sync-status sync-${status.state}`} role="status" aria-label={t('sync.label')} data-testid="sync-status">
      <span>{text}</span>
      {status.state === 'offline' || status.state === 'error' ? (
        <button type="button" className="link-button" onClick={() => void syncNow()} disabled={busy}>
          {t('sync.now')}
        </button>
      ) : null}
    </div>
  );
}
