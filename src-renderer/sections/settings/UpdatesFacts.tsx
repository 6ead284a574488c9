import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../src-shared/updates/update-status';
import { api, liveEvents } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../state/use-action';
import { useLoaded } from '../../state/use-loaded';
import { formatDateTime } from '../contacts/format';

const loadStatus = () => api.call('updates.status', {});

/** The app's own updates in Settings → About (issue 10): why there are none, or the check, the download, the restart. */
export function UpdatesFacts() {
  const { t } = useTranslation();
  const { value: status, setValue: setStatus, loadError, reload } = useLoaded(loadStatus);
  const { busy, error, run } = useAction();
  const follow = useCallback((next: UpdateStatus) => setStatus(next), [setStatus]);
  // The main side pushes each step (checking, progress, ready) as it happens.
  useEffect(
    () =>
      liveEvents.subscribe(({ events, reset }) => {
        const last = events.filter((e) => e.type === 'updateStatus').at(-1);
        if (last) follow(last.status);
        else if (reset) void reload();
      }),
    [follow, reload],
  );
  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void reload()} />;
  if (!status) return <p className="muted">{t('common.loading')}</p>;
  const canCheck = status.state !== 'off' && status.state !== 'ready' && status.state !== 'downloading' && status.state !== 'checking';
  return (
    <div className="updates-facts">
      <p data-testid="updates-status" role="status">
        <StatusText status={status} />
      </p>
      {/* The percentage in the bar, not in the live text above: a screen reader is told the download started, not each step. */}
      {status.state === 'downloading' ? <progress max={100} value={status.percent} aria-label={t('updatesUi.progress')} aria-valuetext={`${status.percent} %`} /> : null}
      {canCheck ? (
        <button type="button" className="button" disabled={busy} onClick={() => void run(async () => follow(await api.call('updates.check', {})))}>
          {busy ? t('updatesUi.checking') : t('updatesUi.check')}
        </button>
      ) : null}
      {status.state === 'ready' ? (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(async () => follow(await api.call('updates.install', {})))}>
          {t('updatesUi.restart')}
        </button>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

function StatusText({ status }: { status: UpdateStatus }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  switch (status.state) {
    case 'off':
      return <>{t(`updatesUi.off.${status.reason}`)}</>;
    case 'idle':
      return <>{t('updatesUi.idle', { channel: status.channel })}</>;
    case 'checking':
      return <>{t('updatesUi.checking')}</>;
    case 'upToDate':
      return <>{t('updatesUi.upToDate', { channel: status.channel, time: time(status.checkedAt) })}</>;
    case 'downloading':
      return <>{t('updatesUi.downloading', { version: status.version })}</>;
    case 'ready':
      return <>{t('updatesUi.ready', { version: status.version })}</>;
    case 'failed':
      return <>{t('updatesUi.failed', { reason: status.reason, time: time(status.at) })}</>;
  }
}
