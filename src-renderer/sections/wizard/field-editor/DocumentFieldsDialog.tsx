import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFields } from '../../../../src-shared/fields/document-fields';
import { api } from '../../../api';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { DiscardFieldsDialog } from './DiscardFieldsDialog';
import type { EditorOutput } from './editor-state';
import { FieldEditor, type FieldEditorSigner } from './FieldEditor';
import { signerColor } from './signer-colors';
import { useLeaveGuard } from './use-leave-guard';

interface DocumentFieldsDialogProps {
  documentId: string;
  title: string;
  /** The original, already loaded by whoever opens the editor. */
  file: Blob;
  onSaved(): void;
  onClose(): void;
}

/**
 * The field editor over a stored document (from the document panel; the wizard's step 3 holds the same `FieldEditor`):
 * its layout loaded, saved with `documents.fields.save`. Edits not saved are not dropped without asking: closing the
 * dialog (Escape, ×, Cancel), a change of address and closing the window ask first (see `useLeaveGuard`).
 */
export function DocumentFieldsDialog({ documentId, title, file, onSaved, onClose }: DocumentFieldsDialogProps) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<DocumentFields | null>(null);
  const [output, setOutput] = useState<EditorOutput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  /** Asked "discard the changes?", with what follows a yes. */
  const [leaving, setLeaving] = useState<{ leave(): void } | null>(null);

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
  // Only what could be saved is worth asking about: a document past Draft opens read-only in effect.
  const dirty = Boolean(loaded?.editable && output?.changed) && !saving;
  const requestClose = () => (dirty ? setLeaving({ leave: onClose }) : onClose());
  useLeaveGuard(dirty, (leave) =>
    setLeaving({
      leave: () => {
        onClose();
        leave();
      },
    }),
  );
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
      <button type="button" className="button" onClick={requestClose}>
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
    <Dialog title={t('fieldEditor.title', { title })} onClose={requestClose} size="large" footer={footer}>
      <ErrorNotice error={error} />
      {loaded && !loaded.editable ? <p className="notice">{t('documents.fields.notDraft')}</p> : null}
      {loaded ? (
        <FieldEditor file={file} pageSizes={loaded.pageSizes} signers={signers} initialLayout={loaded.layout} initialValues={loaded.values} onChange={setOutput} />
      ) : error ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
      {leaving ? <DiscardFieldsDialog onKeep={() => setLeaving(null)} onDiscard={leaving.leave} /> : null}
    </Dialog>
  );
}
