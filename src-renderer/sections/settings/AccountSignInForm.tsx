import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseEnrolmentLink, type InvitationLink } from '../../../src-shared/company-server/account-api';
import type { CompanyServerState } from '../../../src-shared/company-server/link';
import { sameServerUrl } from '../../../src-shared/company-server/server-url';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LockedNote } from '../../components/LockedNote';
import { TextField } from '../../components/Field';
import { SubmitActions } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useAction } from '../../state/use-action';
import { usePendingInvitation } from './pending-invitation';

const enrolFields = ['url', 'code', 'deviceName'] as const;

/**
 * Signing in with an invitation (issue 7): the signet://enrol link opened (the OS hands it to the app) or pasted whole
 * fills the address and the code, or they are typed. Anyone may: the code is the credential. The account becomes this desktop's user.
 */
export function AccountSignIn(props: { suggestedDeviceName: string; managedUrl?: string | undefined; onSignedIn(state: CompanyServerState): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // An invitation link the app was opened with fills the form (pending-invitation.ts); taken once, a new one refills it.
  const invitation = usePendingInvitation((s) => s.invitation);
  const dismiss = usePendingInvitation((s) => s.dismiss);
  // Folded until asked for, so the administrator's pairing form beside it keeps its fields to itself.
  if (!open && !invitation)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('accounts.signIn.title')}
      </button>
    );
  return (
    <AccountSignInForm
      key={invitation ? `${invitation.server} ${invitation.code}` : 'typed'}
      {...props}
      invitation={invitation}
      onSignedIn={(state) => {
        dismiss();
        props.onSignedIn(state);
      }}
    />
  );
}

interface SignInFormProps {
  suggestedDeviceName: string;
  /** The company server the managed policy fixes (issue 10): the address is shown, not typed. */
  managedUrl?: string | undefined;
  invitation: InvitationLink | null;
  onSignedIn(state: CompanyServerState): void;
}

function AccountSignInForm({ suggestedDeviceName, managedUrl, invitation, onSignedIn }: SignInFormProps) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  // An invitation's own server is kept even under a policy that names another: the form then says so and sends nothing.
  const [draft, setDraft] = useState({ url: invitation?.server ?? managedUrl ?? '', code: invitation?.code ?? '', deviceName: suggestedDeviceName });
  const [link, setLink] = useState('');
  const { busy, error, run } = useAction();
  const { byField } = fieldErrorsOf(t, error, enrolFields);
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const linkParts = link.trim() ? parseEnrolmentLink(link) : null;

  const pasteLink = (text: string) => {
    setLink(text);
    const parts = parseEnrolmentLink(text);
    if (parts) set({ url: parts.server, code: parts.code });
  };
  const refusedByPolicy = managedUrl !== undefined && draft.url !== '' && !sameServerUrl(draft.url, managedUrl);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The code would go to a server the policy does not allow (and be refused there by the app anyway).
    if (refusedByPolicy) return;
    void run(async () => {
      const state = await api.call('companyServer.enrol', draft);
      announce(t('accounts.signIn.submit'));
      onSignedIn(state);
    });
  };

  return (
    <form className="company-server-enrol" aria-labelledby="company-server-enrol-title" onSubmit={submit} noValidate>
      <h3 id="company-server-enrol-title">{t('accounts.signIn.title')}</h3>
      <p className="muted">{invitation ? t('accounts.signIn.fromLink', { server: invitation.server }) : t('accounts.signIn.help')}</p>
      <TextField label={t('accounts.signIn.link')} value={link} onChange={pasteLink} maxLength={1000} placeholder="signet://enrol?server=…&code=…" error={link.trim() && !linkParts ? t('accounts.signIn.badLink') : undefined} />
      {managedUrl ? <LockedNote /> : null}
      {refusedByPolicy ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('accounts.signIn.policyElsewhere', { server: draft.url, policy: managedUrl })}</p>
        </div>
      ) : null}
      <TextField readOnly={Boolean(managedUrl)} label={t('accounts.signIn.server')} value={draft.url} onChange={(url) => set({ url })} maxLength={500} placeholder="https://sign.example.com" error={byField.url} required />
      <div className="field-row">
        <TextField label={t('accounts.signIn.code')} value={draft.code} onChange={(code) => set({ code })} maxLength={30} error={byField.code} required />
        <TextField label={t('companyServerUi.deviceName')} value={draft.deviceName} onChange={(deviceName) => set({ deviceName })} maxLength={100} error={byField.deviceName} required />
      </div>
      <ErrorNotice error={error} omitFields={enrolFields} />
      <SubmitActions busy={busy} submitLabel={t('accounts.signIn.submit')} busyLabel={t('accounts.signIn.submit')} />
    </form>
  );
}
