import { LabelledInput } from '../settings/LabelledInput';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timing } from '../../../src-shared/automation/automation';
import { SelectField, TextField } from '../../components/Field';
import { delayUnits, type TimingForm } from './timing-form';

const kinds: readonly Timing['kind'][] = ['immediately', 'after', 'at'];

/** "When it runs": at once, after a delay in minutes, hours or days, or at a time of day (and days later still). */
export function TimingFields({ value, onChange, errors }: { value: TimingForm; onChange(next: TimingForm): void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const name = useId();
  const set = (patch: Partial<TimingForm>) => onChange({ ...value, ...patch });

  return (
    <fieldset className="automation-timing">
      <legend>{t('automation.timing.legend')}</legend>
      <div className="automation-radios">
        {kinds.map((kind) => (
          <label key={kind} className="checkbox">
            <input type="radio" name={name} value={kind} checked={value.kind === kind} onChange={() => set({ kind })} />
            {t(`automation.timing.kinds.${kind}`)}
          </label>
        ))}
      </div>
      {value.kind === 'after' ? (
        <div className="field-row">
          <TextField label={t('automation.timing.amount')} value={value.amount} onChange={(amount) => set({ amount })} inputMode="numeric" maxLength={7} required error={errors.amount ?? errors.minutes} />
          <SelectField label={t('automation.timing.unit')} value={value.unit} onChange={(unit) => set({ unit })} options={delayUnits.map((u) => ({ value: u, label: t(`automation.timing.units.${u}`) }))} />
        </div>
      ) : null}
      {value.kind === 'at' ? (
        <div className="field-row">
          <LabelledInput type="time" label={t('automation.timing.time')} hint={t('automation.timing.timeHint')} value={value.time} onChange={(e) => set({ time: e.target.value })} required error={errors.time} />
          <TextField label={t('automation.timing.days')} hint={t('automation.timing.daysHint')} value={value.days} onChange={(days) => set({ days })} inputMode="numeric" maxLength={3} error={errors.days} />
        </div>
      ) : null}
    </fieldset>
  );
}
