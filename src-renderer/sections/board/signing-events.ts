import type { TFunction } from 'i18next';
import type { DocumentEventView, DocumentSigner } from '../../../src-shared/documents/types';

/**
 * The signing steps' entries in the document's history, in words: who was sent a code and how, whose identity was
 * checked, who was reminded (by hand or automatically), who signed or declined, the seal. `undefined` for an event
 * that is not a signing step.
 */
/**
 * A publish job's reason in words: its message key with its values; a server's refusal by the server's own message key
 * (translated here), its English words (`message`) staying in the details only.
 */
function reasonText(t: TFunction, details: Record<string, string> | undefined): string {
  if (details?.error === 'companyServer.errors.refused' && details.serverKey) {
    const values = details.serverValues ? (JSON.parse(details.serverValues) as Record<string, string | number>) : {};
    return t('companyServer.errors.refusedBecause', { ...details, reason: t(details.serverKey, values) });
  }
  return t(details?.error ?? 'errors.internal', details);
}

export function describeSigningEvent(t: TFunction, e: Pick<DocumentEventView, 'type' | 'details'>, signers: readonly Pick<DocumentSigner, 'id' | 'name'>[]): string | undefined {
  const signer = signers.find((s) => String(s.id) === e.details?.signer)?.name ?? '?';
  const channel = e.details?.channel === 'sms' ? t('board.timeline.signing.channel_sms') : t('board.timeline.signing.channel_email');
  switch (e.type) {
    case 'sent':
      return t('board.timeline.signing.sent');
    case 'otpSent':
      return t('board.timeline.signing.otpSent', { signer, channel });
    case 'otpUnlocked':
      return t('board.timeline.signing.otpUnlocked', { signer });
    case 'identityChecked':
      return t('board.timeline.signing.identityChecked', { signer, channel });
    case 'signed':
      return t('board.timeline.signing.signed', { signer });
    // The reason is the point of a decline: the preparer reads it here, in the signer's own words.
    case 'declined':
      return e.details?.reason ? t('board.timeline.signing.declinedWithReason', { signer, reason: e.details.reason }) : t('board.timeline.signing.declined', { signer });
    case 'sealed':
      return t('board.timeline.signing.sealed');
    // The receiving server's own words: what the owner needs to mend the address.
    case 'deliveryFailed':
      return t('board.timeline.signing.deliveryFailed', { to: e.details?.to ?? '?', reason: e.details?.reason ?? '' });
    case 'cancelled':
      return t('board.timeline.signing.cancelled');
    case 'expired':
      return t('board.timeline.signing.expired');
    case 'reminded':
      return e.details?.mode === 'automatic' ? t('board.timeline.signing.remindedAutomatically', { signer, channel }) : t('board.timeline.signing.reminded', { signer, channel });
    case 'published':
      return t('board.timeline.signing.published', { count: Number(e.details?.links ?? 0), held: e.details?.held ?? '0' });
    // The reason is a message key (`error`) with its values beside it in the details (publish-job.ts).
    case 'publishDelayed':
    case 'publishFailed':
    case 'unpublishDelayed':
    case 'unpublishFailed':
      return t(`board.timeline.signing.${e.type}`, { reason: reasonText(t, e.details) });
    case 'unpublished':
      return t('board.timeline.signing.unpublished');
    // Steps on the company server's portal, as the feed brought them (apply-server-event.ts).
    case 'viewed':
    case 'otpLocked':
      return t(`board.timeline.signing.${e.type}`, { signer });
    case 'sealFetchFailed':
      return t('board.timeline.signing.sealFetchFailed', { reason: reasonText(t, e.details) });
    case 'signatureReportDelayed':
    case 'signatureReportFailed':
      return t(`board.timeline.signing.${e.type}`, { signer, reason: reasonText(t, e.details) });
    default:
      return undefined;
  }
}
