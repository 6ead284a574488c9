import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFields } from '../../../src-shared/fields/document-fields';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { EditorOutput } from './field-editor/editor-state';
import { FieldEditor, type FieldEditorSigner } from './field-editor/FieldEditor';
import { signerColor } from './field-editor/signer-colors';
import { StepProblem } from './StepProblem';
import { orphanFields } from './wizard-logic';

function blobOf(base64: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: 'application/pdf' });
}

/**
 * Step 3: the field editor over the Draft. Fields left without a signer (one was removed in step 2) are named and
 * left out, since the save would refuse them.
 */
export function StepFields({ documentId, problem, onLoaded, onChange }: { documentId: string; problem?: string | undefined; onLoaded(fields: DocumentFields): void; onChange(output: EditorOutput): void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ fields: DocumentFields; file: Blob } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.call('documents.fields.get', { id: documentId }), api.call('documents.file', { id: documentId, which: 'original' })]).then(
      ([fields, file]) => {
        if (!live) return;
        setLoaded({ fields, file: blobOf(file.data) });
        onLoaded(fields);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // Loaded once per Draft: the editor owns the layout from then on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId]);

  const refs = useMemo(() => (loaded ? loaded.fields.signers.map((s) => s.ref) : []), [loaded]);
  const orphans = loaded ? orphanFields(loaded.fields.layout, refs) : [];
  const signers = useMemo<FieldEditorSigner[]>(
    () => (loaded?.fields.signers ?? []).map((s, i) => ({ id: s.ref, name: s.name, side: s.side, color: signerColor(i), contact: s.contact })),
    [loaded],
  );
  const layout = useMemo(() => (loaded ? { fields: loaded.fields.layout.fields.filter((f) => refs.includes(f.signerId)) } : undefined), [loaded, refs]);

  return (
    <div className="wizard-step-body">
      <ErrorNotice error={error} />
      <StepProblem text={problem} />
      {orphans.length ? (
        <div className="notice" role="status">
          <p>{t('wizard.fields.orphaned', { count: orphans.length })}</p>
          <ul>
            {orphans.map((f) => (
              <li key={f.id}>{t('wizard.fields.orphan', { kind: t(`fieldEditor.kind.${f.kind}`), page: f.page + 1, signer: f.signerId })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {loaded && layout ? (
        <FieldEditor file={loaded.file} pageSizes={loaded.fields.pageSizes} signers={signers} initialLayout={layout} initialValues={loaded.fields.values} onChange={onChange} />
      ) : error ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </div>
  );
}
