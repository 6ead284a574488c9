import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../src-shared/documents/types';
import type { SaveSendPlan } from '../../../src-shared/documents/send-plan';
import type { DocumentFields } from '../../../src-shared/fields/document-fields';
import { signerRefs } from '../../../src-shared/fields/signers';
import type { SigningOrder } from '../../../src-shared/signing/order';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { openSignView } from '../signing/use-sign-route';
import { closeWizard, nameDraftInAddress, type CreateRoute } from './create-route';
import { DiscardFieldsDialog } from './field-editor/DiscardFieldsDialog';
import type { EditorOutput } from './field-editor/editor-state';
import { useLeaveGuard } from './field-editor/use-leave-guard';
import { channelsFor, deliveryFrom, deliveryToSave, type Delivery } from './delivery-plan';
import { StepDelivery } from './StepDelivery';
import { StepFields } from './StepFields';
import { StepFile, type ChosenFile } from './StepFile';
import { SaveAsTemplateButton } from './SaveAsTemplateButton';
import { StepReview } from './StepReview';
import { counterpartyOf, StepSigners, type Counterparty } from './StepSigners';
import { fieldsKey, fieldsSavable, fieldsUnsaved } from './unsaved-fields';
import { dateAfter, defaultExpiryDays, expiryProblem, firstIncompleteStep, wizardSteps, type WizardStep } from './wizard-logic';
import './wizard.css';

/**
 * "Prepare and send" (issue 5): five steps over one Draft. The Draft is created on leaving step 1 and every later step
 * saves to it (the signing order and the delivery choices too, as its send plan), so "Save draft and close" works
 * anywhere and `#/create/<id>` resumes at the first step not done, with what was chosen.
 */
