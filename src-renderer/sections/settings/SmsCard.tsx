import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { smsProviderKinds, type SmsProviderKind, type SmsSettings } from '../../../src-shared/delivery/sms-settings';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LockedNote } from '../../components/LockedNote';
import { SelectField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useLoaded } from '../../state/use-loaded';
import { draftOf, fieldsOf, inputOf, type SmsDraft } from './sms-draft';
import { SmsProviderFields } from './SmsProviderFields';
import { SmsTestForm } from './SmsTestForm';

const providerLabels: Record<SmsProviderKind, string> = {
  none: 'smsUi.providerNone',
  smsapi: 'smsUi.providerSmsapi',
  twilio: 'smsUi.providerTwilio',
  webhook: 'smsUi.providerWebhook',
};

/**
 * Which provider sends signing links by SMS, and its credentials (tokens go to the keychain and never come back);
 * once saved, a test SMS with a live segment count. Administrators only: the settings are not even read otherwise.
 */
export function SmsCard({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="settings-sms">
      <h2 id="settings-sms">{t('smsUi.heading')}</h2>
      <p className="muted">{t('smsUi.lead')}</p>
      {isAdmin ? <SmsSettingsForm /> : <p>{t('smsUi.readOnly')}</p>}
    </section>
  );
}

const loadSmsSettings = () => api.call('sms.settings.get', {});

function SmsSettingsForm() {
  const { t } = useTranslation();
  const { value: settings, setValue: setSettings, loadError, reload } = useLoaded(loadSmsSettings);
  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void reload()} />;
  if (!settings) return <p className="muted">{t('common.loading')}</p>;
  return <SmsForm settings={settings} onSaved={setSettings} />;
}

function SmsForm({ settings, onSaved }: { settings: SmsSettings; onSaved(settings: SmsSettings): void }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [draft, setDraft] = useState<SmsDraft>(() => draftOf(settings));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const visible = fieldsOf(draft.provider);
  const { byField } = fieldErrorsOf(t, error, visible);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('sms.settings.save', inputOf(draft, settings));
      onSaved(saved);
      setDraft(draftOf(saved));
      setError(null);
      announce(t('smsUi.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {settings.keychainProblem ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('smsUi.keychainProblem', { reason: settings.keychainProblem })}</p>
        </div>
      ) : null}
      {settings.locked ? <LockedNote /> : null}
      <form onSubmit={(e) => void save(e)} noValidate>
        <SelectField
          readOnly={settings.locked}
          label={t('smsUi.provider')}
          value={draft.provider}
          onChange={(provider) => setDraft({ ...draft, provider })}
          options={smsProviderKinds.map((value) => ({ value, label: t(providerLabels[value]) }))}
          error={byField.provider}
        />
        <SmsProviderFields draft={draft} settings={settings} errors={byField} onChange={setDraft} />
        {/* Issues on fields of another provider (hidden now) are listed here rather than lost. */}
        <ErrorNotice error={error} omitFields={visible} />
        <SubmitActions busy={busy} submitLabel={t('common.save')} busyLabel={t('common.saving')} />
      </form>
      {settings.provider === 'none' ? null : <SmsTestForm />}
    </>
  );
}
