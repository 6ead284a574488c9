import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { smtpSecurityModes, type MailSettings, type SmtpSecurity } from '../../../src-shared/delivery/mail-settings';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LockedNote } from '../../components/LockedNote';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useLoaded } from '../../state/use-loaded';
import { LabelledInput } from './LabelledInput';
import { mailDraftOf, mailFields, mailInputOf, usualPort, type MailDraft } from './mail-draft';
import { MailTestForm } from './MailTestForm';

const securityLabels: Record<SmtpSecurity, string> = { starttls: 'mailUi.securityStarttls', tls: 'mailUi.securityTls', none: 'mailUi.securityNone' };

/**
 * The company's SMTP server for signing links, codes and signed copies. The password goes to the keychain and never
 * comes back: the field only ever holds a new one. Administrators only: the settings are not even read otherwise.
 */
export function MailCard({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="settings-mail">
      <h2 id="settings-mail">{t('mailUi.title')}</h2>
      <p className="muted">{t('mailUi.intro')}</p>
      {isAdmin ? <MailSettingsForm /> : <p>{t('mailUi.readOnly')}</p>}
    </section>
  );
}

const loadMailSettings = () => api.call('mail.settings.get', {});

function MailSettingsForm() {
  const { t } = useTranslation();
  const { value: settings, setValue: setSettings, loadError, reload } = useLoaded(loadMailSettings);
  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void reload()} />;
  if (!settings) return <p className="muted">{t('common.loading')}</p>;
  return <MailForm settings={settings} onSaved={setSettings} />;
}

function MailForm({ settings, onSaved }: { settings: MailSettings; onSaved(settings: MailSettings): void }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [draft, setDraft] = useState<MailDraft>(() => mailDraftOf(settings));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { byField } = fieldErrorsOf(t, error, mailFields);
  const set = (patch: Partial<MailDraft>) => setDraft({ ...draft, ...patch });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('mail.settings.save', mailInputOf(draft));
      onSaved(saved);
      setDraft(mailDraftOf(saved));
      setError(null);
      announce(t('mailUi.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const changeSecurity = (security: SmtpSecurity) => set({ security, port: draft.port === usualPort[draft.security] ? usualPort[security] : draft.port });
  // Under a policy that fixes the server only the password is this laptop's to set.
  const locked = settings.locked === true;

  return (
    <>
      {settings.keychainProblem ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('mailUi.keychainProblem', { reason: settings.keychainProblem })}</p>
        </div>
      ) : null}
      {locked ? <LockedNote /> : null}
      <form className="mail-settings" onSubmit={(e) => void save(e)} noValidate>
        <div className="field-row">
          <TextField readOnly={locked} label={t('mailUi.host')} value={draft.host} onChange={(host) => set({ host })} maxLength={253} placeholder="smtp.example.pl" error={byField.host} required />
          <TextField readOnly={locked} label={t('mailUi.port')} value={draft.port} onChange={(port) => set({ port })} inputMode="numeric" maxLength={5} error={byField.port} className="field-narrow" required />
        </div>
        <SelectField readOnly={locked} label={t('mailUi.security')} value={draft.security} onChange={changeSecurity} options={smtpSecurityModes.map((value) => ({ value, label: t(securityLabels[value]) }))} error={byField.security} />
        <div className="field-row">
          <TextField readOnly={locked} label={t('mailUi.user')} value={draft.user} onChange={(user) => set({ user })} maxLength={254} autoComplete="username" error={byField.user} />
          <LabelledInput
            label={t('mailUi.password')}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => set({ password: e.target.value, removePassword: false })}
            maxLength={512}
            hint={settings.passwordSet ? t('mailUi.passwordStored') : t('mailUi.passwordNone')}
            error={byField.password}
          />
        </div>
        {settings.passwordSet && !draft.password ? (
          <CheckboxField label={t('mailUi.removePassword')} checked={draft.removePassword} onChange={(removePassword) => set({ removePassword })} />
        ) : null}
        <div className="field-row">
          <TextField readOnly={locked} label={t('mailUi.fromAddress')} type="email" value={draft.fromAddress} onChange={(fromAddress) => set({ fromAddress })} maxLength={254} placeholder="biuro@example.pl" error={byField.fromAddress} required />
          <TextField readOnly={locked} label={t('mailUi.fromName')} value={draft.fromName} onChange={(fromName) => set({ fromName })} maxLength={100} error={byField.fromName} />
        </div>
        <TextField
          readOnly={locked}
          label={t('mailUi.attachLimit')}
          value={draft.attachLimitMb}
          onChange={(attachLimitMb) => set({ attachLimitMb })}
          inputMode="numeric"
          maxLength={2}
          hint={t('mailUi.attachLimitHint')}
          error={byField.attachLimitMb}
          className="field-narrow"
        />
        {draft.security !== 'none' ? (
          <TextAreaField readOnly={locked} label={t('mailUi.trustedCa')} value={draft.trustedCaPem} onChange={(trustedCaPem) => set({ trustedCaPem })} maxLength={65_536} rows={3} hint={t('mailUi.trustedCaHint')} error={byField.trustedCaPem} />
        ) : null}
        <ErrorNotice error={error} omitFields={mailFields} />
        <SubmitActions busy={busy} submitLabel={t('mailUi.save')} busyLabel={t('common.saving')} />
      </form>
      {settings.config ? <MailTestForm /> : null}
    </>
  );
}
