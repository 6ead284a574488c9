import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../src-shared/contract/calls';
import { validationError } from '../../../src-shared/contract/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CompanyFields, companyDraft, companyIssues } from '../../components/CompanyFields';
import { TextField } from '../../components/Field';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { LanguageChoice } from '../settings/LanguageChoice';

const formFields = ['name', 'taxId', 'city', 'userName', 'userEmail'] as const;

/** Shown until the person at the keyboard names the company and themselves (`setup.complete`). */
export function FirstRun({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const completeSetup = useAppStore((s) => s.completeSetup);
  const announce = useAppStore((s) => s.announce);
  const [company, setCompany] = useState(() => companyDraft(info.company));
  const [userName, setUserName] = useState(info.user.name);
  const [userEmail, setUserEmail] = useState(info.user.email ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const { byField } = fieldErrorsOf(t, error, formFields);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Instant feedback for what the shared schema can check here; the server checks everything again.
    const localIssues = companyIssues(company);
    if (!userName.trim()) localIssues.push({ path: 'userName', messageKey: 'validation.required' });
    if (localIssues.length > 0) {
      setError(validationError(localIssues));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const email = userEmail.trim();
      await completeSetup({ company, userName: userName.trim(), ...(email ? { userEmail: email } : {}) });
      announce(t('firstRun.done'));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <main className="first-run">
      <div className="first-run-card card">
        <div className="first-run-brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <h1>{t('firstRun.title')}</h1>
        <p className="section-lead">{t('firstRun.lead')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? 'first-run-error' : undefined}>
          <fieldset>
            <legend>{t('firstRun.companyLegend')}</legend>
            <CompanyFields value={company} onChange={setCompany} errors={byField} optionalHint={t('firstRun.optional')} />
          </fieldset>
          <fieldset>
            <legend>{t('firstRun.youLegend')}</legend>
            <TextField label={t('fieldLabels.userName')} value={userName} onChange={setUserName} error={byField.userName} required autoComplete="name" />
            <TextField
              label={t('fieldLabels.userEmail')}
              type="email"
              value={userEmail}
              onChange={setUserEmail}
              error={byField.userEmail}
              hint={t('firstRun.optional')}
              autoComplete="email"
            />
          </fieldset>
          <LanguageChoice />
          {error ? <ErrorNotice id="first-run-error" error={error} omitFields={formFields} /> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('common.saving') : t('firstRun.submit')}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
