import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useLoaded } from '../../state/use-loaded';
import { AccountsPanel } from './AccountsPanel';

const loadMe = () => api.call('accounts.me', {});

/** Who this desktop works as on the company server, and for an administrator's account the Accounts panel. */
export function SignedInAccount() {
  const { t } = useTranslation();
  const { value } = useLoaded(loadMe);
  const account = value?.account;
  if (!account) return null;
  return (
    <>
      <p data-testid="company-server-account">
        {t('accounts.signIn.signedInAs', { name: account.name, email: account.email })}
        {account.isAdmin ? ` (${t('accounts.signIn.administrator')})` : ''}
      </p>
      {account.isAdmin ? <AccountsPanel /> : null}
    </>
  );
}
