import { randomUUID } from 'node:crypto';
import { DeliveryError, type DeliveryChannel, type OutgoingMessage } from '../../channel';

/** A signing-link text as the outbox would hand it over: Polish, 72 characters, so two UCS-2 segments. */
export const polishText = 'Prośba o podpis: umowa nr 42 czeka na Państwa podpis w aplikacji Signet.';

export function outgoingSms(to: string, text = polishText, idempotencyKey: string = randomUUID()): OutgoingMessage {
  return { id: randomUUID(), channel: 'sms', to, text, idempotencyKey };
}

const noAttachments = () => Promise.reject(new Error('an SMS has no attachments'));

/** What a send ends in, as plain data a test can compare: the receipt, or the classified refusal. */
export async function outcome(channel: DeliveryChannel, message: OutgoingMessage, hooks?: { committing(): Promise<void> }) {
  try {
    return { ok: true as const, receipt: await channel.send(message, noAttachments, hooks) };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    return { ok: false as const, permanent: error.permanent, reason: error.reason, providerCode: error.providerCode };
  }
}
