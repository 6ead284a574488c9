import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../../src-shared/automation/automation';
import type { User } from '../../../src-shared/company/schema';
import type { Stage } from '../../../src-shared/documents/stages';
import { CheckboxField, TextField } from '../../components/Field';
import { stageName } from '../board/format';
import { actionFormOf, actionOf } from './action-form';
import { ActionFields } from './ActionFields';
import { ConditionBuilder } from './ConditionBuilder';
import { conditionFormOf, conditionOf, type TestError } from './condition-form';
import { FormDialog } from '../../components/FormDialog';
import { TimingFields } from './TimingFields';
import { timingFormOf, timingOf } from './timing-form';

/** What saving sends: `automation.saveRule`'s input. */
export type RuleInput = Omit<Rule, 'id' | 'position'> & { id?: string; position?: number };

interface RuleDialogProps {
  stage: Stage;
  /** The rule edited; none: a new one, last of the stage. */
  rule?: Rule | undefined;
  users: readonly User[];
  stages: readonly Stage[];
  currentUserId: string;
  onClose(): void;
  /** Throws the service's refusal, which the dialog shows. */
  onSave(input: RuleInput, webhookSecret?: { name: string; secret: string }): Promise<void>;
}

const fields = ['name', 'userId', 'to', 'tag', 'url', 'secretName', 'secret', 'minutes', 'time', 'days', 'condition', 'value', 'currency'] as const;

/** A rule of a stage: what it does, when after the document enters the stage, and only if what holds. */
export function RuleDialog({ stage, rule, users, stages, currentUserId, onClose, onSave }: RuleDialogProps) {
  const { t } = useTranslation();
  const others = stages.filter((s) => s.id !== stage.id);
  const [name, setName] = useState(rule?.name ?? '');
  const [action, setAction] = useState(() => actionFormOf(rule?.action, { userId: currentUserId, stageId: others[0]?.id ?? '' }));
  const [timing, setTiming] = useState(() => timingFormOf(rule?.timing));
  const [condition, setCondition] = useState(() => conditionFormOf(rule?.condition));
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [actionTests, setActionTests] = useState<Record<number, TestError>>({});
  const [conditionTests, setConditionTests] = useState<Record<number, TestError>>({});

  const submit = async () => {
    const a = actionOf(action);
    const w = timingOf(timing);
    const c = conditionOf(condition);
    const errors: Record<string, string> = {};
    if (a.errors?.field) errors[a.errors.field] = t(a.errors.key);
    if (w.error) errors[w.error.field] = t(w.error.key);
    setLocalErrors(errors);
    setActionTests(a.errors?.tests ?? {});
    setConditionTests(c.errors);
    if (!a.action || !w.timing || Object.keys(c.errors).length > 0) return;
    const trimmed = name.trim();
    const secret = a.action.kind === 'webhook' && action.secret ? { name: a.action.secretName, secret: action.secret } : undefined;
    await onSave({
      ...(rule ? { id: rule.id, position: rule.position } : {}),
      stageId: stage.id,
      ...(trimmed ? { name: trimmed } : {}),
      action: a.action,
      timing: w.timing,
      ...(c.condition && c.condition.tests.length > 0 ? { condition: c.condition } : {}),
      enabled,
    }, secret);
  };

  return (
    <FormDialog
      size="large"
      className="automation-form"
      title={rule ? t('automation.editor.editRuleTitle', { stage: stageName(t, stage) }) : t('automation.editor.newRuleTitle', { stage: stageName(t, stage) })}
      submitLabel={rule ? t('common.save') : t('automation.editor.addRule')}
      fields={fields}
      localErrors={localErrors}
      onClose={onClose}
      onSubmit={submit}
    >
      {(errors) => (
        <>
          <p className="muted">{t('automation.section.rulesLead')}</p>
          <ActionFields value={action} onChange={setAction} users={users} stages={others} errors={errors} testErrors={actionTests} />
          <TimingFields value={timing} onChange={setTiming} errors={errors} />
          <ConditionBuilder legend={t('automation.editor.onlyIf')} hint={t('automation.editor.onlyIfHint')} value={condition} onChange={setCondition} users={users} errors={conditionTests} />
          <TextField label={t('automation.editor.name')} hint={t('automation.editor.nameHint')} value={name} onChange={setName} maxLength={200} error={errors.name} />
          <CheckboxField label={t('automation.editor.enabled')} hint={t('automation.editor.enabledHint')} checked={enabled} onChange={setEnabled} />
        </>
      )}
    </FormDialog>
  );
}
