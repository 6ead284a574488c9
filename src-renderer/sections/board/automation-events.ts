import type { TFunction } from 'i18next';
import type { DocumentEventView } from '../../../src-shared/documents/types';
import { reasonText } from '../automation/messages';

/*
 * Automation's entries in a document's history, in words (issue 9): what a rule or trigger did, or why it was skipped
 * or failed, and the stop of a loop; one the company server ran says so. `undefined` for any other entry.
 */

export function describeAutomationEvent(t: TFunction, e: Pick<DocumentEventView, 'type' | 'details'>): string | undefined {
  const reason = reasonText(t, e.details?.reason);
  if (e.type === 'automationStopped') return t('board.timeline.automation.stopped', { reason });
  if (e.type !== 'automationRan') return undefined;
  const kind = e.details?.action ?? '';
  const values = {
    action: t(`automation.actions.kinds.${kind}`, { defaultValue: kind }),
    source: t(`board.timeline.automation.${e.details?.trigger ? 'byTrigger' : 'byRule'}${e.details?.byServer ? 'OnServer' : ''}`),
    reason,
  };
  switch (e.details?.outcome) {
    case 'failed':
      return t('board.timeline.automation.failed', values);
    case 'skipped':
      return t('board.timeline.automation.skipped', values);
    default:
      return reason ? t('board.timeline.automation.doneWithNote', values) : t('board.timeline.automation.done', values);
  }
}
