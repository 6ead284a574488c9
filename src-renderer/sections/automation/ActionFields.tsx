import { LabelledInput } from '../settings/LabelledInput';
import { useTranslation } from 'react-i18next';
import type { RuleActionKind } from '../../../src-shared/automation/automation';
import type { User } from '../../../src-shared/company/schema';
import type { Stage } from '../../../src-shared/documents/stages';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { stageName } from '../board/format';
import { actionKinds, type ActionForm } from './action-form';
import { ConditionBuilder } from './ConditionBuilder';
import type { TestError } from './condition-form';

interface ActionFieldsProps {
  value: ActionForm;
  onChange(next: ActionForm): void;
  users: readonly User[];
  /** Stages a "move to" may name: every stage but the rule's own. */
  stages: readonly Stage[];
  errors: Record<string, string>;
  testErrors: Record<number, TestError>;
}

/** The action's kind and, below it, the fields that kind takes. */
export function ActionFields({ value, onChange, users, stages, errors, testErrors }: ActionFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<ActionForm>) => onChange({ ...value, ...patch });
  const employee = (label: string) => (
    <SelectField label={label} value={value.userId} onChange={(userId) => set({ userId })} options={[{ value: '', label: t('automation.editor.chooseEmployee') }, ...users.map((u) => ({ value: u.id, label: u.name }))]} required error={errors.userId} />
  );

  return (
    <div className="automation-action">
      <SelectField<RuleActionKind>
        label={t('automation.actions.kind')}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        options={actionKinds.map((k) => ({ value: k, label: t(`automation.actions.kinds.${k}`) }))}
        hint={t(`automation.actions.hints.${value.kind}`)}
      />
      {value.kind === 'notify' ? (
        <>
          {employee(t('automation.actions.whom'))}
          <TextAreaField label={t('automation.actions.message')} hint={t('automation.actions.messageHint')} value={value.message} onChange={(message) => set({ message })} maxLength={2000} rows={2} />
          <CheckboxField label={t('automation.actions.alsoEmail')} checked={value.email} onChange={(email) => set({ email })} />
        </>
      ) : null}
      {value.kind === 'emailSealed' ? (
        <>
          <CheckboxField label={t('automation.actions.toParties')} checked={value.toParties} onChange={(toParties) => set({ toParties })} />
          <TextField label={t('automation.actions.to')} hint={t('automation.actions.toHint')} value={value.to} onChange={(to) => set({ to })} type="text" inputMode="email" maxLength={5000} error={errors.to} />
        </>
      ) : null}
      {value.kind === 'setOwner' ? employee(t('automation.actions.newOwner')) : null}
      {value.kind === 'addTag' ? <TextField label={t('automation.actions.tag')} value={value.tag} onChange={(tag) => set({ tag })} maxLength={50} required error={errors.tag} /> : null}
      {value.kind === 'moveTo' ? (
        <SelectField
          label={t('automation.actions.stage')}
          value={value.stageId}
          onChange={(stageId) => set({ stageId })}
          options={[{ value: '', label: t('automation.actions.chooseStage') }, ...stages.map((s) => ({ value: s.id, label: stageName(t, s) }))]}
          required
          error={errors.stageId}
        />
      ) : null}
      {value.kind === 'webhook' ? (
        <>
          <TextField label={t('automation.actions.url')} value={value.url} onChange={(url) => set({ url })} maxLength={2000} required placeholder="https://" error={errors.url} />
          <TextField label={t('automation.actions.secretName')} hint={t('automation.actions.secretNameHint')} value={value.secretName} onChange={(secretName) => set({ secretName })} maxLength={100} required error={errors.secretName} />
          <LabelledInput type="password" autoComplete="new-password" label={t('automation.actions.secret')} hint={t('automation.actions.secretHint')} value={value.secret} onChange={(e) => set({ secret: e.target.value })} maxLength={500} error={errors.secret} />
        </>
      ) : null}
      {value.kind === 'waitFor' ? (
        <ConditionBuilder
          legend={t('automation.actions.waitUntil')}
          hint={t('automation.actions.waitUntilHint')}
          value={value.waitFor}
          onChange={(waitFor) => set({ waitFor })}
          users={users}
          errors={testErrors}
          error={errors.waitFor}
        />
      ) : null}
    </div>
  );
}
