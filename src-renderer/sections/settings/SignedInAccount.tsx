import { useTranslation } from 'react-i18next';
import type { CompanyServerState } from '../../../src-shared/company-server/link';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../state/use-action';
import { useLoaded } from '../../state/use-loaded';
import { AccountsPanel } from './AccountsPanel';

const loadMe = () => api.call('accounts.me', {});

/** Who this desktop works as on the company server, and for an administrator's account the Accounts panel. */
export function SignedInAccount({ onSignedOut }: { onSignedOut(state: CompanyServerState): void }) {
  const { t } = useTranslation();
  const { value } = useLoaded(loadMe);
  const { busy, error, run } = useAction();
  const account = value?.account;
  if (!account) return null;
  // An administrator has Unlink beside; an employee signs their own desktop out (the server revokes its token).
  const signOut = () => run(async () => onSignedOut((await api.call('companyServer.unpair', {})).state));
  return (
    <>
      <p data-testid="company-server-account">
        {t('accounts.signIn.signedInAs', { name: account.name, email: account.email })}
        {account.isAdmin ? ` (${t('accounts.signIn.administrator')})` : ''}
      </p>
      {account.isAdmin ? (
        <AccountsPanel />
      ) : (
        <button type="button" className="button" disabled={busy} onClick={() => void signOut()}>
          {t('accounts.signIn.signOut')}
        </button>
      )}
      <ErrorNotice error={error} />
    </>
  );
}
