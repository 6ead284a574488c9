import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenPortalLink } from '../../../src-shared/portal/signing-link';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatIso } from '../../i18n/format-date';
import { OneTimeCodeInput } from '../../sections/signing/OneTimeCodeInput';
import { apiCodeOf, portalApi } from '../portal-api';
import { formatCountdown, retryAt } from './countdown';
import { useCountdown } from './use-countdown';

interface CodeStepProps {
  token: string;
  link: OpenPortalLink;
  /** A code went out before this page opened: the input shows at once, and a new code may be asked for. */
  alreadySent: boolean;
  /** A message key above the step (the signing session ended). */
  noticeKey?: string | null;
  onPassed(): void;
  /** Five wrong codes: only the sender can unlock. */
  onLocked(): void;
  /** The link closed meanwhile (withdrawn, expired, declined): the page reads it again. */
  onClosed(): void;
  /** In a dialog, whose title says what this is: no card, no heading of its own. */
  inDialog?: boolean;
}

interface Sent {
  /** Unknown when the code was sent before this page opened. */
  expiresAt: string | null;
  nextCodeAt: string | null;
}

const isCodeGone = (key: string) => key === 'signing.otp.expired' || key === 'signing.otp.none';

/**
 * The signer proves who they are with a code sent to their own address: 6 digits, valid 5 minutes, 5 attempts. A new
 * code is offered once the server allows it (a minute after the last), with the wait counted down beside the button.
 */
export function CodeStep({ token, link, alreadySent, noticeKey, onPassed, onLocked, onClosed, inDialog = false }: CodeStepProps) {
  const { t, i18n } = useTranslation();
  const [sent, setSent] = useState<Sent | null>(alreadySent ? { expiresAt: null, nextCodeAt: null } : null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'check' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const waitId = useId();
  const wait = useCountdown(sent?.nextCodeAt ?? null);

  const refused = (e: unknown) => {
    setError(e);
    const apiCode = apiCodeOf(e);
    if (apiCode === 'CODE_LOCKED') onLocked();
    else if (apiCode === 'LINK_CLOSED') onClosed();
    else if (apiCode === 'CODE_RESEND_LIMITED') {
      const at = retryAt((e as { details?: Record<string, unknown> }).details, Date.now());
      setSent((s) => (s ? { ...s, nextCodeAt: at } : { expiresAt: null, nextCodeAt: at }));
    } else if (apiCode === 'CODE_REFUSED' && isCodeGone((e as { messageKey: string }).messageKey)) setSent(null);
  };

  const send = async () => {
    setBusy('send');
    setError(null);
    try {
      const answer = await portalApi.requestCode(token);
      setSent({ expiresAt: answer.expiresAt, nextCodeAt: answer.nextCodeAt });
      setCode('');
      inputRef.current?.focus();
    } catch (e) {
      refused(e);
    } finally {
      setBusy(null);
    }
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (code.length !== 6) return;
    setBusy('check');
    setError(null);
    try {
      await portalApi.checkCode(token, code);
      onPassed();
    } catch (e) {
      refused(e);
      setBusy(null);
      inputRef.current?.select();
    }
  };

  const address = link.maskedAddress;
  const until = sent?.expiresAt ? formatIso(sent.expiresAt, i18n.language, { hour: '2-digit', minute: '2-digit' }) : null;

  return (
    <section className={inDialog ? 'portal-code' : 'card portal-code'} aria-labelledby={inDialog ? undefined : headingId}>
      {inDialog ? null : <h2 id={headingId}>{t('portal.code.title')}</h2>}
      {noticeKey ? <p className="notice">{t(noticeKey)}</p> : null}
      <p>{t(link.channel === 'sms' ? 'portal.code.leadSms' : 'portal.code.leadEmail', { address })}</p>
      {!sent ? (
        <div className="portal-actions">
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void send()}>
            {busy === 'send' ? t('portal.code.sending') : t('portal.code.send')}
          </button>
        </div>
      ) : (
        <form className="portal-code-form" onSubmit={(e) => void check(e)} noValidate>
          <p role="status">{until ? t('portal.code.sentTo', { address, time: until }) : t('portal.code.sentBefore', { address })}</p>
          <OneTimeCodeInput label={t('portal.code.input')} hint={t('portal.code.hint')} className="portal-code-input" value={code} onChange={setCode} inputRef={inputRef} />
          <div className="portal-actions">
            <button type="submit" className="button button-primary" disabled={busy !== null || code.length !== 6}>
              {busy === 'check' ? t('portal.code.checking') : t('portal.code.check')}
            </button>
            <button type="button" className="button" disabled={busy !== null || wait > 0} aria-describedby={wait > 0 ? waitId : undefined} onClick={() => void send()}>
              {t('portal.code.resend')}
            </button>
          </div>
          {wait > 0 ? (
            <p id={waitId} className="field-hint">
              {t('portal.code.resendIn', { time: formatCountdown(wait) })}
            </p>
          ) : null}
        </form>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
