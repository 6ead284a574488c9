import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../src-shared/contract/calls';
import { validationError } from '../../../src-shared/contract/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CompanyFields, companyDraft, companyIssues, type CompanyDraft } from '../../components/CompanyFields';
import { api } from '../../api';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { CompanyServerCard } from './CompanyServerCard';
import { EmployeesCard } from './EmployeesCard';
import { IdentityCard } from './IdentityCard';
import { LanguageChoice } from './LanguageChoice';
import { MailCard } from './MailCard';
import { NumberingCard } from './NumberingCard';
import { OutboxCard } from './OutboxCard';
import { PolicyCard } from './PolicyCard';
import { SyncConflictsCard } from './SyncConflictsCard';
import { SmsCard } from './SmsCard';
import { StagesCard } from './StagesCard';
import { TrustAnchorsCard } from './TrustAnchorsCard';
import { UpdatesFacts } from './UpdatesFacts';
import { SectionHeader } from '../../components/SectionHeader';

const companyFields = ['name', 'taxId', 'city'] as const;

export function SettingsSection({ headingRef, info }: { headingRef: RefObject<HTMLHeadingElement | null>; info: AppInfo }) {
  const { t } = useTranslation();
  // What each card lets one change follows the access permissions (issue 8); the services refuse the rest anyway.
  const settings = info.grants['settings.manage'] !== 'none';
  return (
    <section className="section" aria-labelledby="section-title">
      <SectionHeader headingRef={headingRef} title={t('nav.settings')} lead={t('settings.lead')} />
      <PolicyCard />
      <CompanyCard info={info} />
      <EmployeesCard current={info.user} />
      <IdentityCard canManage={settings} />
      <TrustAnchorsCard canManage={settings} />
      <StagesCard canManage={info.grants['stages.manage'] !== 'none'} />
      <NumberingCard isAdmin={settings} />
      <MailCard isAdmin={settings} />
      <OutboxCard isAdmin={settings} />
      <SmsCard isAdmin={settings} />
      <CompanyServerCard isAdmin={settings} />
      <SyncConflictsCard />
      <section className="card" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.languageHeading')}</h2>
        <LanguageChoice />
      </section>
      <section className="card" aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.about')}</h2>
        <dl className="facts">
          <dt>{t('settings.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>{t('updatesUi.heading')}</dt>
          <dd>
            <UpdatesFacts />
          </dd>
          <dt>{t('settings.connection')}</dt>
          <dd>{t(api.transport === 'ipc' ? 'settings.connectionIpc' : 'settings.connectionWeb')}</dd>
          <dt>{t('settings.user')}</dt>
          <dd>
            {info.user.name}
            {info.user.email ? ` <${info.user.email}>` : ''}
            {info.user.isAdmin ? ` · ${t('settings.roleAdmin')}` : ''}
          </dd>
        </dl>
      </section>
    </section>
  );
}

function CompanyCard({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const updateCompany = useAppStore((s) => s.updateCompany);
  const announce = useAppStore((s) => s.announce);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<CompanyDraft>({ name: '', taxId: '', city: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { byField } = fieldErrorsOf(t, error, companyFields);

  const startEditing = () => {
    setDraft(companyDraft(info.company));
    setError(null);
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const issues = companyIssues(draft);
    if (issues.length > 0) {
      setError(validationError(issues));
      return;
    }
    setBusy(true);
    try {
      await updateCompany(draft);
      setEditing(false);
      setError(null);
      announce(t('settings.companySaved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-company">
      <h2 id="settings-company">{t('settings.company')}</h2>
      {editing ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <CompanyFields value={draft} onChange={setDraft} errors={byField} />
          {error ? <ErrorNotice error={error} omitFields={companyFields} /> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('fieldLabels.company_name')}</dt>
            <dd data-testid="company-name">{info.company.name}</dd>
            <dt>{t('fieldLabels.company_taxId')}</dt>
            <dd>{info.company.taxId ?? '—'}</dd>
            <dt>{t('fieldLabels.company_city')}</dt>
            <dd>{info.company.city ?? '—'}</dd>
          </dl>
          <button type="button" className="button" onClick={startEditing} disabled={info.grants['settings.manage'] === 'none'}>
            {t('settings.editCompany')}
          </button>
        </>
      )}
    </section>
  );
}
