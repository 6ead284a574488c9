import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../components/FormButtons';
import type { DocumentRef, DuplicateMatch } from '../../../src-shared/contacts/error-details';
import {
  contactFieldNames,
  contactFieldsSchema,
  contactKinds,
  type Contact,
  type ContactFieldsInput,
  type ContactKind,
} from '../../../src-shared/contacts/schema';
import type { AppError } from '../../../src-shared/contract/errors';
import { toValidationIssues } from '../../../src-shared/contract/validate';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { asAppError, fieldErrorsOf, translateKey } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useCan } from '../../state/grants';
import { openWizard } from '../wizard/create-route';
import { contactDisplayName, countryOptions, displayPhone, displayTaxId, formatDateTime } from './format';

type FormValues = Record<Exclude<keyof ContactFieldsInput, 'kind'>, string> & { kind: ContactKind };
type FieldName = keyof FormValues;

const fieldNames: readonly FieldName[] = contactFieldNames;

function initialValues(c?: Contact): FormValues {
  return {
    kind: c?.kind ?? 'client',
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    email: c?.email ?? '',
    phone: displayPhone(c?.phone),
    companyName: c?.companyName ?? '',
    position: c?.position ?? '',
    taxId: c ? displayTaxId(c) : '',
    country: c?.country ?? 'PL',
    street: c?.street ?? '',
    postalCode: c?.postalCode ?? '',
    city: c?.city ?? '',
    notes: c?.notes ?? '',
  };
}

/** Local check with the same schema the server uses, for feedback before a round trip. */
function localIssues(values: FormValues): Partial<Record<FieldName, string>> {
  const parsed = contactFieldsSchema.safeParse(values);
  if (parsed.success) return {};
  const out: Partial<Record<FieldName, string>> = {};
  for (const issue of toValidationIssues(parsed.error)) {
    const field = issue.path.split('.')[0] as FieldName;
    if (fieldNames.includes(field) && !out[field]) out[field] = issue.messageKey;
  }
  return out;
}

function detailsArray<T>(error: AppError, key: string): T[] {
  const v = error.details?.[key];
  return Array.isArray(v) ? (v as T[]) : [];
}

interface ContactDialogProps {
  /** Absent: a new contact. */
  contact?: Contact | undefined;
  onClose(): void;
  /** After a save, archive or delete: the list reloads. */
  onChanged(): void;
  onOpenExisting(id: string): void;
}

type Mode = 'form' | 'confirmDelete';

