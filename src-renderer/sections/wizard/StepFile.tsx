import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { readAsBase64 } from '../../files/read-as-base64';
import { TemplatePicker } from './TemplatePicker';
import { titleFromFileName } from './wizard-logic';

export interface ChosenFile {
  sha256: string;
  name: string;
  pageCount: number;
  /** The recent document it starts from: its layout and signers are copied. */
  from?: DocumentSummary | undefined;
}

interface StepFileProps {
  file: ChosenFile | null;
  title: string;
  /** A Draft exists: its file is fixed, only the title changes. */
  locked: boolean;
  titleError?: string | undefined;
  onFile(file: ChosenFile): void;
  onTitle(title: string): void;
}

/**
 * Step 1: the PDF, dropped anywhere on the window or chosen with the picker, taken in by `pdf.import` (its refusal
 * shown translated); or a template (which makes the Draft at once), or a recent document, to start from.
 */
export function StepFile({ file, title, locked, titleError, onFile, onTitle }: StepFileProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dragging, setDragging] = useState(false);
  const busy = useRef(false);

  const take = async (blob: File) => {
    if (busy.current || locked) return;
    busy.current = true;
    setError(null);
    setProgress(0);
    try {
      const data = await readAsBase64(blob, (done, total) => setProgress(total ? Math.round((done / total) * 90) : 0));
      setProgress(95);
      const info = await api.call('pdf.import', { data });
      onFile({ sha256: info.sha256, name: blob.name, pageCount: info.pageCount });
      if (!title) onTitle(titleFromFileName(blob.name));
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
      setProgress(null);
    }
  };

  // The whole window takes a dropped PDF while this step is shown, not only the drop zone.
  useEffect(() => {
    if (locked) return;
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      // The app-wide guard (useFileDropGuard) has marked the window as taking no files; this step takes one.
      e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const dropped = e.dataTransfer?.files[0];
      if (dropped) void take(dropped);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });

  return (
    <div className="wizard-step-body">
      {locked ? null : (
        <div className={`wizard-dropzone${dragging ? ' wizard-dropzone-active' : ''}`}>
          <p>{t('wizard.file.drop')}</p>
          <label htmlFor={inputId} className="button">
            {t('wizard.file.choose')}
          </label>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (chosen) void take(chosen);
            }}
          />
          {progress !== null ? <progress max={100} value={progress} aria-label={t('wizard.file.importing')} /> : null}
        </div>
      )}
      <ErrorNotice error={error} />
      {file ? (
        <p className="notice" role="status">
          {t('wizard.file.chosen', { name: file.name, count: file.pageCount })}
          {file.from ? ` ${t('wizard.file.fromDocument', { title: file.from.title })}` : ''}
        </p>
      ) : null}
      <TextField label={t('wizard.file.title')} value={title} onChange={onTitle} required maxLength={300} error={titleError} />
      {locked ? null : <TemplatePicker title={title} />}
      {locked ? null : <RecentPicker onPick={onFile} onTitle={(v) => !title && onTitle(v)} />}
    </div>
  );
}

/** The 20 most recently created documents; picking one reuses its file, signers and fields. */
function RecentPicker({ onPick, onTitle }: { onPick(file: ChosenFile): void; onTitle(title: string): void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.call('documents.list', { sort: 'created', descending: true, limit: 20 }).then(
      (r) => live && setItems(r.items),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);

  const pick = async (doc: DocumentSummary) => {
    try {
      const detail = await api.call('documents.get', { id: doc.id });
      onPick({ sha256: detail.originalSha256, name: detail.originalName, pageCount: 0, from: doc });
      onTitle(doc.title);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="wizard-recent" aria-labelledby="wizard-recent-heading">
      <h3 id="wizard-recent-heading">{t('wizard.file.recentHeading')}</h3>
      <ErrorNotice error={error} />
      {items && items.length === 0 ? <p className="muted">{t('wizard.file.noRecent')}</p> : null}
      <ul className="wizard-recent-list">
        {(items ?? []).map((d) => (
          <li key={d.id}>
            <button type="button" className="button button-small" onClick={() => void pick(d)}>
              {t('wizard.file.startFrom', { title: d.title })}
            </button>{' '}
            <span className="muted">{d.number}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
