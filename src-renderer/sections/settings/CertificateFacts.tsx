import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../src-shared/identity/types';
import { formatCertTime, groupFingerprint } from './identity-format';

/** In two halves of eight groups, so a narrow column breaks it into two even rows rather than ragged ones. */
export function Fingerprint({ sha256 }: { sha256: string }) {
  const groups = groupFingerprint(sha256).split(' ');
  return (
    <code className="identity-fingerprint">
      <span>{groups.slice(0, 8).join(' ')}</span> <span>{groups.slice(8).join(' ')}</span>
    </code>
  );
}

/** Subject, issuer, validity, serial and the fingerprint of one certificate, as a definition list. */
export function CertificateFacts({ certificate: c }: { certificate: CertificateInfo }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts identity-facts">
      <dt>{t('identityUi.cert.subject')}</dt>
      <dd>{c.subject}</dd>
      <dt>{t('identityUi.cert.issuer')}</dt>
      <dd>{c.issuer}</dd>
      <dt>{t('identityUi.cert.validFrom')}</dt>
      <dd>
        <time dateTime={c.notBefore}>{formatCertTime(c.notBefore, i18n.language)}</time>
      </dd>
      <dt>{t('identityUi.cert.validTo')}</dt>
      <dd>
        <time dateTime={c.notAfter}>{formatCertTime(c.notAfter, i18n.language)}</time>
      </dd>
      <dt>{t('identityUi.cert.serial')}</dt>
      <dd>
        <code className="identity-serial">{c.serialNumber}</code>
      </dd>
      <dt>{t('identityUi.cert.fingerprint')}</dt>
      <dd>
        <Fingerprint sha256={c.sha256} />
      </dd>
    </dl>
  );
}
