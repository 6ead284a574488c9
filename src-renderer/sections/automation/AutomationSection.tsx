import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { useCan } from '../../state/grants';
import { useAction } from '../../state/use-action';
import { useUsers } from '../../state/use-users';
import { useStages } from '../settings/use-stages';
import { DryRunCard } from './DryRunCard';
import { ExecutionLogCard } from './ExecutionLogCard';
import { ruleTitle, triggerTitle, type Names } from './labels';
import { RuleDialog, type RuleInput } from './RuleDialog';
import { StageCard, type EntryCommand } from './StageCard';
import { TriggerDialog, type TriggerInput } from './TriggerDialog';
import { useAutomationView } from './use-automation-view';
import './automation.css';
import { SectionHeader } from '../../components/SectionHeader';

/** "e-Podpis > Automatyzacja": per stage, its triggers and rules; a test run on a document; the engine's log. */
export function AutomationSection({ headingRef, userId }: { headingRef: RefObject<HTMLHeadingElement | null>; userId: string }) {
  const { t } = useTranslation();
  const canManage = useCan('automation.manage');
  return (
    <section className="section" aria-labelledby="section-title">
      <SectionHeader headingRef={headingRef} title={t('nav.automation')} lead={t('automation.section.lead')} />
      {canManage ? <AutomationEditor userId={userId} /> : <p className="card">{t('automation.section.notAllowed')}</p>}
    </section>
  );
}

type Editing = { kind: 'rule' | 'trigger'; stage: Stage; command?: EntryCommand | undefined } | { kind: 'delete'; command: EntryCommand };

function AutomationEditor({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const { view, loadError, reload, apply } = useAutomationView();
  const { stages, loadError: stagesError, reload: reloadStages } = useStages();
  const { users } = useUsers();
  const toggle = useAction();
  const [editing, setEditing] = useState<Editing | null>(null);
  const names: Names = useMemo(() => ({ users: users ?? [], stages: stages ?? [], language: i18n.language }), [users, stages, i18n.language]);

  const error = loadError ?? stagesError;
  if (!view || !stages) return error ? <ErrorNotice error={error} onRetry={() => void Promise.all([reload(), reloadStages()])} /> : <p aria-busy="true">{t('common.loading')}</p>;

  const title = (c: EntryCommand) => (c.kind === 'rule' ? ruleTitle(t, c.entry, names) : triggerTitle(t, c.entry));
  const stageOf = (id: string) => stages.find((s) => s.id === id);
  const close = () => setEditing(null);
  const focusStage = (stageId: string) => setTimeout(() => document.getElementById(`automation-stage-${stageId}`)?.focus(), 0);

  const saveRule = async (input: RuleInput, webhookSecret?: { name: string; secret: string }) => {
    // The secret first, into the keychain: a rule never waits for a secret that was typed but not kept.
    if (webhookSecret) await api.call('automation.setWebhookSecret', webhookSecret);
    await apply(api.call('automation.saveRule', input));
    close();
    announce(t(input.id ? 'automation.section.ruleSaved' : 'automation.section.ruleAdded', { name: ruleTitle(t, input, names) }));
  };
  const saveTrigger = async (input: TriggerInput) => {
    await apply(api.call('automation.saveTrigger', input));
    close();
    announce(t(input.id ? 'automation.section.triggerSaved' : 'automation.section.triggerAdded', { name: triggerTitle(t, input) }));
  };
  const onToggle = (c: EntryCommand) =>
    void toggle.run(async () => {
      const enabled = !c.entry.enabled;
      await apply(c.kind === 'rule' ? api.call('automation.saveRule', { ...c.entry, enabled }) : api.call('automation.saveTrigger', { ...c.entry, enabled }));
      announce(t(enabled ? 'automation.section.turnedOn' : 'automation.section.turnedOff', { name: title(c) }));
    });
  const remove = async (c: EntryCommand) => {
    await apply(c.kind === 'rule' ? api.call('automation.deleteRule', { id: c.entry.id }) : api.call('automation.deleteTrigger', { id: c.entry.id }));
    close();
    announce(t(c.kind === 'rule' ? 'automation.section.ruleDeleted' : 'automation.section.triggerDeleted', { name: title(c) }));
    // The row and its button are gone: the stage's heading takes the focus rather than the page's body.
    focusStage(c.entry.stageId);
  };

  const editStage = editing && editing.kind !== 'delete' ? editing.stage : undefined;
  const deleting = editing?.kind === 'delete' ? editing.command : undefined;

  return (
    <>
      <ErrorNotice error={toggle.error} />
      {stages.map((stage) => (
        <StageCard
          key={stage.id}
          stage={stage}
          triggers={view.triggers.filter((tr) => tr.stageId === stage.id)}
          rules={view.rules.filter((r) => r.stageId === stage.id)}
          names={names}
          onAdd={(kind, s) => setEditing({ kind, stage: s })}
          onEdit={(command) => {
            const s = stageOf(command.entry.stageId);
            if (s) setEditing({ kind: command.kind, stage: s, command });
          }}
          onToggle={onToggle}
          onDelete={(command) => setEditing({ kind: 'delete', command })}
        />
      ))}
      <DryRunCard view={view} names={names} />
      <ExecutionLogCard view={view} names={names} />
      {editing?.kind === 'rule' && editStage ? (
        <RuleDialog stage={editStage} rule={editing.command?.kind === 'rule' ? editing.command.entry : undefined} users={names.users} stages={stages} currentUserId={userId} onClose={close} onSave={saveRule} />
      ) : null}
      {editing?.kind === 'trigger' && editStage ? <TriggerDialog stage={editStage} trigger={editing.command?.kind === 'trigger' ? editing.command.entry : undefined} users={names.users} onClose={close} onSave={saveTrigger} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t(deleting.kind === 'rule' ? 'automation.section.deleteRuleTitle' : 'automation.section.deleteTriggerTitle', { name: title(deleting) })}
          question={t(deleting.kind === 'rule' ? 'automation.section.deleteRuleQuestion' : 'automation.section.deleteTriggerQuestion')}
          confirmLabel={t('automation.section.delete')}
          onCancel={close}
          onConfirm={() => remove(deleting)}
        />
      ) : null}
    </>
  );
}
