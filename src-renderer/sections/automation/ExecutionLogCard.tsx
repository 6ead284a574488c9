import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutomationView } from '../../../src-shared/automation/automation';
import { jobStatuses, type AutomationRun, type JobStatus } from '../../../src-shared/automation/runs';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField } from '../../components/Field';
import { useAction } from '../../state/use-action';
import { useAppStore } from '../../state/app-store';
import { formatMoment } from '../board/format';
import { SettingsTable } from '../settings/SettingsTable';
import { sourceTitle, type Names } from './labels';
import { reasonText } from './messages';
import { useAutomationLog } from './use-automation-log';
import { useDocumentChoices } from './use-document-choices';

const statusBadge: Record<JobStatus, string> = { queued: 'badge-muted', running: 'badge-muted', done: 'badge-ok', skipped: 'badge-muted', failed: 'badge-bad' };

/** "Execution log": every job the engine queued, ran, skipped or failed, with the reason, and "Try again" for a failure. */
export function ExecutionLogCard({ view, names }: { view: AutomationView; names: Names }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<JobStatus | ''>('');
  const [documentId, setDocumentId] = useState('');
  const { runs, error, reload, replace } = useAutomationLog({ status: status || undefined, documentId: documentId || undefined });
  const { documents } = useDocumentChoices('');
  const retry = useAction();

  const title = (run: AutomationRun) => sourceTitle(t, view, run.sourceKind, run.sourceId, names);
  const tryAgain = (run: AutomationRun) =>
    void retry.run(async () => {
      replace(await api.call('automation.retry', { id: run.id }));
      announce(t('automation.log.retried', { name: title(run), document: run.documentTitle }));
      // Its button goes with the failure: the log's heading keeps the focus in the card.
      headingRef.current?.focus();
    });

  return (
    <section className="card" aria-labelledby="automation-log">
      <h2 id="automation-log" ref={headingRef} tabIndex={-1}>
        {t('automation.log.heading')}
      </h2>
      <p className="muted">{t('automation.log.lead')}</p>
      <div className="toolbar">
        <SelectField<JobStatus | ''>
          label={t('automation.log.status')}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('automation.log.allStatuses') }, ...jobStatuses.map((s) => ({ value: s, label: t(`automation.log.statuses.${s}`) }))]}
        />
        <SelectField
          label={t('automation.log.document')}
          value={documentId}
          onChange={setDocumentId}
          options={[{ value: '', label: t('automation.log.allDocuments') }, ...(documents ?? []).map((d) => ({ value: d.id, label: `${d.number} · ${d.title}` }))]}
        />
        <button type="button" className="button automation-log-refresh" onClick={() => void reload()}>
          {t('automation.log.refresh')}
        </button>
      </div>
      <ErrorNotice error={error} onRetry={() => void reload()} />
      <ErrorNotice error={retry.error} />
      {runs === null && !error ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {runs && runs.length === 0 ? <p className="automation-empty">{t(status || documentId ? 'automation.log.emptyFiltered' : 'automation.log.empty')}</p> : null}
      {runs && runs.length > 0 ? (
        <SettingsTable
          className="automation-log"
          caption={t('automation.log.heading')}
          columns={[t('automation.log.documentColumn'), t('automation.log.source'), t('automation.log.action'), t('automation.log.status'), t('automation.log.attempts'), t('automation.log.due'), t('automation.log.finished'), t('automation.log.reason')]}
          actionsHeader={t('automation.log.actions')}
        >
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">
                {run.documentTitle}
                <span className="automation-entry-detail">{run.documentNumber}</span>
              </th>
              <td>
                <span className="automation-kind">{t(run.sourceKind === 'rule' ? 'automation.log.kindRule' : 'automation.log.kindTrigger')}</span> {title(run)}
                {run.onServer ? <span className="automation-entry-detail">{t('automation.log.onServer')}</span> : null}
              </td>
              <td>{t(`automation.actions.kinds.${run.action}`)}</td>
              <td>
                <span className={`badge ${statusBadge[run.status]}`}>{t(`automation.log.statuses.${run.status}`)}</span>
              </td>
              <td>{run.attempts}</td>
              <td>{formatMoment(run.dueAt, names.language)}</td>
              <td>{run.finishedAt ? formatMoment(run.finishedAt, names.language) : '—'}</td>
              <td className="automation-reason">{reasonText(t, run.reason) || '—'}</td>
              <td>
                {run.status === 'failed' ? (
                  <button type="button" className="button button-small" aria-label={t('automation.log.retryLabel', { name: title(run), document: run.documentTitle })} onClick={() => tryAgain(run)} disabled={retry.busy}>
                    {t('automation.log.retry')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </SettingsTable>
      ) : null}
    </section>
  );
}
