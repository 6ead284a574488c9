import { useTranslation } from 'react-i18next';
import type { PolicyView } from '../../../src-shared/policy/policy';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLoaded } from '../../state/use-loaded';

export const loadPolicy = () => api.call('policy.get', {});

/**
 * The machine's managed policy (issue 10): where IT put it, what it fixes, and — when it could not be applied —
 * every problem with where it is, since the app then runs as if there were none. Nothing shows without a policy.
 */
export function PolicyCard() {
  const { value: policy, loadError, reload } = useLoaded(loadPolicy);
  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void reload()} />;
  if (!policy || (policy.source.kind === 'none' && policy.problems.length === 0)) return null;
  return <PolicyFacts policy={policy} />;
}

function PolicyFacts({ policy }: { policy: PolicyView }) {
  const { t } = useTranslation();
  const { source } = policy;
  return (
    <section className="card" aria-labelledby="settings-policy">
      <h2 id="settings-policy">{t('policyUi.heading')}</h2>
      <dl className="facts">
        <dt>{t('policyUi.source')}</dt>
        <dd>
          <code data-testid="policy-source">{source.kind === 'file' ? source.path : source.kind === 'registry' ? source.key : '—'}</code>
        </dd>
        {policy.problems.length === 0 ? (
          <>
            <dt>{t('policyUi.locks')}</dt>
            <dd data-testid="policy-locks">{policy.locked.length ? policy.locked.map((l) => t(`policyUi.setting.${l}`)).join(', ') : t('policyUi.nothingLocked')}</dd>
            {policy.companyServerUrl ? (
              <>
                <dt>{t('policyUi.companyServer')}</dt>
                <dd>
                  <code>{policy.companyServerUrl}</code>
                </dd>
              </>
            ) : null}
            {policy.updates ? (
              <>
                <dt>{t('policyUi.updates')}</dt>
                <dd>{policy.updates.enabled === false ? t('policyUi.updatesOff') : t('policyUi.updatesChannel', { channel: policy.updates.channel ?? 'stable' })}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {policy.problems.length > 0 ? (
        <div className="notice notice-error" role="alert" data-testid="policy-problems">
          <p>{t('policyUi.notApplied')}</p>
          <ul>
            {policy.problems.map((p, i) => (
              <li key={i}>
                <code>{p.where}</code> — {t(p.messageKey)}
                {p.detail ? ` (${p.detail})` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
