import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedSources, imageFieldKinds, isSystemFilled, type FieldKind, type FieldSource } from '../../../../src-shared/fields/kinds';
import type { FieldPlacement } from '../../../../src-shared/fields/placement';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/Field';
import type { DraftValue, EditorAction, FieldIssue } from './editor-state';
import type { FieldEditorSigner } from './FieldEditor';

interface FieldPropertiesProps {
  field: FieldPlacement | undefined;
  value: DraftValue | undefined;
  signers: readonly FieldEditorSigner[];
  /** What is wrong with this field. */
  issues: readonly FieldIssue[];
  act(action: EditorAction, after?: { focus?: boolean; announce?: string }): void;
}

const noSource = '';
const formatPoints = (n: number) => String(Math.round(n * 10) / 10);

/** The selected field: whose it is, whether it must be filled, its label, and its value (auto-filled or typed). */
export function FieldProperties({ field, value, signers, issues, act }: FieldPropertiesProps) {
  const { t } = useTranslation();
  const headingId = useId();
  if (!field) {
    return (
      <aside className="field-editor-properties" aria-labelledby={headingId}>
        <h3 id={headingId}>{t('fieldEditor.properties')}</h3>
        <p className="muted">{t('fieldEditor.noSelection')}</p>
      </aside>
    );
  }
  const id = field.id;
  const signer = signers.find((s) => s.id === field.signerId);
  const sources = allowedSources[field.kind];
  const signerOnly = (imageFieldKinds as readonly FieldKind[]).includes(field.kind) || isSystemFilled(field.kind);
  const say = (about: FieldIssue['about']) => issues.filter((i) => i.about === about).map((i) => t([i.messageKey, 'validation.invalid']));
  const valueError = say('value').join(' ') || undefined;
  const layoutProblems = say('layout');
  const setValue = (v: DraftValue) => act({ type: 'setValue', id, value: v });

  return (
    <aside className="field-editor-properties" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="field-editor-swatch" style={{ '--signer': signer?.color ?? '#5b6b7c' } as CSSProperties} aria-hidden="true" /> {t(`fieldEditor.kind.${field.kind}`)}
      </h3>
      <SelectField
        label={t('fieldEditor.signer')}
        value={field.signerId}
        onChange={(signerId) => act({ type: 'assign', id, signerId })}
        options={[
          ...signers.map((s) => ({ value: s.id, label: `${s.name} (${t(`board.side.${s.side}`)})` })),
          ...(signer ? [] : [{ value: field.signerId, label: t('fieldEditor.noSigner') }]),
        ]}
      />
      <CheckboxField label={t('fieldEditor.required')} hint={t('fieldEditor.requiredHint')} checked={field.required} onChange={(required) => act({ type: 'setRequired', id, required })} />
      <TextField label={t('fieldEditor.label')} value={field.label ?? ''} maxLength={100} onChange={(label) => act({ type: 'setLabel', id, label })} />
      {sources.length > 0 ? (
        <SelectField<FieldSource | typeof noSource>
          label={t('fieldEditor.source')}
          value={field.source ?? noSource}
          onChange={(source) => act({ type: 'setSource', id, source: source === noSource ? null : source })}
          options={[{ value: noSource, label: t('fieldEditor.noSource') }, ...sources.map((s) => ({ value: s, label: t(`fieldEditor.sourceName.${s}`) }))]}
        />
      ) : null}
      {signerOnly ? (
        <p className="muted">{t(isSystemFilled(field.kind) ? 'fieldEditor.systemFills' : 'fieldEditor.signerFills')}</p>
      ) : field.kind === 'checkbox' ? (
        <CheckboxField label={t('fieldEditor.ticked')} hint={t('fieldEditor.valueHint')} checked={value === true} onChange={setValue} error={valueError} />
      ) : field.kind === 'text' ? (
        <TextAreaField label={t('fieldEditor.value')} hint={t('fieldEditor.valueHint')} value={typeof value === 'string' ? value : ''} onChange={setValue} error={valueError} rows={2} />
      ) : (
        <TextField label={t('fieldEditor.value')} hint={t('fieldEditor.valueHint')} value={typeof value === 'string' ? value : ''} onChange={setValue} error={valueError} />
      )}
      {layoutProblems.length > 0 ? (
        <ul className="field-editor-problems">
          {layoutProblems.map((message) => (
            <li key={message} className="field-error">
              {message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted field-editor-geometry">
        {t('fieldEditor.geometry', {
          x: formatPoints(field.rect.x),
          y: formatPoints(field.rect.y),
          width: formatPoints(field.rect.width),
          height: formatPoints(field.rect.height),
          page: field.page + 1,
        })}
      </p>
      <button type="button" className="button button-small button-danger-outline" onClick={() => act({ type: 'remove', id }, { focus: true, announce: t('fieldEditor.removed') })}>
        {t('fieldEditor.remove')}
      </button>
    </aside>
  );
}
