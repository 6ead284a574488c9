import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDevice, AccountList } from '../../../src-shared/company-server/account-api';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { FormButtons, SubmitActions } from '../../components/FormButtons';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { useAction } from '../../state/use-action';
import { useLoaded } from '../../state/use-loaded';
import { formatDateTime } from '../contacts/format';

type ListedAccount = AccountList['accounts'][number];
const inviteFields = ['name', 'email', 'department'] as const;
const loadAccounts = () => api.call('accounts.list', {});

/**
 * The administrator's Accounts panel (issue 7): every account of the company server, an invitation for a new one,
 * and per account disable/enable, reset devices, the invitation again and its devices with revoke. All of it is the
 * server's: it needs the server to answer, and the server checks the administrator.
 */
export function AccountsPanel() {
  const { t } = useTranslation();
  const { value, loadError, reload } = useLoaded(loadAccounts);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<string | null>) => {
    try {
      setNotice(await work());
      setError(null);
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="settings-accounts" data-testid="accounts-panel">
      <h3 id="settings-accounts">{t('accounts.panel.title')}</h3>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorNotice error={error ?? loadError} onRetry={() => void reload()} />
      {value ? (
        <ul className="accounts-list">
          {value.accounts.map((account) => (
            <AccountRow key={account.id} account={account} act={act} />
          ))}
        </ul>
      ) : null}
      <InviteForm onInvited={(message) => void act(async () => message)} />
    </section>
  );
}

