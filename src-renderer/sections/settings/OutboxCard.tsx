import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { outboxPurposes, outboxStatuses, type OutboxItem, type OutboxPage, type OutboxStatus } from '../../../src-shared/delivery/outbox';
import { api, liveEvents } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { formatDateTime } from '../contacts/format';
import { ListCard } from './ListCard';
import { SettingsTable } from './SettingsTable';
import { isSmsRefusalKey } from '../../../src-shared/delivery/sms-settings';

const pageSize = 50;
const badge: Record<OutboxStatus, string> = { queued: 'badge-muted', sending: 'badge-muted', sent: 'badge-ok', failed: 'badge-bad' };

/**
 * Every e-mail and SMS the install wrote, newest first: whether it is queued (and when it is tried next), being sent,
 * sent, or failed with the provider's own words, with Retry on the failed ones. It follows the worker live
 * (`outboxChanged`), so a message queued while the server is down turns "sent" here once it is back.
 */
export function OutboxCard({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  if (isAdmin) return <OutboxList />;
  // Recipients' addresses and every message's state across the company: an administrator's view (the main side refuses others).
  return (
    <section className="card" aria-labelledby="settings-outbox">
      <h2 id="settings-outbox">{t('outbox.title')}</h2>
      <p>{t('outbox.adminOnly')}</p>
    </section>
  );
}

function OutboxList() {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [limit, setLimit] = useState(pageSize);
  const [page, setPage] = useState<OutboxPage | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.call('outbox.list', { ...(status ? { status } : {}), offset: 0, limit }).then(
        (loaded) => {
          setPage(loaded);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(e),
      ),
    [status, limit],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      liveEvents.subscribe(({ events, reset }) => {
        if (reset || events.some((e) => e.type === 'outboxChanged')) void load();
      }),
    [load],
  );

  const retry = async (item: OutboxItem) => {
    setBusyId(item.id);
    try {
      await api.call('outbox.retry', { id: item.id });
      setActionError(null);
      announce(t('outbox.retried'));
      await load();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  const filters: (OutboxStatus | undefined)[] = [undefined, ...outboxStatuses];
  const allCount = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <ListCard id="settings-outbox" className="outbox-card" heading={t('outbox.title')} lead={t('outbox.intro')} headingRef={headingRef} items={page} loadError={loadError} onRetry={() => void load()}>
      {(loaded) => (
        <>
          <div className="outbox-filters" role="group" aria-label={t('outbox.state')}>
            {filters.map((f) => (
              <button
                key={f ?? 'all'}
                type="button"
                className="button button-small"
                aria-pressed={status === f}
                onClick={() => {
                  setStatus(f);
                  setLimit(pageSize);
                }}
              >
                {f ? t(`outbox.status.${f}`) : t('outbox.all')} <span className="badge badge-muted">{f ? loaded.counts[f] : allCount}</span>
              </button>
            ))}
          </div>
          <ErrorNotice error={actionError} />
          {loaded.items.length === 0 ? (
            <p className="empty-state">{t('outbox.empty')}</p>
          ) : (
            <SettingsTable className="outbox-table" caption={t('outbox.title')} columns={[t('outbox.created'), t('outbox.recipient'), t('outbox.state'), t('outbox.attempts')]} actionsHeader={t('outbox.retry')}>
              {loaded.items.map((item) => (
                <tr key={item.id} data-testid="outbox-row" data-status={item.status}>
                  <td>{formatDateTime(item.createdAt, i18n.language)}</td>
                  <td className="cell-email">
                    <div>{item.recipient}</div>
                    <div className="muted">
                      {purposeLabel(t, item.purpose)}
                      {item.subject ? ` · ${item.subject}` : ''}
                    </div>
                  </td>
                  <td>
                    <span className={`badge ${badge[item.status]}`}>{t(`outbox.status.${item.status}`)}</span>
                    <StatusDetail item={item} language={i18n.language} t={t} />
                  </td>
                  <td>{item.attempts}</td>
                  <td>
                    {item.status === 'failed' || item.unconfirmed ? (
                      <button type="button" className="button button-small" disabled={busyId === item.id} onClick={() => void retry(item)}>
                        {item.status === 'failed' ? t('outbox.retry') : t('outbox.sendAgain')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </SettingsTable>
          )}
          {loaded.total > loaded.items.length ? (
            <button type="button" className="button load-more" onClick={() => setLimit(limit + pageSize)}>
              {t('outbox.more')}
            </button>
          ) : null}
        </>
      )}
    </ListCard>
  );
}

function StatusDetail({ item, language, t }: { item: OutboxItem; language: string; t: TFunction }) {
  const lines: string[] = [];
  if (item.status === 'queued' && item.attempts > 0 && item.nextAttemptAt) lines.push(t('outbox.nextTry', { time: formatDateTime(item.nextAttemptAt, language) }));
  if (item.unconfirmed) lines.push(t('outbox.unconfirmed'));
  // The provider's own words, as they came ("550 5.1.1 <x@y>: Recipient address rejected"); Signet's own refusals
  // (no SMS provider set up, not a mobile number) are message keys, shown in the UI language.
  if (item.lastError && item.status !== 'sent') lines.push(isSmsRefusalKey(item.lastError) ? t(item.lastError) : item.lastError);
  if (lines.length === 0) return null;
  return (
    <div className="outbox-detail" data-testid="outbox-detail">
      {lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  );
}

function purposeLabel(t: TFunction, purpose: string): string {
  return (outboxPurposes as readonly string[]).includes(purpose) ? t(`outbox.purpose.${purpose}`) : purpose;
}
