import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OutboxItem } from '../../../src-shared/delivery/outbox';
import { uiLanguages, type UiLanguage } from '../../../src-shared/settings/schema';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { formatDateTime } from '../contacts/format';

const fields = ['to'] as const;

/** A test e-mail through the outbox like any other message; the answer is its first attempt, in the server's words. */
export function MailTestForm() {
  const { t, i18n } = useTranslation();
  const userEmail = useAppStore((s) => s.info?.user.email);
  const [to, setTo] = useState(userEmail ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<OutboxItem | null>(null);
  const { byField } = fieldErrorsOf(t, error, fields);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const language: UiLanguage = (uiLanguages as readonly string[]).includes(i18n.language) ? (i18n.language as UiLanguage) : 'en';
      setResult(await api.call('mail.test', { to, language }));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="mail-test" onSubmit={(e) => void send(e)} noValidate aria-labelledby="settings-mail-test">
      <h3 id="settings-mail-test">{t('mailUi.test')}</h3>
      <TextField label={t('mailUi.testTo')} type="email" autoComplete="email" value={to} onChange={setTo} maxLength={254} error={byField.to} />
      <ErrorNotice error={error} omitFields={fields} />
      {result ? (
        <div className={`notice ${result.status === 'sent' ? 'notice-success' : result.status === 'failed' ? 'notice-error' : 'notice-warning'}`} role="status" data-testid="mail-test-result">
          <p>{describe(t, i18n.language, result)}</p>
        </div>
      ) : null}
      <SubmitActions busy={busy} submitLabel={t('mailUi.test')} busyLabel={t('mailUi.testing')} primary={false} />
    </form>
  );
}

function describe(t: TFunction, language: string, item: OutboxItem): string {
  if (item.status === 'sent') return t('mailUi.testSent', { to: item.recipient, response: item.providerMessageId ?? '—' });
  if (item.status === 'failed') return t('mailUi.testFailed', { reason: item.lastError ?? '—' });
  return t('mailUi.testQueued', { reason: item.lastError ?? t('outbox.status.sending'), next: item.nextAttemptAt ? formatDateTime(item.nextAttemptAt, language) : '—' });
}
