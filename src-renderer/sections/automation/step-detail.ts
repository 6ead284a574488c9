import type { TFunction } from 'i18next';
import type { DryRunStep } from '../../../src-shared/automation/runs';
import { stageName } from '../board/format';
import type { Names } from './labels';
import { messageText } from './messages';

/*
 * A dry-run step's "Details": why it would be refused (its message key), or what it would do, from the values the
 * engine gave (the stage it would move into, who it would notify or e-mail, the webhook it would call).
 */
export function stepDetail(t: TFunction, step: Pick<DryRunStep, 'messageKey' | 'params'>, names: Names): string {
  const params = step.params ?? {};
  const stage = params.stageId ? names.stages.find((s) => s.id === params.stageId) : undefined;
  const stageLabel = stage ? stageName(t, stage) : params.stageId ? t('automation.section.stageGone') : '';
  const values = { ...params, ...(params.stageId ? { stage: stageLabel } : {}) };
  const lines: string[] = [];
  if (step.messageKey) lines.push(messageText(t, step.messageKey, values));
  if (params.stageId) lines.push(t('automation.dryRun.into', { stage: stageLabel }));
  if (params.to) {
    const to = params.to
      .split(', ')
      .map((r) => (r === 'parties' ? t('automation.dryRun.everyParty') : r))
      .join(', ');
    lines.push(params.email ? t('automation.dryRun.toWithEmail', { to, email: params.email }) : t('automation.dryRun.to', { to }));
  }
  if (params.url) lines.push(t('automation.dryRun.post', { url: params.url }));
  if (params.tag) lines.push(t('automation.dryRun.tag', { tag: params.tag }));
  if (params.userId) lines.push(t('automation.dryRun.owner', { name: names.users.find((u) => u.id === params.userId)?.name ?? params.userId }));
  return lines.join(' ');
}
