import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutomationView } from '../../../src-shared/automation/automation';
import type { DryRun } from '../../../src-shared/automation/runs';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { useAction } from '../../state/use-action';
import { useAppStore } from '../../state/app-store';
import { formatMoment, stageName } from '../board/format';
import { sourceTitle, type Names } from './labels';
import { stepDetail } from './step-detail';
import { useDocumentChoices } from './use-document-choices';

/** "Test run": what the rules and triggers would do to a chosen document now, changing nothing. */
export function DryRunCard({ view, names }: { view: AutomationView; names: Names }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [query, setQuery] = useState('');
  const [documentId, setDocumentId] = useState('');
  const [stageId, setStageId] = useState('');
  const [result, setResult] = useState<DryRun | null>(null);
  const { documents, error: listError, retry } = useDocumentChoices(query);
  const { busy, error, run } = useAction();
  const [missing, setMissing] = useState(false);
  // The first document found until one is chosen: the select shows it, so the run must use it.
  const chosen = documents?.some((d) => d.id === documentId) ? documentId : (documents?.[0]?.id ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!chosen);
    if (!chosen) return;
    void run(async () => {
      const next = await api.call('automation.dryRun', { documentId: chosen, ...(stageId ? { stageId } : {}) });
      setResult(next);
      announce(t('automation.dryRun.done', { count: next.steps.length }));
    });
  };
  const stageOf = (id: string) => names.stages.find((s) => s.id === id);
  const document = result ? documents?.find((d) => d.id === result.documentId) : undefined;
  const resultStage = result ? stageOf(result.stageId) : undefined;

  return (
    <section className="card" aria-labelledby="automation-dry-run">
      <h2 id="automation-dry-run">{t('automation.dryRun.heading')}</h2>
      <p className="muted">{t('automation.dryRun.lead')}</p>
      <ErrorNotice error={listError} onRetry={retry} />
      <form className="automation-dry-run-form" onSubmit={submit} noValidate>
        <div className="field-row">
          <TextField label={t('automation.dryRun.search')} type="search" value={query} onChange={setQuery} maxLength={200} hint={t('automation.dryRun.searchHint')} />
          <SelectField
            label={t('automation.dryRun.document')}
            value={chosen}
            onChange={setDocumentId}
            options={documents && documents.length > 0 ? documents.map((d) => ({ value: d.id, label: `${d.number} · ${d.title}` })) : [{ value: '', label: t('automation.dryRun.noDocuments') }]}
            error={missing ? t('automation.dryRun.chooseDocument') : undefined}
          />
          <SelectField
            label={t('automation.dryRun.stage')}
            hint={t('automation.dryRun.stageHint')}
            value={stageId}
            onChange={setStageId}
            options={[{ value: '', label: t('automation.dryRun.ownStage') }, ...names.stages.map((s) => ({ value: s.id, label: stageName(t, s) }))]}
          />
        </div>
        <SubmitActions busy={busy} submitLabel={t('automation.dryRun.run')} busyLabel={t('automation.dryRun.running')} />
      </form>
      <ErrorNotice error={error} />
      {result ? (
        <div className="automation-dry-run-result">
          <h3>{t('automation.dryRun.resultHeading', { document: document?.title ?? result.documentId, stage: resultStage ? stageName(t, resultStage) : result.stageId })}</h3>
          {result.onServer ? <p className="muted">{t('automation.dryRun.onServer')}</p> : null}
          {result.steps.length === 0 ? (
            <p>{t('automation.dryRun.nothing')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table automation-steps">
                <caption className="visually-hidden">{t('automation.dryRun.heading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('automation.dryRun.step')}</th>
                    <th scope="col">{t('automation.dryRun.action')}</th>
                    <th scope="col">{t('automation.dryRun.when')}</th>
                    <th scope="col">{t('automation.dryRun.outcome')}</th>
                    <th scope="col">{t('automation.dryRun.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.steps.map((step, i) => (
                    <tr key={`${step.sourceKind}-${step.sourceId}-${i}`}>
                      <th scope="row">
                        <span className="automation-kind">{t(step.sourceKind === 'rule' ? 'automation.log.kindRule' : 'automation.log.kindTrigger')}</span> {sourceTitle(t, view, step.sourceKind, step.sourceId, names)}
                        {/* A named trigger's event under its name; an unnamed one is already called by its event. */}
                        {step.event && t(`automation.events.${step.event}`) !== sourceTitle(t, view, step.sourceKind, step.sourceId, names) ? <span className="automation-entry-detail">{t(`automation.events.${step.event}`)}</span> : null}
                      </th>
                      <td>{t(`automation.actions.kinds.${step.action}`)}</td>
                      <td>{step.dueAt ? formatMoment(step.dueAt, names.language) : '—'}</td>
                      <td>
                        <span className={`badge ${step.outcome === 'wouldRun' ? 'badge-ok' : step.outcome === 'refused' ? 'badge-bad' : 'badge-muted'}`}>{t(`automation.dryRun.outcomes.${step.outcome}`)}</span>
                      </td>
                      <td>{stepDetail(t, step, names) || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
