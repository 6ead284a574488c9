import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { comparisonsOf, conditionFields, type ConditionField } from '../../../src-shared/automation/conditions';
import type { User } from '../../../src-shared/company/schema';
import { currencies } from '../../../src-shared/documents/money';
import { SelectField, TextField } from '../../components/Field';
import { kindOf, newTest, takesNoValue, withField, type ConditionForm, type TestError, type TestForm } from './condition-form';

interface ConditionBuilderProps {
  legend: string;
  hint: string;
  value: ConditionForm;
  onChange(next: ConditionForm): void;
  users: readonly User[];
  /** The rows' problems by index, as message keys. */
  errors: Record<number, TestError>;
  /** One problem of the whole condition (none given where one is needed), translated. */
  error?: string | undefined;
}

/** Tests on the document's own fields, each a row of pickers; all of them must hold, or any one. */
export function ConditionBuilder({ legend, hint, value, onChange, users, errors, error }: ConditionBuilderProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  // The row to focus after the render that shows it (or 'add': the Add button, after a removal).
  const focusRow = useRef<string | null>(null);
  const errorId = useId();

  // A row added (or removed) by keyboard: focus its first picker, or the Add button, rather than losing it.
  useEffect(() => {
    const row = focusRow.current;
    if (!row) return;
    focusRow.current = null;
    const target = row === 'add' ? listRef.current?.parentElement?.querySelector<HTMLElement>('.automation-add-test') : listRef.current?.querySelector<HTMLElement>(`[data-row="${row}"] select`);
    target?.focus();
  });

  const update = (index: number, row: TestForm) => onChange({ ...value, tests: value.tests.map((r, i) => (i === index ? row : r)) });
  const add = () => {
    const row = newTest();
    onChange({ ...value, tests: [...value.tests, row] });
    focusRow.current = row.key;
  };
  const remove = (index: number) => {
    onChange({ ...value, tests: value.tests.filter((_, i) => i !== index) });
    focusRow.current = 'add';
  };

  return (
    <fieldset className="automation-condition">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {value.tests.length > 1 ? (
        <SelectField
          label={t('automation.editor.match')}
          value={value.match}
          onChange={(match) => onChange({ ...value, match })}
          options={[
            { value: 'all', label: t('automation.editor.matchAll') },
            { value: 'any', label: t('automation.editor.matchAny') },
          ]}
          className="field-half"
        />
      ) : null}
      <ol ref={listRef} className="automation-tests">
        {value.tests.map((row, i) => (
          <li key={row.key} data-row={row.key}>
            <TestRow index={i} row={row} users={users} error={errors[i]} onChange={(next) => update(i, next)} onRemove={() => remove(i)} />
          </li>
        ))}
      </ol>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      {/* Named by the problem when the condition is missing, and focused by the editor as the field to fix. */}
      <button type="button" className="button button-small automation-add-test" onClick={add} aria-describedby={error ? errorId : undefined} data-invalid={error ? '' : undefined}>
        {t('automation.editor.addTest')}
      </button>
    </fieldset>
  );
}

function TestRow({ index, row, users, error, onChange, onRemove }: { index: number; row: TestForm; users: readonly User[]; error: TestError | undefined; onChange(next: TestForm): void; onRemove(): void }) {
  const { t } = useTranslation();
  const kind = kindOf(row.field);
  const valueError = error?.field === 'value' ? t(error.key) : undefined;
  const label = t('automation.editor.testLabel', { number: index + 1 });

  return (
    <fieldset className="automation-test">
      <legend className="visually-hidden">{label}</legend>
      <span className="automation-test-number" aria-hidden="true">
        {index + 1}.
      </span>
      <SelectField<ConditionField> label={t('automation.editor.field')} value={row.field} onChange={(field) => onChange(withField(row, field))} options={conditionFields.map((f) => ({ value: f, label: t(`automation.editor.fields.${f}`) }))} />
      <SelectField
        label={t('automation.editor.comparison')}
        value={row.op}
        onChange={(op) => onChange({ ...row, op })}
        options={comparisonsOf[row.field].map((op) => ({ value: op, label: t(row.field === 'tag' ? 'automation.editor.ops.hasTag' : `automation.editor.ops.${op}`) }))}
      />
      {takesNoValue(row.op) ? null : kind === 'user' ? (
        <SelectField label={t('automation.editor.employee')} value={row.value} onChange={(v) => onChange({ ...row, value: v })} options={[{ value: '', label: t('automation.editor.chooseEmployee') }, ...users.map((u) => ({ value: u.id, label: u.name }))]} error={valueError} />
      ) : (
        <TextField
          label={t(kind === 'money' ? 'automation.editor.amount' : kind === 'days' ? 'automation.editor.days' : kind === 'count' ? 'automation.editor.count' : 'automation.editor.text')}
          value={row.value}
          onChange={(v) => onChange({ ...row, value: v })}
          inputMode={kind === 'text' ? 'text' : 'numeric'}
          maxLength={kind === 'text' ? 500 : 20}
          error={valueError}
          hint={kind === 'days' ? t('automation.editor.daysHint') : undefined}
        />
      )}
      {kind === 'money' && !takesNoValue(row.op) ? (
        <SelectField label={t('automation.editor.currency')} value={row.currency} onChange={(currency) => onChange({ ...row, currency })} options={currencies.map((c) => ({ value: c, label: c }))} error={error?.field === 'currency' ? t(error.key) : undefined} />
      ) : null}
      <button type="button" className="button button-small automation-remove-test" aria-label={t('automation.editor.removeTest', { number: index + 1 })} onClick={onRemove}>
        {t('automation.editor.remove')}
      </button>
    </fieldset>
  );
}