export function WizardSection({ route, headingRef, userId }: { route: CreateRoute; headingRef: RefObject<HTMLHeadingElement | null>; userId: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [step, setStep] = useState<WizardStep>('file');
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [title, setTitle] = useState('');
  const [companyIds, setCompanyIds] = useState<string[]>([userId]);
  const [counterparties, setCounterparties] = useState<Counterparty[]>([]);
  const [order, setOrder] = useState<SigningOrder>('companyFirst');
  const [fields, setFields] = useState<DocumentFields | null>(null);
  const [editor, setEditor] = useState<EditorOutput | null>(null);
  /** What step 3 last stored (`fieldsKey`): edits equal to it are not lost by leaving. */
  const [storedFields, setStoredFields] = useState<string | null>(null);
  /** Asked "discard the changes to the fields?" on the way out of the wizard, with what follows a yes. */
  const [leaving, setLeaving] = useState<{ leave(): void } | null>(null);
  const [delivery, setDelivery] = useState<Delivery>({ channels: {}, language: i18n.language === 'en' ? 'en' : 'pl', message: '', expiresOn: dateAfter(new Date(), defaultExpiryDays), reminderDays: 0 });
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<DocumentDetail | null>(null);
  const [loading, setLoading] = useState(Boolean(route.documentId));
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  // Resuming: the Draft, its signers and fields decide where to open.
  useEffect(() => {
    const id = route.documentId;
    if (!id || doc?.id === id) return;
    let live = true;
    Promise.all([api.call('documents.get', { id }), api.call('documents.fields.get', { id })]).then(
      ([d, f]) => {
        if (!live) return;
        adopt(d);
        setOrder(d.sendPlan.order ?? 'companyFirst');
        setDelivery((old) => ({ ...old, ...deliveryFrom(d.sendPlan, old) }));
        setFile({ sha256: d.originalSha256, name: d.originalName, pageCount: f.pageSizes.length });
        setTitle(d.title);
        setFields(f);
        setStep(d.phase === 'draft' ? firstIncompleteStep({ signers: d.signers, layout: f.layout, refs: f.signers.map((s) => s.ref) }) : 'review');
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.documentId]);

  // A contact's page opens the wizard with them as the counterparty.
  useEffect(() => {
    if (!route.contactId || route.documentId) return;
    api.call('contacts.get', { id: route.contactId }).then((c) => setCounterparties((old) => (old.some((x) => x.id === c.id) ? old : [...old, counterpartyOf(c)])), setError);
  }, [route.contactId, route.documentId]);

  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      headingRef.current?.focus();
      return;
    }
    stepHeading.current?.focus();
  }, [step, headingRef]);

  function adopt(d: DocumentDetail) {
    setDoc(d);
    setCompanyIds(d.signers.filter((s) => s.side === 'company' && s.userId).map((s) => s.userId!));
    setCounterparties(d.signers.filter((s) => s.side === 'counterparty' && s.contactId).map((s) => ({ id: s.contactId!, name: s.name })));
    setDelivery((old) => ({ ...old, channels: channelsFor(d.signers, old.channels, d.sendPlan.channels) }));
  }

  /** Saves part of the send plan to the Draft `d` (the latest the caller has) and takes the Draft it returns. */
  async function savePlan(d: DocumentDetail, part: Omit<SaveSendPlan, 'id' | 'version'>) {
    adopt(await api.call('documents.sendPlan.save', { id: d.id, version: d.version, ...part }));
  }

  /** An address was added to a signer's contact in step 4: its channel options, identity code and the review show it. */
  async function reloadContacts() {
    if (doc) setFields(await api.call('documents.fields.get', { id: doc.id }));
  }

  /**
   * Saves what this step holds; false (with the reason shown) when it cannot be left yet. A draft saved to close
   * (`forward` false) keeps what is there, complete or not.
   */
  async function saveStep(forward = true): Promise<boolean> {
    setProblem(undefined);
    setError(null);
    if (step === 'file') {
      if (!file) return fail(t('wizard.file.required'));
      if (!title.trim()) return fail(t('wizard.file.titleRequired'));
      if (doc) {
        if (title.trim() !== doc.title) adopt(await api.call('documents.update', { id: doc.id, version: doc.version, title: title.trim() }));
        return true;
      }
      const from = file.from ? await api.call('documents.get', { id: file.from.id }) : null;
      const created = await api.call('documents.create', {
        fileSha256: file.sha256,
        originalName: file.name,
        title: title.trim(),
        // A recent document is reused with its signers in their places, so its layout keeps pointing at the right people.
        companySignerIds: from ? from.signers.filter((s) => s.side === 'company' && s.userId).map((s) => s.userId!) : companyIds,
        counterpartyContactIds: from ? from.signers.filter((s) => s.side === 'counterparty' && s.contactId).map((s) => s.contactId!) : counterparties.map((c) => c.id),
      });
      let latest = created;
      if (from) {
        const layout = await api.call('documents.fields.get', { id: from.id });
        if (layout.layout.fields.length) {
          await api.call('documents.fields.save', { id: created.id, version: created.version, layout: layout.layout, values: layout.values }).catch(() => undefined);
          latest = await api.call('documents.get', { id: created.id });
        }
      }
      adopt(latest);
      nameDraftInAddress(latest.id);
      return true;
    }
    if (!doc) return false;
    if (step === 'signers') {
      if (forward && (companyIds.length === 0 || counterparties.length === 0)) return fail(t('wizard.signers.bothSides'));
      const updated = await api.call('documents.update', { id: doc.id, version: doc.version, companySignerIds: companyIds, counterpartyContactIds: counterparties.map((c) => c.id) });
      adopt(updated);
      await savePlan(updated, { order });
      return true;
    }
    if (step === 'fields') {
      if (!editor || !fields) return true;
      if (editor.issues.length) return forward ? fail(t('fieldEditor.fixFirst', { count: editor.issues.length })) : true;
      const refs = signerRefs(doc.signers);
      const missing = doc.signers.filter((_, i) => !editor.layout.fields.some((f) => f.signerId === refs[i]));
      const saved = await api.call('documents.fields.save', { id: doc.id, version: fields.version, layout: editor.layout, values: editor.values });
      setFields(saved);
      setStoredFields(fieldsKey(editor));
      adopt(await api.call('documents.get', { id: doc.id }));
      if (missing.length) announce(t('wizard.fields.noFieldFor', { names: missing.map((s) => s.name).join(', ') }), 'info');
      return true;
    }
    if (step === 'delivery') {
      const bad = forward ? expiryProblem(delivery.expiresOn, new Date()) : null;
      if (bad) return fail(t(bad));
      await savePlan(doc, deliveryToSave(delivery));
    }
    return true;
  }

  function fail(message: string): false {
    setProblem(message);
    return false;
  }

  async function run(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // Step 3 is saved on Next, Back and "Save draft"; leaving the wizard any other way (the side navigation, an address,
  // closing or reloading the window) with edits not stored asks first.
  const unsaved = step === 'fields' && fieldsUnsaved(editor, storedFields);
  const release = useLeaveGuard(unsaved, (leave) => setLeaving({ leave }));
  /** "Save and leave": the step saved as "Save draft" saves it, then on the way out. */
  const saveAndLeave = async (leave: () => void) => {
    if (!(await saveStep(false))) return;
    announce(t('wizard.savedDraft'), 'info');
    leave();
  };

  const index = wizardSteps.indexOf(step);
  const move = (to: number) =>
    run(async () => {
      if (await saveStep(to > index)) setStep(wizardSteps[to]!);
    });
  const next = () => move(index + 1);
  const back = () => move(index - 1);
  const saveAndClose = () =>
    run(async () => {
      if (!doc && !file) return closeWizard();
      if (await saveStep(false)) {
        // Fields with problems to fix are not saved (the Draft keeps what it had): closing then asks about them.
        if (step !== 'fields' || fieldsSavable(editor)) {
          announce(t('wizard.savedDraft'), 'info');
          release();
        }
        closeWizard();
      }
    });
  const send = () =>
    run(async () => {
      if (!doc) return;
      const out = await api.call('signing.send', {
        id: doc.id,
        version: doc.version,
        order,
        expiresOn: delivery.expiresOn,
        channels: delivery.channels,
        language: delivery.language,
        ...(delivery.message.trim() ? { message: delivery.message.trim() } : {}),
        ...(delivery.reminderDays ? { reminderDays: delivery.reminderDays } : {}),
      });
      announce(t('wizard.review.sent', { title: out.title }), 'info');
      const mine = out.signers.find((s) => s.side === 'company' && s.userId === userId);
      if (mine && mine.status !== 'waiting') setSent({ ...doc, ...out });
      else closeWizard();
    });

  if (sent) {
    return (
      <section className="section wizard" aria-labelledby="section-title">
        <h1 id="section-title" ref={headingRef} tabIndex={-1}>
          {t('wizard.review.sentHeading')}
        </h1>
        <p>{t('wizard.review.yourTurn', { title: sent.title })}</p>
        <div className="form-buttons">
          <button type="button" className="button" onClick={closeWizard}>
            {t('wizard.toBoard')}
          </button>
          <button type="button" className="button button-primary" onClick={() => openSignView(sent.id)}>
            {t('wizard.review.signNow')}
          </button>
        </div>
      </section>
    );
  }

  const draftLocked = doc !== null && doc.phase !== 'draft';
  // What the fields step loaded per signer (in the signers' order), so a resumed Draft knows the addresses too.
  const contacts = Object.fromEntries((doc?.signers ?? []).map((sg, i) => [sg.contactId ?? '', { email: fields?.signers[i]?.contact.email, phone: fields?.signers[i]?.contact.phone }]));
  return (
    <section className="section wizard" aria-labelledby="section-title">
      <header className="section-header section-header-row">
        <h1 id="section-title" ref={headingRef} tabIndex={-1}>
          {doc ? t('wizard.headingDraft', { number: doc.number }) : t('wizard.heading')}
        </h1>
        <div className="header-actions">
          {doc && doc.phase === 'draft' ? (
            <SaveAsTemplateButton
              documentId={doc.id}
              title={doc.title}
              disabled={busy}
              beforeSave={async () => {
                // The template is made from what the Draft has stored: what this step holds is saved first.
                await saveStep(false);
              }}
            />
          ) : null}
          <button type="button" className="button" onClick={() => void saveAndClose()} disabled={busy}>
            {t('wizard.saveAndClose')}
          </button>
        </div>
      </header>
      <ol className="wizard-steps" aria-label={t('wizard.stepsLabel')}>
        {wizardSteps.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={i < index ? 'wizard-step-done' : undefined}>
            <span aria-hidden="true">{i + 1}.</span> {t(`wizard.steps.${s}`)}
          </li>
        ))}
      </ol>
      <ErrorNotice error={error} />
      {loading ? <p className="muted">{t('common.loading')}</p> : null}
      {draftLocked ? <p className="notice">{t('wizard.notDraft')}</p> : null}
      {!loading && !draftLocked ? (
        <>
          <h2 ref={stepHeading} tabIndex={-1} className="wizard-step-heading">
            {t('wizard.stepOf', { n: index + 1, total: wizardSteps.length, name: t(`wizard.steps.${step}`) })}
          </h2>
          {step === 'file' ? <StepFile file={file} title={title} locked={doc !== null} titleError={problem} onFile={setFile} onTitle={setTitle} /> : null}
          {step === 'signers' ? (
            <StepSigners companyIds={companyIds} counterparties={counterparties} order={order} problem={problem} onCompany={setCompanyIds} onCounterparties={setCounterparties} onOrder={setOrder} />
          ) : null}
          {step === 'fields' && doc ? <StepFields key={doc.id} documentId={doc.id} problem={problem} onLoaded={setFields} onChange={setEditor} /> : null}
          {step === 'delivery' && doc ? (
            <StepDelivery
              signers={doc.signers}
              contacts={contacts}
              delivery={delivery}
              expiryError={problem}
              onChange={(patch) => setDelivery((old) => ({ ...old, ...patch }))}
              onContactChanged={() => void run(reloadContacts)}
            />
          ) : null}
          {step === 'review' && doc && fields ? <StepReview doc={doc} pageCount={fields.pageSizes.length} layout={fields.layout} order={order} delivery={delivery} contacts={contacts} /> : null}
          {leaving ? (
            <DiscardFieldsDialog
              onKeep={() => setLeaving(null)}
              onDiscard={leaving.leave}
              onSave={fieldsSavable(editor) ? () => saveAndLeave(leaving.leave) : undefined}
            />
          ) : null}
          <div className="wizard-nav">
            {index > 0 ? (
              <button type="button" className="button" onClick={() => void back()} disabled={busy}>
                {t('common.back')}
              </button>
            ) : null}
            {step === 'review' ? (
              <button type="button" className="button button-primary" onClick={() => void send()} disabled={busy}>
                {t('wizard.review.send')}
              </button>
            ) : (
              <button type="button" className="button button-primary" onClick={() => void next()} disabled={busy}>
                {t('wizard.next')}
              </button>
            )}
          </div>
        </>
      ) : null}
    </section>
  );
}
