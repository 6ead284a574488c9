import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { countSmsSegments, maxSmsSegments } from '../../../src-shared/delivery/sms-segments';
import { isSmsRefusalKey, type SmsTestResult } from '../../../src-shared/delivery/sms-settings';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextAreaField, TextField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';

const fields = ['to', 'text'] as const;

/**
 * One SMS now through the saved provider. The counter under the text says what it will cost as it is typed: one
 * Polish letter switches the whole message to UCS-2 and a single SMS from 160 characters to 70.
 */
export function SmsTestForm() {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [text, setText] = useState(() => t('smsUi.testDefault'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<SmsTestResult | null>(null);
  const { byField } = fieldErrorsOf(t, error, fields);
  const count = countSmsSegments(text);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.call('sms.test', { to, text }));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const counter = t('smsUi.counter', {
    count: count.segments,
    units: count.units,
    left: count.charactersLeftInSegment,
    encoding: t(count.encoding === 'gsm7' ? 'smsUi.encodingGsm' : 'smsUi.encodingUcs2'),
  });
  return (
    <form className="sms-test" onSubmit={(e) => void send(e)} noValidate aria-labelledby="settings-sms-test">
      <h3 id="settings-sms-test">{t('smsUi.testHeading')}</h3>
      <TextField label={t('smsUi.testTo')} type="tel" inputMode="tel" autoComplete="tel" value={to} onChange={setTo} maxLength={40} placeholder="+48 601 234 567" error={byField.to} />
      <TextAreaField
        label={t('smsUi.testText')}
        value={text}
        onChange={setText}
        rows={3}
        maxLength={1600}
        hint={count.segments > maxSmsSegments ? `${counter} ${t('validation.smsTooLong')}` : counter}
        error={byField.text}
      />
      <ErrorNotice error={error} omitFields={fields} />
      {result ? (
        <div className={`notice ${result.ok ? 'notice-success' : result.permanent ? 'notice-error' : 'notice-warning'}`} role="status" data-testid="sms-test-result">
          <p>{describeResult(t, result)}</p>
        </div>
      ) : null}
      <SubmitActions busy={busy} submitLabel={t('smsUi.test')} busyLabel={t('smsUi.testing')} primary={false} />
    </form>
  );
}

function describeResult(t: TFunction, result: SmsTestResult): string {
  const values = { to: result.to, count: result.segments, encoding: t(result.encoding === 'gsm7' ? 'smsUi.encodingGsm' : 'smsUi.encodingUcs2') };
  if (result.ok) return result.providerMessageId ? t('smsUi.testAccepted', { ...values, id: result.providerMessageId }) : t('smsUi.testAcceptedNoId', values);
  // A refusal Signet made itself is a message key; a provider's is its own words, shown as they came.
  const reason = isSmsRefusalKey(result.reason) ? t(result.reason) : result.reason;
  const withCode = result.providerCode ? t('smsUi.reasonWithCode', { reason, code: result.providerCode }) : reason;
  return t(result.permanent ? 'smsUi.testRefused' : 'smsUi.testFailed', { ...values, reason: withCode });
}
