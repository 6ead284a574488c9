import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../components/FormButtons';
import {
  importTargets,
  maxImportBytes,
  type ImportFormat,
  type ImportPreview,
  type ImportReport,
  type ImportTarget,
} from '../../../src-shared/contacts/import-types';
import { contactKinds, type ContactKind } from '../../../src-shared/contacts/schema';
import { AppError } from '../../../src-shared/contract/errors';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Options, SelectField } from '../../components/Field';
import { describeIssue } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { readAsBase64 } from '../../files/read-as-base64';

type Step =
  | { step: 'choose' }
  | { step: 'map'; data: string; fileName: string; preview: ImportPreview; mapping: ImportTarget[]; defaultKind: ContactKind }
  | { step: 'report'; fileName: string; report: ImportReport };

/** vCard by extension or by its first line; anything else is treated as CSV (the server sniffs delimiter and encoding). */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  if (/\.(vcf|vcard)$/i.test(fileName)) return 'vcard';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return /^BEGIN:VCARD/i.test(head) ? 'vcard' : 'csv';
}

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const finish = (fileName: string, report: ImportReport) => {
    setState({ step: 'report', fileName, report });
    announce(t('importDialog.reportSummary', { count: report.imported, failed: report.failed.length }));
    if (report.imported > 0) onImported();
  };

  const readFile = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(new AppError('VALIDATION', 'errors.validation', { issues: [{ path: 'file', messageKey: 'validation.required' }] }));
      return;
    }
    if (file.size > maxImportBytes) {
      setError(new AppError('IMPORT_FAILED', 'import.tooLarge'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const bytes = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
      const data = await readAsBase64(file);
      if (detectFormat(file.name, bytes) === 'vcard') {
        finish(file.name, await api.call('contacts.import', { format: 'vcard', data }));
      } else {
        const preview = await api.call('contacts.importPreview', { data });
        setState({ step: 'map', data, fileName: file.name, preview, mapping: [...preview.suggestedMapping], defaultKind: 'client' });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const runImport = async (event: FormEvent) => {
    event.preventDefault();
    if (state.step !== 'map') return;
    setBusy(true);
    setError(null);
    try {
      const report = await api.call('contacts.import', { format: 'csv', data: state.data, mapping: state.mapping, defaultKind: state.defaultKind });
      finish(state.fileName, report);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (state.step === 'report') {
    const { report } = state;
    return (
      <Dialog
        title={t('importDialog.reportTitle')}
        onClose={onClose}
        size="large"
        footer={
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus="">
            {t('common.close')}
          </button>
        }
      >
        <p className="import-summary">
          <strong>{t('importDialog.imported', { count: report.imported })}</strong>{' '}
          {report.failed.length > 0 ? t('importDialog.failedCount', { count: report.failed.length }) : t('importDialog.noFailures')}
        </p>
        <p className="muted">{t('importDialog.fileName', { name: state.fileName })}</p>
        {report.failed.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t('importDialog.failedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('importDialog.row')}</th>
                  <th scope="col">{t('importDialog.label')}</th>
                  <th scope="col">{t('importDialog.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {report.failed.map((f) => (
                  <tr key={f.row}>
                    <td>{f.row}</td>
                    <th scope="row">{f.label || '—'}</th>
                    <td>
                      <ul className="issue-list">
                        {f.issues.map((issue, i) => {
                          const d = describeIssue(t, issue);
                          return <li key={i}>{issue.path ? `${d.label}: ${d.message}` : d.message}</li>;
                        })}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Dialog>
    );
  }

  if (state.step === 'map') {
    const { preview, mapping } = state;
    const targetOptions = importTargets.map((v) => ({ value: v, label: t(`importTargets.${v}`) }));
    return (
      <Dialog
        title={t('importDialog.mapTitle')}
        onClose={onClose}
        size="large"
        footer={
          <>
            <button type="submit" form="import-map-form" className="button button-primary" disabled={busy}>
              {busy ? t('importDialog.importing') : t('importDialog.runImport', { count: preview.rowCount })}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setFile(null);
                setError(null);
                setState({ step: 'choose' });
              }}
              disabled={busy}
            >
              {t('common.back')}
            </button>
          </>
        }
      >
        <p>{t('importDialog.mapLead', { name: state.fileName, count: preview.rowCount })}</p>
        <p className="muted">
          {t('importDialog.fileFacts', {
            delimiter: preview.delimiter === '\t' ? t('importDialog.tab') : preview.delimiter,
            encoding: preview.encoding,
          })}
        </p>
        <form id="import-map-form" onSubmit={(e) => void runImport(e)} noValidate>
          <div className="table-wrap">
            <table className="data-table mapping-table">
              <caption className="visually-hidden">{t('importDialog.mapCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('importDialog.column')}</th>
                  <th scope="col">{t('importDialog.samples')}</th>
                  <th scope="col">{t('importDialog.target')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.headers.map((header, col) => (
                  <tr key={col}>
                    <th scope="row">{header || t('importDialog.unnamedColumn', { n: col + 1 })}</th>
                    <td className="samples">
                      {preview.sampleRows
                        .map((r) => r[col] ?? '')
                        .filter(Boolean)
                        .slice(0, 3)
                        .join(' · ') || '—'}
                    </td>
                    <td>
                      <select
                        aria-label={t('importDialog.targetFor', { column: header || col + 1 })}
                        value={mapping[col] ?? 'ignore'}
                        onChange={(e) => {
                          const next = [...mapping];
                          next[col] = e.target.value as ImportTarget;
                          setState({ ...state, mapping: next });
                        }}
                      >
                        <Options options={targetOptions} />
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SelectField
            className="field-half"
            label={t('fieldLabels.defaultKind')}
            value={state.defaultKind}
            onChange={(defaultKind) => setState({ ...state, defaultKind })}
            options={contactKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            hint={t('importDialog.defaultKindHint')}
          />
        </form>
        {error ? <ErrorNotice error={error} /> : null}
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('importDialog.title')}
      onClose={onClose}
      footer={<FormButtons form="import-file-form" busy={busy} submitLabel={t('common.continue')} busyLabel={t('importDialog.reading')} onCancel={onClose} />}
    >
      <form id="import-file-form" onSubmit={(e) => void readFile(e)} noValidate>
        <p>{t('importDialog.lead')}</p>
        <div className="field">
          <label htmlFor={fileId}>{t('fieldLabels.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.txt,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
          />
          <p id={`${fileId}-hint`} className="field-hint">
            {t('importDialog.fileHint', { size: Math.round(maxImportBytes / 1024 / 1024) })}
          </p>
        </div>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
