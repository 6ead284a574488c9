import { lazy, Suspense, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeBase64 } from '../../../src-shared/fields/base64';
import type { Stage } from '../../../src-shared/documents/stages';
import type { DocumentDetail, DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PdfPreview } from '../../components/PdfPreview';
import { PanelSigningActions } from '../signing/PanelSigningActions';
import { DocumentTimeline } from './DocumentTimeline';
import { formatDay, formatMoney, stageName } from './format';
import { MoveMenu } from './MoveMenu';
import { SignerChips } from './SignerChips';
import { openWizard } from '../wizard/create-route';
import type { MoveOutcome } from './board-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStore } from '../../state/app-store';
import { moveTargets } from './move-rule';
import { reachesDocument } from '../../state/document-reach';
import { useMoveRule } from './use-move-rule';
import type { Phase } from '../../../src-shared/documents/lifecycle';

/** A document not in signing may be deleted; one signed, archived or out for signature is evidence and is kept. */
const deletablePhases: ReadonlySet<Phase> = new Set(['draft', 'cancelled', 'declined', 'expired']);

/** The field editor comes with pdf.js and its own styles: fetched when first opened. */
const DocumentFieldsDialog = lazy(() => import('../wizard/field-editor/DocumentFieldsDialog').then((m) => ({ default: m.DocumentFieldsDialog })));

interface DocumentPanelProps {
  summary: DocumentSummary;
  stages: readonly Stage[];
  onMove(doc: DocumentSummary, stageId: string): Promise<MoveOutcome>;
  /** The document was deleted: the panel is to close and the list to read again. */
  onDeleted(doc: DocumentSummary): void;
  onClose(): void;
}

/** One document opened from the board: its file, signers, history and a move menu (the keyboard's way to move it). */
export function DocumentPanel({ summary, stages, onMove, onDeleted, onClose }: DocumentPanelProps) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [pdf, setPdf] = useState<Blob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editingFields, setEditingFields] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const signersHeading = useId();
  const announce = useAppStore((s) => s.announce);
  const grants = useAppStore((s) => s.info?.grants);
  const rule = useMoveRule();

  const loadDetail = useCallback(
    () => api.call('documents.get', { id: summary.id }).then(setDetail, setError),
    [summary.id],
  );

  useEffect(() => {
    let live = true;
    api.call('documents.get', { id: summary.id }).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(e),
    );
    api.call('documents.file', { id: summary.id, which: 'original' }).then(
      (file) => {
        const bytes = decodeBase64(file.data);
        if (live && bytes) setPdf(new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }));
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [summary.id]);

  const doc = detail ?? summary;
  const stage = stages.find((s) => s.id === doc.stageId);
  const due = formatDay(doc.dueDate, i18n.language);
  // What the employee's levels reach: only those buttons are offered (the services still refuse the rest).
  const may = (action: 'documents.edit' | 'documents.delete') => reachesDocument(rule.subject, grants?.[action] ?? 'none', doc);
  const targets = moveTargets(rule, doc, stages);
  const deletable = deletablePhases.has(doc.phase) && !detail?.sealedSha256 && may('documents.delete');
  const remove = async () => {
    await api.call('documents.delete', { id: doc.id, version: doc.version });
    setDeleting(false);
    announce(t('permissions.deleteDocument.done', { title: doc.title }));
    onDeleted(doc);
  };
  const move = async (stageId: string) => {
    const outcome = await onMove(doc, stageId);
    if (outcome.ok) await loadDetail();
    return outcome;
  };

  return (
    <Dialog title={doc.title} onClose={onClose} size="large">
      <div className="document-panel">
        <div className="document-panel-preview">{pdf ? <PdfPreview data={pdf} /> : <p className="muted">{t('common.loading')}</p>}</div>
        <div className="document-panel-details">
          <ErrorNotice error={error} />
          <dl className="document-facts">
            <dt>{t('board.panel.number')}</dt>
            <dd>{doc.number}</dd>
            <dt>{t('board.panel.stage')}</dt>
            <dd>{stage ? stageName(t, stage) : ''}</dd>
            {doc.amountMinor !== undefined && doc.currency ? (
              <>
                <dt>{t('board.panel.amount')}</dt>
                <dd>{formatMoney(doc.amountMinor, doc.currency, i18n.language)}</dd>
              </>
            ) : null}
            {due ? (
              <>
                <dt>{t('board.panel.due')}</dt>
                <dd>{due}</dd>
              </>
            ) : null}
            <dt>{t('board.panel.owner')}</dt>
            <dd>{doc.ownerName}</dd>
          </dl>
          <PanelSigningActions doc={doc} onChanged={() => void loadDetail()} />
          {targets.length > 0 ? <MoveMenu doc={doc} stages={targets} onMove={move} /> : null}
          {doc.phase === 'draft' && pdf && may('documents.edit') ? (
            <div>
              <button type="button" className="button" onClick={() => setEditingFields(true)}>
                {t('fieldEditor.open')}
              </button>{' '}
              <button type="button" className="button button-primary" onClick={() => openWizard({ documentId: doc.id })}>
                {t('wizard.continue')}
              </button>
            </div>
          ) : null}
          {deletable ? (
            <div>
              <button type="button" className="button button-danger-outline" aria-haspopup="dialog" onClick={() => setDeleting(true)}>
                {t('permissions.deleteDocument.open')}
              </button>
            </div>
          ) : null}
          <section aria-labelledby={signersHeading}>
            <h3 id={signersHeading}>{t('board.panel.signers')}</h3>
            <SignerChips signers={doc.signers} detailed />
          </section>
          {detail ? <DocumentTimeline detail={detail} stages={stages} /> : null}
        </div>
      </div>
      {editingFields && pdf ? (
        <Suspense fallback={null}>
          <DocumentFieldsDialog documentId={doc.id} title={doc.title} file={pdf} onSaved={() => void loadDetail()} onClose={() => setEditingFields(false)} />
        </Suspense>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('permissions.deleteDocument.title', { title: doc.title })}
          question={t('permissions.deleteDocument.question', { number: doc.number })}
          confirmLabel={t('permissions.deleteDocument.confirm')}
          onCancel={() => setDeleting(false)}
          onConfirm={remove}
        />
      ) : null}
    </Dialog>
  );
}
