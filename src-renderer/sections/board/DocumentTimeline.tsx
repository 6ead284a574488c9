import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import type { DocumentDetail, DocumentEventView } from '../../../src-shared/documents/types';
import { formatMoment, stageName } from './format';
import { describeSigningEvent } from './signing-events';
import { describeAutomationEvent } from './automation-events';
import { actionLabel } from '../permissions/permission-labels';
import type { PermissionAction } from '../../../src-shared/permissions/actions';

/** The document's history, oldest first, with whether its hash chain still holds (an edited row breaks it). */
export function DocumentTimeline({ detail, stages }: { detail: DocumentDetail; stages: readonly Stage[] }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const nameOf = (id: string | undefined) => {
    const stage = stages.find((s) => s.id === id);
    return stage ? stageName(t, stage) : t('board.timeline.removedStage');
  };
  const describe = (e: DocumentEventView) => {
    const signing = describeSigningEvent(t, e, detail.signers) ?? describeAutomationEvent(t, e);
    if (signing) return signing;
    if (e.type === 'stageMoved' && (e.details?.trigger || e.details?.rule)) return t('board.timeline.stageMovedByAutomation', { from: nameOf(e.details.from), to: nameOf(e.details.to) });
    if (e.type === 'stageMoved') return t('board.timeline.stageMoved', { from: nameOf(e.details?.from), to: nameOf(e.details?.to) });
    if (e.type === 'created') return t('board.timeline.created');
    if (e.type === 'fieldsSaved') return t('board.timeline.fieldsSaved', { fields: e.details?.fields ?? '0' });
    if (e.type === 'updated') return t('board.timeline.updated', { changed: e.details?.changed ?? '' });
    if (e.type === 'syncRefused') {
      const action = e.details?.action ?? '';
      const values = { fields: e.details?.fields ?? '', action: action ? actionLabel(t, action as PermissionAction) : '' };
      return e.details?.fields === 'deleted' ? t('board.timeline.syncRefusedDeletion', values) : t('board.timeline.syncRefused', values);
    }
    // An event type this version does not know yet (written by a newer one): shown as stored rather than hidden.
    return e.type;
  };
  return (
    <section aria-labelledby={headingId} className="document-timeline">
      <h3 id={headingId}>
        {t('board.timeline.heading')}{' '}
        <span className={`badge ${detail.chainIntact ? 'badge-ok' : 'badge-bad'}`}>{detail.chainIntact ? t('board.timeline.intact') : t('board.timeline.broken')}</span>
      </h3>
      <ol>
        {detail.events.map((e) => (
          <li key={e.seq}>
            <span className="timeline-what">{describe(e)}</span>
            <span className="timeline-who">
              {e.actor} · <time dateTime={e.at}>{formatMoment(e.at, i18n.language)}</time>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
