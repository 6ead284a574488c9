/**
 * Messages whose content is a secret worth something only once: an identity code. The worker needs the text to send
 * it, so it is in the row while queued; once the message is settled (sent or given up) the text goes, so that a copy
 * of the store file never holds a code, and such a message is not retried by hand — the signer asks for a new code.
 */
const oneTimePurposes = new Set(['otp']);

export const isOneTime = (purpose: string): boolean => oneTimePurposes.has(purpose);

/** What a settled one-time message keeps in place of its content. */
export const removedContent = { text: '[removed after delivery: one-time code]', html: null } as const;