export function ContactDialog({ contact, onClose, onChanged, onOpenExisting }: ContactDialogProps) {
  const { t, i18n } = useTranslation();
  const canEdit = useCan('contacts.edit');
  const canDelete = useCan('contacts.delete');
  const canCreateDocument = useCan('documents.create');
  const announce = useAppStore((s) => s.announce);
  const [current, setCurrent] = useState<Contact | undefined>(contact);
  const [values, setValues] = useState<FormValues>(() => initialValues(contact));
  const [touched, setTouched] = useState<Set<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<Mode>('form');
  const [focusInvalid, setFocusInvalid] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  const local = useMemo(() => localIssues(values), [values]);
  const server = serverError?.code === 'VALIDATION' ? fieldErrorsOf(t, serverError, fieldNames).byField : {};
  const errorFor = (f: FieldName): string | undefined => {
    if ((submitted || touched.has(f)) && local[f]) return translateKey(t, local[f], 'validation.invalid');
    return server[f];
  };

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  // Notices sit above the form: bring them into view when the server answers with one.
  useEffect(() => {
    if (serverError && serverError.code !== 'VALIDATION') noticeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [serverError]);

  const set = (f: FieldName) => (v: string) => {
    setValues((prev) => ({ ...prev, [f]: v }));
    // A server complaint about a field no longer applies once the field is edited.
    if (serverError?.code === 'VALIDATION' || serverError?.code === 'DUPLICATE') setServerError(null);
  };
  const blur = (f: FieldName) => () => setTouched((prev) => (prev.has(f) ? prev : new Set(prev).add(f)));
  /** The props every text field of the form shares: label, value, change, blur and its error. */
  const bind = (f: Exclude<FieldName, 'kind'>) => ({
    label: t(`fieldLabels.${f}`),
    value: values[f],
    onChange: set(f),
    onBlur: blur(f),
    error: errorFor(f),
  });

  const save = async (allowSharedTaxId = false) => {
    setSubmitted(true);
    if (Object.keys(local).length > 0) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const saved = current
        ? await api.call('contacts.update', { id: current.id, fields: values, allowSharedTaxId })
        : await api.call('contacts.create', { fields: values, allowSharedTaxId });
      announce(t(current ? 'contacts.saved' : 'contacts.created', { name: contactDisplayName(saved) }));
      onChanged();
      onClose();
    } catch (e) {
      const err = asAppError(e);
      setServerError(err);
      setBusy(false);
      if (err.code === 'VALIDATION') setFocusInvalid((n) => n + 1);
    }
  };

  const setArchived = async (archived: boolean) => {
    if (!current) return;
    setBusy(true);
    setServerError(null);
    try {
      const updated = await api.call('contacts.setArchived', { id: current.id, archived });
      setCurrent(updated);
      announce(t(archived ? 'contacts.archivedDone' : 'contacts.unarchivedDone', { name: contactDisplayName(updated) }));
      onChanged();
      onClose();
    } catch (e) {
      setServerError(asAppError(e));
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!current) return;
    setBusy(true);
    setServerError(null);
    try {
      await api.call('contacts.delete', { id: current.id });
      announce(t('contacts.deleted', { name: contactDisplayName(current) }));
      onChanged();
      onClose();
    } catch (e) {
      setServerError(asAppError(e));
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  const name = current ? contactDisplayName(current) : '';
  const title = mode === 'confirmDelete' ? t('contacts.deleteTitle', { name }) : current ? t('contacts.editTitle', { name }) : t('contacts.newTitle');

  if (mode === 'confirmDelete' && current) {
    const inUse = serverError?.code === 'IN_USE' ? detailsArray<DocumentRef>(serverError, 'documents') : null;
    return (
      <Dialog
        title={title}
        onClose={onClose}
        size="small"
        describedBy="delete-question"
        footer={
          inUse ? (
            <>
              <button type="button" className="button button-primary" onClick={() => void setArchived(true)} disabled={busy || current.archived} data-autofocus="">
                {t('contacts.archiveInstead')}
              </button>
              <button type="button" className="button" onClick={onClose}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
                {t('contacts.deleteConfirm')}
              </button>
              <button type="button" className="button" onClick={() => setMode('form')} data-autofocus="">
                {t('common.cancel')}
              </button>
            </>
          )
        }
      >
        {inUse ? (
          <div className="notice notice-warning" role="alert">
            <p id="delete-question">{t('contacts.inUse', { name })}</p>
            <ul>
              {inUse.map((d) => (
                <li key={d.id}>
                  {t('contacts.documentLine', { number: d.number, title: d.title })}
                </li>
              ))}
            </ul>
            <p>{current.archived ? t('contacts.alreadyArchived') : t('contacts.inUseArchiveHint')}</p>
          </div>
        ) : (
          <>
            <p id="delete-question">{t('contacts.deleteQuestion', { name })}</p>
            {serverError ? <ErrorNotice error={serverError} /> : null}
          </>
        )}
      </Dialog>
    );
  }

  const duplicates = serverError?.code === 'DUPLICATE' ? detailsArray<DuplicateMatch>(serverError, 'matches') : [];
  const onlyTaxId = duplicates.length > 0 && duplicates.every((m) => m.field === 'taxId');
  const isPl = values.country.trim().toUpperCase() === 'PL';

  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="large"
      footer={
        <>
          {current ? (
            <div className="footer-secondary">
              {canEdit ? (
                <button type="button" className="button" onClick={() => void setArchived(!current.archived)} disabled={busy}>
                  {current.archived ? t('contacts.unarchive') : t('contacts.archive')}
                </button>
              ) : null}
              {current.archived || !canCreateDocument ? null : (
                <button type="button" className="button" onClick={() => openWizard({ contactId: current.id })}>
                  {t('wizard.fromContact')}
                </button>
              )}
              {canDelete ? (
                <button
                  type="button"
                  className="button button-danger-outline"
                  onClick={() => {
                    setServerError(null);
                    setMode('confirmDelete');
                  }}
                  disabled={busy}
                >
                  {t('contacts.delete')}
                </button>
              ) : null}
            </div>
          ) : null}
          <FormButtons form="contact-form" busy={busy} submitLabel={t('common.save')} busyLabel={t('common.saving')} onCancel={onClose} />
        </>
      }
    >
      {current ? (
        <p className="dialog-meta">
          {current.archived ? <span className="badge badge-muted">{t('contacts.archived')}</span> : null}{' '}
          {t('contacts.createdUpdated', {
            created: formatDateTime(current.createdAt, i18n.language),
            updated: formatDateTime(current.updatedAt, i18n.language),
          })}
        </p>
      ) : null}
      <div ref={noticeRef}>
        {duplicates.length > 0 ? (
          <div className="notice notice-warning" role="alert">
            <p>{t('contacts.duplicate.lead')}</p>
            <ul className="duplicate-list">
              {duplicates.map((m) => (
                <li key={`${m.field}:${m.existingId}`}>
                  <span>{t('contacts.duplicate.match', { field: t(`fieldLabels.${m.field === 'taxId' && isPl ? 'nip' : m.field}`), name: m.existingName })}</span>
                  <button type="button" className="button button-small" onClick={() => onOpenExisting(m.existingId)}>
                    {t('contacts.duplicate.open', { name: m.existingName })}
                  </button>
                </li>
              ))}
            </ul>
            {onlyTaxId ? (
              <div className="notice-actions">
                <p>{t('contacts.duplicate.colleagueHint')}</p>
                <button type="button" className="button button-primary" onClick={() => void save(true)} disabled={busy}>
                  {t('contacts.duplicate.saveColleague')}
                </button>
              </div>
            ) : null}
          </div>
        ) : null}
        {serverError && serverError.code !== 'DUPLICATE' ? <ErrorNotice error={serverError} omitFields={fieldNames} /> : null}
      </div>
      <form id="contact-form" ref={formRef} onSubmit={onSubmit} noValidate className="contact-form">
        <SelectField
            className="field-half"
            label={t('fieldLabels.kind')}
            value={values.kind}
            onChange={(v) => set('kind')(v)}
            options={contactKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            error={errorFor('kind')}
            required
          />
        <div className="field-row">
          <TextField
            {...bind('firstName')}
            required
            autoComplete="off"
            autoFocus
            maxLength={100}
          />
          <TextField {...bind('lastName')} required maxLength={100} />
        </div>
        <div className="field-row">
          <TextField
            {...bind('email')}
            type="email"
            inputMode="email"
          />
          <TextField
            {...bind('phone')}
            type="tel"
            inputMode="tel"
            hint={t('contacts.phoneHint')}
          />
        </div>
        <div className="field-row">
          <TextField {...bind('companyName')} maxLength={200} />
          <TextField {...bind('position')} maxLength={100} />
        </div>
        <div className="field-row">
          <SelectField
            label={t('fieldLabels.country')}
            value={values.country}
            onChange={(v) => {
              set('country')(v);
              blur('country')();
            }}
            options={countries}
            error={errorFor('country')}
          />
          <TextField
            {...bind('taxId')}
            label={isPl ? t('fieldLabels.nip') : t('fieldLabels.taxId')}
            hint={isPl ? t('contacts.nipHint') : t('contacts.taxIdHint')}
            maxLength={32}
          />
        </div>
        <TextField {...bind('street')} maxLength={200} />
        <div className="field-row">
          <TextField
            {...bind('postalCode')}
            hint={isPl ? t('contacts.postalCodeHint') : undefined}
            maxLength={16}
          />
          <TextField {...bind('city')} maxLength={100} />
        </div>
        <TextAreaField {...bind('notes')} rows={3} maxLength={4000} />
      </form>

    </Dialog>
  );
}
