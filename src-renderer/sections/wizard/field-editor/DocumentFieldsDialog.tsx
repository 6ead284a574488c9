import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFields } from '../../../../src-shared/fields/document-fields';
import { api } from '../../../api';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import type { EditorOutput } from './editor-state';
import { FieldEditor, type FieldEditorSigner } from './FieldEditor';
import { signerColor } from './signer-colors';

interface DocumentFieldsDialogProps {
  documentId: string;
  title: string;
  /** The original, already loaded by whoever opens the editor. */
  file: Blob;
  onSaved(): void;
  onClose(): void;
}

/**
 * The field editor over a stored document: its layout loaded, saved with `documents.fields.save`. Until the preparation
 * wizard exists this is how a Draft's fields are laid out (from the document panel); the wizard's step 3 will hold
 * the same `FieldEditor` and save the same way.
 */
export function DocumentFieldsDialog({ documentId, title, file, onSaved, onClose }: DocumentFieldsDialogProps) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<DocumentFields | null>(null);
  const [output, setOutput] = useState<EditorOutput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('documents.fields.get', { id: documentId }).then(
      (fields) => live && setLoaded(fields),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  const signers = useMemo<FieldEditorSigner[]>(
    () => (loaded?.signers ?? []).map((s, i) => ({ id: s.ref, name: s.name, side: s.side, color: signerColor(i), contact: s.contact })),
    [loaded],
  );

  const problems = output?.issues.length ?? 0;
  const save = async () => {
    setTried(true);
    if (!loaded || !output || problems > 0 || saving) return;
    setSaving(true);
    setError(null);
    try {
      await api.call('documents.fields.save', { id: documentId, version: loaded.version, layout: output.layout, values: output.values });
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  const footer = (
    <div className="field-editor-footer">
      {tried && problems > 0 ? (
        <p className="field-error" role="alert">
          {t('fieldEditor.fixFirst', { count: problems })}
        </p>
      ) : null}
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      {loaded?.editable ? (
        <button type="button" className="button button-primary" aria-disabled={saving} onClick={() => void save()}>
          {saving ? t('common.saving') : t('fieldEditor.save')}
        </button>
      ) : null}
    </div>
  );

  return (
    <Dialog title={t('fieldEditor.title', { title })} onClose={onClose} size="large" footer={footer}>
      <ErrorNotice error={error} />
      {loaded && !loaded.editable ? <p className="notice">{t('documents.fields.notDraft')}</p> : null}
      {loaded ? (
        <FieldEditor file={file} pageSizes={loaded.pageSizes} signers={signers} initialLayout={loaded.layout} initialValues={loaded.values} onChange={setOutput} />
      ) : error ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </Dialog>
  );
}
