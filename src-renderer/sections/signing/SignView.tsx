import { useEffect, useId, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DeclineDialog } from './DeclineDialog';
import { SignatureTabs } from './SignatureTabs';
import { SignerFieldsForm } from './SignerFieldsForm';
import { SignPages } from './SignPages';
import type { Signature } from './signature';
import { blockingFields, fillableFields, initialValues, isImageKind, type DraftValues, type SigningFields } from './signer-fields';
import './signing.css';

/**
 * What the signing screen shows, however it was fetched: through the desktop's contract (desktop-subject.ts) or from
 * the company server's portal with a signing session (src-renderer/portal/signing).
 */
export interface SignSubject {
  title: string;
  number: string;
  file: Blob;
  /** The pages' sizes, the layout (only `signer.ref`'s fields are shown) and the preparer's values. */
  fields: SigningFields;
  /** Who signs here: their name, the reference the layout names them by, their country (phone numbers). */
  signer: { name: string; ref: string; country: string | undefined } | null;
  /** With no signer: the message key that says why there is nothing to sign here. */
  nothingKey?: string;
}

/**
 * Who signs here and how their signature reaches the side that records it: as the employee, in person for a
 * counterparty, or a counterparty on the portal. `R` is what signing or declining answers.
 */
export interface SignActions<R = DocumentSummary> {
  /** What to show; called again only when the actions change (another document, another signer). */
  load(): Promise<SignSubject>;
  /** `values`: what the signer typed into their own fields; the receiving side checks them against the layout again. */
  sign(input: Signature & { consent: boolean; values: DraftValues }): Promise<R>;
  decline(reason: string): Promise<R>;
}

interface SignViewProps<R> {
  actions: SignActions<R>;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  onDone(outcome: 'signed' | 'declined', result: R): void;
  /** A way back without signing; the kiosk and the portal have none. */
  onBack?: () => void;
}

/**
 * The signing screen: the whole document, the signer's fields to fill, a signature (drawn, typed or uploaded), the
 * consent statement, and Sign or Decline. "Sign" stays disabled, with the reason beside it, until all of it is there.
 */
export function SignView<R = DocumentSummary>({ actions, headingRef, onDone, onBack }: SignViewProps<R>) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<SignSubject | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<DraftValues>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [signature, setSignature] = useState<Signature | null>(null);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [declining, setDeclining] = useState(false);
  const consentId = useId();
  const blockersId = useId();
  const signatureHeading = useId();

  useEffect(() => {
    let live = true;
    actions.load().then(
      (subject) => live && setLoaded(subject),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [actions]);

  const signer = loaded?.signer ?? undefined;
  const ref = signer?.ref;
  const country = signer?.country;
  const own = loaded && ref ? loaded.fields.layout.fields.filter((f) => f.signerId === ref) : [];
  const fillable = loaded && ref ? fillableFields(loaded.fields, ref) : [];

  // The preparer's values come in once, when the document has loaded; from then on they are the signer's to change.
  const [seeded, setSeeded] = useState<string | null>(null);
  if (loaded && ref && seeded !== ref) {
    setSeeded(ref);
    setValues(initialValues(loaded.fields, fillable));
  }

  useEffect(() => {
    if (loaded) headingRef?.current?.focus();
  }, [loaded, headingRef]);

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!loaded) return <p aria-busy="true">{t('common.loading')}</p>;

  const heading = (
    <header className="sign-header">
      <h1 ref={headingRef} tabIndex={-1}>
        {loaded.title}
      </h1>
      <p className="muted">
        {loaded.number}
        {signer ? ` · ${t('signingUi.signingAs', { name: signer.name })}` : ''}
      </p>
    </header>
  );
  if (!signer || !ref) {
    return (
      <div className="sign-view">
        {heading}
        <p className="notice">{t(loaded.nothingKey ?? 'signingUi.nothingToSign')}</p>
        {onBack ? (
          <button type="button" className="button" onClick={onBack}>
            {t('signingUi.back')}
          </button>
        ) : null}
      </div>
    );
  }

  const missing = blockingFields(loaded.fields, ref, values, country);
  const blockers = [
    ...missing.map((f) => t('signingUi.blocker.field', { field: f.label ?? t(`fieldEditor.kind.${f.kind}`), page: f.page + 1 })),
    ...(signature ? [] : [t('signingUi.blocker.signature')]),
    ...(consent ? [] : [t('signingUi.blocker.consent')]),
  ];
  const hasImageFields = own.some((f) => isImageKind(f.kind));

  const sign = async () => {
    if (!signature || blockers.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      onDone('signed', await actions.sign({ ...signature, consent, values }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="sign-view">
      {heading}
      <div className="sign-layout">
        <SignPages file={loaded.file} pageSizes={loaded.fields.pageSizes} fields={own} values={values} signatureImage={hasImageFields ? (signature?.image ?? null) : null} />
        <div className="sign-side">
          <SignerFieldsForm
            fields={fillable}
            values={values}
            touched={touched}
            country={country}
            onChange={(id, value) => setValues((v) => ({ ...v, [id]: value }))}
            onBlur={(id) => setTouched((s) => new Set(s).add(id))}
          />
          <section aria-labelledby={signatureHeading} className="sign-signature">
            <h2 id={signatureHeading}>{t('signingUi.signatureHeading')}</h2>
            <SignatureTabs signerName={signer.name} onChange={setSignature} />
          </section>
          <div className="field field-checkbox sign-consent">
            <label htmlFor={consentId}>
              <input id={consentId} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> {t('signingUi.consent')}
            </label>
          </div>
          {blockers.length > 0 ? (
            <div id={blockersId} className="sign-blockers">
              <p>{t('signingUi.blocker.lead')}</p>
              <ul>
                {blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ErrorNotice error={error} />
          <div className="sign-actions">
            <button type="button" className="button button-primary" disabled={busy || blockers.length > 0} aria-describedby={blockers.length > 0 ? blockersId : undefined} onClick={() => void sign()}>
              {busy ? t('signingUi.signing') : t('signingUi.sign')}
            </button>
            <button type="button" className="button button-danger-outline" disabled={busy} onClick={() => setDeclining(true)}>
              {t('signingUi.decline.open')}
            </button>
            {onBack ? (
              <button type="button" className="button" disabled={busy} onClick={onBack}>
                {t('signingUi.back')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      {declining ? (
        <DeclineDialog
          onClose={() => setDeclining(false)}
          onDecline={async (reason) => {
            const after = await actions.decline(reason);
            setDeclining(false);
            onDone('declined', after);
          }}
        />
      ) : null}
    </div>
  );
}
