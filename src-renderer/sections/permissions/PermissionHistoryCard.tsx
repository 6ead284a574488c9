import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import type { PermissionChange } from '../../../src-shared/permissions/permission-calls';
import type { Role } from '../../../src-shared/permissions/roles';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../contacts/format';
import { changeLines, changeSubject } from './history-summary';

const pageSize = 20;

interface PermissionHistoryCardProps {
  roles: readonly Role[];
  stages: readonly Stage[];
  /** Changes with every change made here: the history is read again from its start. */
  revision: number;
}

/** The audit of access permissions: who changed what and when, before and after, newest first. */
export function PermissionHistoryCard({ roles, stages, revision }: PermissionHistoryCardProps) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<PermissionChange[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const show = useCallback((offset: number) => {
    // Only from promise callbacks: the effect below reads the first page without setting state as it starts.
    return api.call('permissions.history', { offset, limit: pageSize }).then(
      (page) => {
        setItems((shown) => (offset === 0 ? page.items : [...shown, ...page.items]));
        setTotal(page.total);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, []);
  const load = async (offset: number) => {
    setLoading(true);
    await show(offset);
    setLoading(false);
  };

  useEffect(() => {
    void show(0);
  }, [show, revision]);

  return (
    <section className="card" aria-labelledby="permissions-history">
      <h2 id="permissions-history">{t('permissions.history.heading')}</h2>
      <p className="muted">{t('permissions.history.lead')}</p>
      <ErrorNotice error={error} onRetry={() => void load(0)} />
      {items.length === 0 && !loading && !error ? <p>{t('permissions.history.empty')}</p> : null}
      <ol className="permission-history">
        {items.map((change) => (
          <li key={change.id}>
            <div>
              <strong>{t(`permissions.history.kinds.${change.kind}`, { subject: changeSubject(change, t) })}</strong>
            </div>
            <div className="muted">{t('permissions.history.by', { name: change.actorName, date: formatDateTime(change.at, i18n.language) })}</div>
            <ul>
              {changeLines(change, { t, roles, stages }).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {items.length < total ? (
        <button type="button" className="button" onClick={() => void load(items.length)} disabled={loading}>
          {loading ? t('common.loading') : t('permissions.history.more', { count: total - items.length })}
        </button>
      ) : null}
    </section>
  );
}
