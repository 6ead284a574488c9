import { useTranslation } from 'react-i18next';
import type { FieldPlacement } from '../../../src-shared/fields/placement';
import { validateFieldValue } from '../../../src-shared/fields/values';
import { translateKey } from '../../i18n/format-error';
import type { DraftValues } from './signer-fields';

interface SignerFieldsFormProps {
  fields: readonly FieldPlacement[];
  values: DraftValues;
  /** Fields whose input has been left once: their problem shows from then on, not while the first letters are typed. */
  touched: ReadonlySet<string>;
  country: string | undefined;
  onChange(id: string, value: string | boolean): void;
  onBlur(id: string): void;
}

export const fieldInputId = (fieldId: string) => `sign-field-${fieldId}`;

const inputTypes: Partial<Record<FieldPlacement['kind'], string>> = { email: 'email', phone: 'tel' };

/** The signer's own fields, in page order, checked as the service will check them. */
export function SignerFieldsForm({ fields, values, touched, country, onChange, onBlur }: SignerFieldsFormProps) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <fieldset className="sign-fields">
      <legend>{t('signingUi.fields.legend')}</legend>
      {fields.map((f) => {
        const id = fieldInputId(f.id);
        const label = `${f.label ?? t(`fieldEditor.kind.${f.kind}`)} · ${t('signingUi.fields.page', { page: f.page + 1 })}`;
        const checked = validateFieldValue(f, values[f.id], { country });
        const error = touched.has(f.id) && !checked.ok ? translateKey(t, checked.issue.messageKey, 'validation.invalid') : undefined;
        const errorId = `${id}-error`;
        if (f.kind === 'checkbox') {
          return (
            <div key={f.id} className="field field-checkbox">
              <label>
                <input
                  id={id}
                  type="checkbox"
                  checked={values[f.id] === true}
                  required={f.required}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => onChange(f.id, e.target.checked)}
                  onBlur={() => onBlur(f.id)}
                />{' '}
                {label}
                {f.required ? <span className="required-mark" aria-hidden="true"> *</span> : null}
              </label>
              {error ? <p id={errorId} className="field-error">{error}</p> : null}
            </div>
          );
        }
        const value = typeof values[f.id] === 'string' ? (values[f.id] as string) : '';
        return (
          <div key={f.id} className="field">
            <label htmlFor={id}>
              {label}
              {f.required ? <span className="required-mark" aria-hidden="true"> *</span> : null}
            </label>
            <input
              id={id}
              type={inputTypes[f.kind] ?? 'text'}
              inputMode={f.kind === 'number' ? 'decimal' : undefined}
              value={value}
              placeholder={f.placeholder}
              required={f.required}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange(f.id, e.target.value)}
              onBlur={() => onBlur(f.id)}
            />
            {error ? <p id={errorId} className="field-error">{error}</p> : null}
          </div>
        );
      })}
    </fieldset>
  );
}
