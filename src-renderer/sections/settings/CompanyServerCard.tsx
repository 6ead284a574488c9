import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyServerFeedState, CompanyServerState } from '../../../src-shared/company-server/link';
import { sameServerUrl } from '../../../src-shared/company-server/server-url';
import { AppError } from '../../../src-shared/contract/errors';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LockedNote } from '../../components/LockedNote';
import { TextField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { describeError, fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useLoaded } from '../../state/use-loaded';
import { formatDateTime } from '../contacts/format';
import { AccountSignIn } from './AccountSignInForm';
import { ServerSealExport } from './ServerSealExport';
import { SignedInAccount } from './SignedInAccount';
import { usePendingInvitation } from './pending-invitation';
import { loadPolicy } from './PolicyCard';

const pairFields = ['url', 'code', 'deviceName'] as const;

/**
 * Linking this computer to the company server with the one-time code `npm run server -- pair` prints there. The API
 * token never reaches the window: the card shows only where it is linked, as which device, since when. Everyone sees
 * the state; an administrator links and unlinks.
 */
export function CompanyServerCard({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="settings-company-server">
      <h2 id="settings-company-server">{t('companyServerUi.title')}</h2>
      <p className="muted">{t('companyServerUi.intro')}</p>
      <CompanyServerLink isAdmin={isAdmin} />
      {isAdmin ? <ServerSealExport /> : null}
    </section>
  );
}

const loadState = () => api.call('companyServer.get', {});

function CompanyServerLink({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const { value: state, setValue: setState, loadError, reload } = useLoaded(loadState);
  const { value: policy, loadError: policyError, reload: reloadPolicy } = useLoaded(loadPolicy);
  const [notice, setNotice] = useState<string | null>(null);
  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void reload()} />;
  if (policyError) return <ErrorNotice error={policyError} onRetry={() => void reloadPolicy()} />;
  if (!state || !policy) return <p className="muted">{t('common.loading')}</p>;
  const managedUrl = policy.companyServerUrl;
  return (
    <>
      {notice ? (
        <div className="notice notice-warning" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {state.linked && managedUrl && !sameServerUrl(managedUrl, state.url) ? (
        <div className="notice notice-warning" role="alert" data-testid="company-server-policy-elsewhere">
          <p>{t('companyServerUi.policyElsewhere', { url: state.url, policy: managedUrl })}</p>
        </div>
      ) : null}
      {state.linked ? (
        <LinkedState
          state={state}
          isAdmin={isAdmin}
          onUnlinked={(next, warning) => {
            setNotice(warning);
            setState(next);
          }}
        />
      ) : (
        <>
          <p data-testid="company-server-state">{t('companyServerUi.notLinked')}</p>
          {isAdmin ? (
            <PairForm
              suggestedDeviceName={state.suggestedDeviceName}
              managedUrl={managedUrl}
              onPaired={(next) => {
                setNotice(null);
                setState(next);
              }}
            />
          ) : (
            <p>{t('companyServerUi.readOnly')}</p>
          )}
          <AccountSignIn
            suggestedDeviceName={state.suggestedDeviceName}
            managedUrl={managedUrl}
            onSignedIn={(next) => {
              setNotice(null);
              setState(next);
            }}
          />
        </>
      )}
    </>
  );
}

function LinkedState({ state, isAdmin, onUnlinked }: { state: Extract<CompanyServerState, { linked: true }>; isAdmin: boolean; onUnlinked(state: CompanyServerState, warning: string | null): void }) {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [confirming, setConfirming] = useState(false);

  const unlink = async () => {
    const { state: next, serverRevoked } = await api.call('companyServer.unpair', {});
    setConfirming(false);
    announce(t('companyServerUi.unlinked'));
    onUnlinked(next, serverRevoked ? null : t('companyServerUi.unlinkedHere', { id: state.deviceId }));
  };

  return (
    <>
      <p data-testid="company-server-state">{t('companyServerUi.linked', { url: state.url, device: state.deviceName, date: formatDateTime(state.pairedAt, i18n.language) })}</p>
      <InvitationWhileLinked url={state.url} />
      {state.feed ? <FeedStatus feed={state.feed} /> : null}
      <SignedInAccount onSignedOut={(next) => onUnlinked(next, null)} />
      <ul className="muted">
        {state.serverName ? <li>{t('companyServerUi.serverName', { name: state.serverName })}</li> : null}
        <li>{t('companyServerUi.deviceId', { id: state.deviceId })}</li>
      </ul>
      {isAdmin ? (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('companyServerUi.unlink')}
        </button>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('companyServerUi.unlinkTitle')}
          question={t('companyServerUi.unlinkQuestion', { url: state.url })}
          confirmLabel={t('companyServerUi.unlink')}
          onCancel={() => setConfirming(false)}
          onConfirm={unlink}
        />
      ) : null}
    </>
  );
}

/** One line on the live feed of the documents' steps (issue 6, item 5): connected since when, or why not and when next. */
function FeedStatus({ feed }: { feed: CompanyServerFeedState }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const parts = [
    feed.status === 'connected'
      ? t('companyServerUi.feed.connected', { time: time(feed.since) })
      : feed.status === 'reconnecting'
        ? t('companyServerUi.feed.reconnecting', { reason: t(feed.reason.messageKey, feed.reason.details), time: time(feed.retryAt) })
        : t('companyServerUi.feed.connecting'),
    feed.lastEventAt ? t('companyServerUi.feed.lastEvent', { time: time(feed.lastEventAt) }) : null,
    feed.waitingSeals > 0 ? t('companyServerUi.feed.waitingSeals', { count: feed.waitingSeals }) : null,
  ];
  return <p data-testid="company-server-feed">{parts.filter(Boolean).join(' ')}</p>;
}

/** A server that cannot be reached, does not answer in time or is not a Signet server: the address is what to check. */
function isAddressProblem(error: unknown): boolean {
  return error instanceof AppError && error.code === 'TRANSPORT' && error.messageKey.startsWith('companyServer.errors.');
}

function PairForm({ suggestedDeviceName, managedUrl, onPaired }: { suggestedDeviceName: string; managedUrl: string | undefined; onPaired(state: CompanyServerState): void }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [draft, setDraft] = useState({ url: managedUrl ?? '', code: '', deviceName: suggestedDeviceName });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { byField } = fieldErrorsOf(t, error, pairFields);
  const addressProblem = isAddressProblem(error);
  const urlError = byField.url ?? (addressProblem ? describeError(t, error).message : undefined);
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });

  const pair = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const state = await api.call('companyServer.pair', draft);
      setError(null);
      announce(t('companyServerUi.paired'));
      onPaired(state);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="company-server-pair" onSubmit={(e) => void pair(e)} noValidate>
      {managedUrl ? <LockedNote /> : null}
      <TextField readOnly={Boolean(managedUrl)} label={t('companyServerUi.url')} value={draft.url} onChange={(url) => set({ url })} maxLength={500} placeholder="https://sign.example.com" hint={t('companyServerUi.urlHint')} error={urlError} required />
      <div className="field-row">
        <TextField label={t('companyServerUi.code')} value={draft.code} onChange={(code) => set({ code })} maxLength={13} placeholder="K7MQ3-X9TPA" hint={t('companyServerUi.codeHint')} error={byField.code} className="pairing-code" required />
        <TextField label={t('companyServerUi.deviceName')} value={draft.deviceName} onChange={(deviceName) => set({ deviceName })} maxLength={100} error={byField.deviceName} required />
      </div>
      {addressProblem ? null : <ErrorNotice error={error} omitFields={pairFields} />}
      <SubmitActions busy={busy} submitLabel={t('companyServerUi.pair')} busyLabel={t('companyServerUi.pairing')} />
    </form>
  );
}

/** An invitation link opened on a desktop that is already linked: said, not acted on; signing out then fills the form. */
function InvitationWhileLinked({ url }: { url: string }) {
  const { t } = useTranslation();
  const invitation = usePendingInvitation((s) => s.invitation);
  const dismiss = usePendingInvitation((s) => s.dismiss);
  if (!invitation) return null;
  return (
    <div className="notice notice-warning" role="status">
      <p>{t('accounts.signIn.alreadyLinked', { server: invitation.server, url })}</p>
      <button type="button" className="button" onClick={dismiss}>
        {t('accounts.signIn.dismissLink')}
      </button>
    </div>
  );
}
