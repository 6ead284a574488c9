import { Fragment, useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceCheck, SignatureCheck, VerificationReport, VerificationVerdict } from '../../../src-shared/pdf/verification';
import { formatCount, formatDay, formatInstant, formatSize, type CheckedFile } from './format';
import { PreviewCard } from './PreviewCard';

interface ReportViewProps {
  report: VerificationReport;
  file: CheckedFile;
  /** The checked PDF itself, for the preview. */
  pdf: Blob;
  verdictRef: RefObject<HTMLHeadingElement | null>;
  onCheckAnother(): void;
  onCopy(): void;
}

/**
 * The answer first (a banner in the verdict's colour with the reasons), then who signed, the evidence, and the file.
 * The preview goes beside the evidence and the file on a wide window (the signatures table keeps the full width, it
 * needs it), after them on a narrow one.
 */
export function ReportView({ report, file, pdf, verdictRef, onCheckAnother, onCopy }: ReportViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const reasonsId = useId();
  return (
    <div className="verify-report">
      <div className={`verdict verdict-${report.verdict}`}>
        <VerdictIcon verdict={report.verdict} />
        <div className="verdict-body">
          <h2 className="verdict-title" ref={verdictRef} tabIndex={-1}>
            {t(`verify.verdict.${report.verdict}`)}
          </h2>
          <p className="verdict-file">
            {file.name} · {formatSize(report.fileSize, language)}
          </p>
          {report.reasons.length > 0 ? (
            <>
              <h3 id={reasonsId} className="visually-hidden">
                {t('verifyPage.reasons')}
              </h3>
              <ul className="verdict-reasons" aria-labelledby={reasonsId}>
                {report.reasons.map((key) => (
                  <li key={key}>{t([key, 'errors.internal'])}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>

      <div className="verify-actions">
        <button type="button" className="button button-primary" onClick={onCheckAnother}>
          {t('verifyPage.checkAnother')}
        </button>
        <button type="button" className="button" onClick={onCopy}>
          {t('verifyPage.copyReport')}
        </button>
        <p className="muted verify-drop-again">{t('verifyPage.dropAgain')}</p>
      </div>

      {report.signatures.length > 0 ? <SignaturesCard signatures={report.signatures} /> : null}
      <div className="verify-report-columns">
        <div className="verify-report-main">
          {report.evidence ? (
            <EvidenceCard evidence={report.evidence} />
          ) : report.signatures.length > 0 ? (
            <section className="card" aria-labelledby="verify-evidence-title">
              <h2 id="verify-evidence-title">{t('verifyPage.evidence.title')}</h2>
              <p className="muted verify-note">
                {report.signatures.every((s) => s.intact) ? t('verifyPage.evidence.none') : t('verifyPage.evidence.skipped')}
              </p>
            </section>
          ) : null}
          <FileCard report={report} file={file} />
        </div>
        <PreviewCard pdf={pdf} />
      </div>
    </div>
  );
}

function SignaturesCard({ signatures }: { signatures: SignatureCheck[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="card" aria-labelledby="verify-signatures-title">
      <h2 id="verify-signatures-title">{t('verifyPage.signatures.title')}</h2>
      <div className="table-wrap">
        <table className="data-table verify-signatures" aria-labelledby="verify-signatures-title">
          <thead>
            <tr>
              <th scope="col">{t('verifyPage.signatures.number')}</th>
              <th scope="col">{t('verifyPage.signatures.signer')}</th>
              <th scope="col">{t('verifyPage.signatures.time')}</th>
              <th scope="col">{t('verifyPage.signatures.integrity')}</th>
              <th scope="col">{t('verifyPage.signatures.coverage')}</th>
              <th scope="col">{t('verifyPage.signatures.trust')}</th>
            </tr>
          </thead>
          <tbody>
            {signatures.map((s) => {
              const when = formatInstant(s.signedAt, language);
              const trusted = s.trust !== 'unknown';
              return (
                <Fragment key={s.index}>
                  <tr className="verify-signature-row">
                    <td>{s.index + 1}</td>
                    <th scope="row">
                      {s.signerName || t('verifyPage.signatures.unknownSigner')}
                      {s.signerOrganization && s.signerOrganization !== s.signerName ? (
                        <div className="cell-sub">{s.signerOrganization}</div>
                      ) : null}
                    </th>
                    <td>
                      {when && s.signedAt ? (
                        <>
                          <time dateTime={s.signedAt}>{when.local}</time>
                          <div className="cell-sub">{when.utc}</div>
                        </>
                      ) : (
                        <span className="muted">{t('verifyPage.signatures.timeNotStated')}</span>
                      )}
                    </td>
                    <td>
                      <span className={`verify-status ${s.intact ? 'verify-status-ok' : 'verify-status-bad'}`}>
                        {t(s.intact ? 'verify.intact' : 'verify.broken')}
                      </span>
                      {!s.intact && s.problem ? <div className="cell-sub">{t(`verify.reason.${s.problem}`)}</div> : null}
                    </td>
                    <td>{t(s.coversWholeFile ? 'verify.covers.whole' : 'verify.covers.part')}</td>
                    <td>
                      <span className={`verify-status ${trusted ? 'verify-status-ok' : 'verify-status-warn'}`}>{t(`verify.trust.${s.trust}`)}</span>
                    </td>
                  </tr>
                  <tr className="verify-certificate-row">
                    <td colSpan={6}>
                      <CertificateDetails signature={s} />
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="field-hint verify-note">{t('verifyPage.signatures.timeNote')}</p>
    </section>
  );
}

function CertificateDetails({ signature: s }: { signature: SignatureCheck }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const c = s.certificate;
  if (!c.subject) return <p className="muted verify-note">{t('verifyPage.certificate.none')}</p>;
  const format = [s.subFilter, s.digestAlgorithm ? s.digestAlgorithm.replace(/^sha-?(\d+)$/i, 'SHA-$1') : undefined].filter(Boolean).join(', ');
  return (
    <details className="verify-certificate">
      <summary>{t('verifyPage.certificate.summary', { n: s.index + 1 })}</summary>
      <dl className="facts verify-facts">
        <dt>{t('verifyPage.certificate.subject')}</dt>
        <dd>{c.subject}</dd>
        <dt>{t('verifyPage.certificate.issuer')}</dt>
        <dd>{c.issuer}</dd>
        <dt>{t('verifyPage.certificate.serial')}</dt>
        <dd>
          <code>{c.serialNumber}</code>
        </dd>
        <dt>{t('verifyPage.certificate.validity')}</dt>
        <dd>{t('verifyPage.certificate.validRange', { from: formatDay(c.notBefore, language), to: formatDay(c.notAfter, language) })}</dd>
        <dt>{t('verifyPage.certificate.fingerprint')}</dt>
        <dd>
          <code className="verify-hash">{c.sha256}</code>
        </dd>
        {format ? (
          <>
            <dt>{t('verifyPage.certificate.format')}</dt>
            <dd>{format}</dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

function EvidenceCard({ evidence: e }: { evidence: EvidenceCheck }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="verify-evidence-title">
      <h2 id="verify-evidence-title">{t('verifyPage.evidence.title')}</h2>
      <p className="muted verify-lead">{t('verifyPage.evidence.lead')}</p>
      <dl className="facts verify-facts">
        <dt>{t('verifyPage.evidence.documentNumber')}</dt>
        <dd>{e.documentNumber}</dd>
        <dt>{t('verifyPage.evidence.documentId')}</dt>
        <dd>
          <code>{e.documentId}</code>
        </dd>
        <dt>{t('verifyPage.evidence.chain')}</dt>
        <dd>
          <YesNo ok={e.chainIntact} />
        </dd>
        <dt>{t('verifyPage.evidence.original')}</dt>
        <dd>
          <YesNo ok={e.originalIntact} />
        </dd>
        <dt>{t('verifyPage.evidence.chainHead')}</dt>
        <dd>
          <code className="verify-hash">{e.chainHead}</code>
        </dd>
      </dl>
    </section>
  );
}

function FileCard({ report, file }: { report: VerificationReport; file: CheckedFile }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const checkedAt = formatInstant(file.checkedAt, language);
  return (
    <section className="card" aria-labelledby="verify-file-title">
      <h2 id="verify-file-title">{t('verifyPage.file.title')}</h2>
      <dl className="facts verify-facts">
        <dt>{t('verifyPage.file.name')}</dt>
        <dd className="verify-file-name">{file.name}</dd>
        <dt>{t('verifyPage.file.size')}</dt>
        <dd>{t('verifyPage.file.sizeValue', { size: formatSize(report.fileSize, language), bytes: formatCount(report.fileSize, language) })}</dd>
        <dt>{t('verifyPage.file.sha256')}</dt>
        <dd>
          <code className="verify-hash">{report.sha256}</code>
        </dd>
        {checkedAt ? (
          <>
            <dt>{t('verifyPage.file.checkedAt')}</dt>
            <dd>
              <time dateTime={file.checkedAt}>{checkedAt.local}</time>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function YesNo({ ok }: { ok: boolean }) {
  const { t } = useTranslation();
  return <span className={`verify-status ${ok ? 'verify-status-ok' : 'verify-status-bad'}`}>{t(ok ? 'verifyPage.yes' : 'verifyPage.no')}</span>;
}

const verdictPaths: Record<VerificationVerdict, string> = {
  valid: 'M12 3 5 6v6c0 4.2 3 7.7 7 9 4-1.3 7-4.8 7-9V6zM9 12l2 2 4-4',
  untrusted: 'M12 3 5 6v6c0 4.2 3 7.7 7 9 4-1.3 7-4.8 7-9V6zM12 8v5M12 16h.01',
  tampered: 'M12 3 5 6v6c0 4.2 3 7.7 7 9 4-1.3 7-4.8 7-9V6zM9.5 9.5l5 5M14.5 9.5l-5 5',
  unsigned: 'M7 3h7l4 4v14H7zM14 3v4h4M10 12h5M10 16h5',
};

/** Decorative: the verdict's words carry the meaning, the colour and shape only repeat it. */
function VerdictIcon({ verdict }: { verdict: VerificationVerdict }) {
  return (
    <svg className="verdict-icon" viewBox="0 0 24 24" width="44" height="44" aria-hidden="true" focusable="false">
      <path d={verdictPaths[verdict]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
