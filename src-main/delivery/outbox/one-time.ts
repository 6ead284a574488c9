/**
 * Messages whose content is a secret: an identity code, or a signing link whose token the store otherwise keeps only
 * as a hash. The worker needs the text to send it, so it is in the row while queued; once the message is settled
 * (sent or given up) the text goes, so that a copy of the store file holds neither a code nor a usable link, and such
 * a message is not retried by hand — the signer asks for a new code, a lost link is sent anew with a new token.
 */
const oneTimePurposes = new Set(['otp', 'signingLink']);

export const isOneTime = (purpose: string): boolean => oneTimePurposes.has(purpose);

/** What a settled one-time message keeps in place of its content. */
export const removedContent = { text: '[removed after delivery: it held a one-time code or a signing link]', html: null } as const;
