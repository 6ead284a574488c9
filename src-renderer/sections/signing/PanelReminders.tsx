import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { reminderCooldownMs, type ReminderPlan, type ReminderTarget } from '../../../src-shared/signing/reminders';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatMoment } from '../board/format';

/**
 * The owner's "Send reminder" on a document out for signing: whom it reached, announced in the panel's own live
 * region (the page's toast sits behind the modal panel, inert), or the main side's reason it reached nobody; the
 * signers whose turn it is but whom no reminder can reach, and why; when the next automatic reminder goes out.
 */
export function PanelReminders({ doc, onReminded }: { doc: Pick<DocumentSummary, 'id' | 'version'>; onReminded(): void }) {
  const { t, i18n } = useTranslation();
  const [plan, setPlan] = useState<ReminderPlan | null>(null);
  const [reminded, setReminded] = useState<ReminderTarget[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loads, setLoads] = useState(0);

  // Read again after a reminder and whenever the document changes (a signature passes the turn on).
  useEffect(() => {
    let live = true;
    api.call('signing.reminders', { id: doc.id }).then(
      (p) => live && setPlan(p),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [doc.id, doc.version, loads]);

  const send = async () => {
    setBusy(true);
    setError(null);
    setReminded([]);
    try {
      setReminded((await api.call('signing.remind', { id: doc.id })).reminded);
      onReminded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setLoads((n) => n + 1);
    }
  };

  const minutes = reminderCooldownMs / 60_000;
  // Those just reminded are in the announcement; the plan would list them again as "reminded minutes ago".
  const leftOut = (plan?.leftOut ?? []).filter((l) => !reminded.some((r) => r.signerId === l.signerId));
  const next = plan?.nextAutomaticAt ? formatMoment(plan.nextAutomaticAt, i18n.language) : null;
  return (
    <div>
      <button type="button" className="button" onClick={() => void send()} disabled={busy}>
        {busy ? t('signingUi.reminders.sending') : t('signingUi.reminders.send')}
      </button>
      <div role="status">{reminded.length > 0 ? <p>{t('signingUi.reminders.sent', { names: reminded.map((r) => `${r.name} (${r.to})`).join(', ') })}</p> : null}</div>
      <ErrorNotice error={error} />
      {leftOut.length > 0 ? (
        <ul className="muted">
          {leftOut.map((l) => (
            <li key={l.signerId}>{t(`signingUi.reminders.leftOut_${l.reason}`, { name: l.name, minutes })}</li>
          ))}
        </ul>
      ) : null}
      {plan?.reminderDays ? (
        <p className="muted">{next ? t('signingUi.reminders.next', { date: next, count: plan.reminderDays }) : t('signingUi.reminders.noneDue', { count: plan.reminderDays })}</p>
      ) : null}
    </div>
  );
}