function AccountRow({ account, act }: { account: ListedAccount; act(work: () => Promise<string | null>): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [devices, setDevices] = useState<AccountDevice[] | null>(null);
  const [editing, setEditing] = useState(false);
  const showDevices = async () => setDevices((await api.call('accounts.devices', { id: account.id })).devices);
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <li data-testid="account-row" aria-label={account.name}>
      <p>
        <strong>{account.name}</strong> {account.email}
        {account.department ? ` · ${account.department}` : ''}
        {account.disabledAt ? ` · ${t('accounts.panel.disabled')}` : ''} · {t('accounts.panel.activeDevices', { count: account.activeDevices })}
      </p>
      <div className="field-row">
        <CheckboxField label={t('accounts.panel.signer')} checked={account.isSigner} onChange={(isSigner) => void act(async () => (await api.call('accounts.edit', { id: account.id, isSigner }), null))} />
        <CheckboxField label={t('accounts.panel.admin')} checked={account.isAdmin} onChange={(isAdmin) => void act(async () => (await api.call('accounts.edit', { id: account.id, isAdmin }), null))} />
      </div>
      {editing ? (
        <EditAccountForm
          account={account}
          onDone={(saved) => {
            setEditing(false);
            if (saved) void act(async () => t('accounts.panel.saved', { name: saved }));
          }}
        />
      ) : null}
      <div className="button-row">
        <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('accounts.panel.edit')}
        </button>
        <button type="button" className="button" onClick={() => void act(async () => (await api.call('accounts.setDisabled', { id: account.id, disabled: !account.disabledAt }), null))}>
          {account.disabledAt ? t('accounts.panel.enable') : t('accounts.panel.disable')}
        </button>
        <button type="button" className="button" onClick={() => void act(async () => t('accounts.panel.resetDone', { count: (await api.call('accounts.resetDevices', { id: account.id })).revoked }))}>
          {t('accounts.panel.resetDevices')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void act(async () => {
              const invitation = await api.call('accounts.resendInvitation', { id: account.id });
              return t('accounts.panel.invited', { email: account.email, code: invitation.code, date: when(invitation.expiresAt) });
            })
          }
        >
          {t('accounts.panel.resend')}
        </button>
        <button type="button" className="button" aria-expanded={devices !== null} onClick={() => void (devices ? setDevices(null) : act(async () => (await showDevices(), null)))}>
          {t('accounts.panel.devices')}
        </button>
      </div>
      {devices ? (
        devices.length === 0 ? (
          <p className="muted">{t('accounts.panel.noDevices')}</p>
        ) : (
          <ul>
            {devices.map((d) => (
              <li key={d.id}>
                {d.name} · {d.revokedAt ? t('accounts.panel.revoked', { date: when(d.revokedAt) }) : d.lastSeenAt ? t('accounts.panel.lastSeen', { date: when(d.lastSeenAt) }) : t('accounts.panel.neverSeen')}
                {d.revokedAt ? null : (
                  <button type="button" className="button" onClick={() => void act(async () => (await api.call('accounts.revokeDevice', { id: d.id }), await showDevices(), null))}>
                    {t('accounts.panel.revoke')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </li>
  );
}

type AccountDetails = { name: string; email: string; department: string; language: 'pl' | 'en' };
const emptyInvite = { name: '', email: '', department: '', language: 'pl' as const, isSigner: false };

/** Name, e-mail, department and the e-mails' language: what the invitation asks and what an edit changes. */
function AccountDetailsFields<D extends AccountDetails>({ draft, set, byField }: { draft: D; set(patch: Partial<AccountDetails>): void; byField: Partial<Record<(typeof inviteFields)[number], string>> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field-row">
        <TextField label={t('accounts.panel.name')} value={draft.name} onChange={(name) => set({ name })} maxLength={200} error={byField.name} required />
        <TextField label={t('accounts.panel.email')} type="email" value={draft.email} onChange={(email) => set({ email })} maxLength={254} error={byField.email} required />
      </div>
      <div className="field-row">
        <TextField label={t('accounts.panel.department')} value={draft.department} onChange={(department) => set({ department })} maxLength={200} error={byField.department} />
        <SelectField
          label={t('accounts.panel.language')}
          value={draft.language}
          onChange={(language) => set({ language })}
          options={[
            { value: 'pl', label: 'Polski' },
            { value: 'en', label: 'English' },
          ]}
        />
      </div>
    </>
  );
}

/** Changes an account's details on the server; its devices keep working, and take the new details when they next ask (accounts.me). */
function EditAccountForm({ account, onDone }: { account: ListedAccount; onDone(savedName: string | null): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AccountDetails>({ name: account.name, email: account.email, department: account.department ?? '', language: account.language });
  const { busy, error, run } = useAction();
  const { byField } = fieldErrorsOf(t, error, inviteFields);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await api.call('accounts.edit', { id: account.id, ...draft });
      onDone(saved.name);
    });
  };
  return (
    <form id={`account-edit-${account.id}`} className="account-edit" aria-label={t('accounts.panel.editOf', { name: account.name })} onSubmit={submit} noValidate>
      <AccountDetailsFields draft={draft} set={(patch) => setDraft({ ...draft, ...patch })} byField={byField} />
      <ErrorNotice error={error} omitFields={inviteFields} />
      <div className="form-actions">
        <FormButtons form={`account-edit-${account.id}`} busy={busy} submitLabel={t('common.save')} busyLabel={t('common.saving')} onCancel={() => onDone(null)} />
      </div>
    </form>
  );
}

function InviteForm({ onInvited }: { onInvited(message: string): void }) {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [draft, setDraft] = useState<AccountDetails & { isSigner: boolean }>(emptyInvite);
  const { busy, error, run } = useAction();
  const { byField } = fieldErrorsOf(t, error, inviteFields);
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { account, invitation } = await api.call('accounts.invite', draft);
      setDraft(emptyInvite);
      const message = t('accounts.panel.invited', { email: account.email, code: invitation.code, date: formatDateTime(invitation.expiresAt, i18n.language) });
      announce(message);
      onInvited(message);
    });
  };

  return (
    <form className="account-invite" aria-label={t('accounts.panel.invite')} onSubmit={submit} noValidate>
      <AccountDetailsFields draft={draft} set={set} byField={byField} />
      <CheckboxField label={t('accounts.panel.signer')} checked={draft.isSigner} onChange={(isSigner) => set({ isSigner })} />
      <ErrorNotice error={error} omitFields={inviteFields} />
      <SubmitActions busy={busy} submitLabel={t('accounts.panel.invite')} busyLabel={t('accounts.panel.invite')} />
    </form>
  );
}
