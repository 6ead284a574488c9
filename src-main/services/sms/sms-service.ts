import type { z } from 'zod';
import { validationError } from '../../../src-shared/contract/errors';
import { toE164 } from '../../../src-shared/contacts/phone';
import { countSmsSegments, maxSmsSegments } from '../../../src-shared/delivery/sms-segments';
import { smsSecretNames, type SmsSettings, type smsSettingsInput, type SmsTestResult, type smsTestInput } from '../../../src-shared/delivery/sms-settings';
import { DeliveryError } from '../../delivery/channel';
import { requiredSecret } from '../../delivery/sms/create-provider';
import { configuredSmsProvider, storedSmsSource } from '../../delivery/sms/sms-channel';
import { forgetSmsSecret, readSmsSecrets, readStoredSms, storeSmsSecret, writeStoredSms, type StoredSms } from '../../delivery/sms/sms-store';
import { keepToPolicy, policyOf } from '../../policy/enforce';
import { isKeychainUnavailable } from '../../secrets/secret-store';
import type { ServiceContext } from '../context';

/** The provider, its fields, and for each secret only whether one is stored: a token never travels back to a window. */
export async function getSmsSettings(ctx: ServiceContext): Promise<SmsSettings> {
  return describe(ctx, await readStoredSms(ctx));
}

async function describe(ctx: ServiceContext, stored: StoredSms): Promise<SmsSettings> {
  const secrets = { smsapiToken: false, twilioAuthToken: false, webhookToken: false };
  const locked = policyOf(ctx).locked?.sms ? { locked: true } : {};
  try {
    const present = await readSmsSecrets(ctx, stored);
    for (const name of smsSecretNames) secrets[name] = present[name] !== undefined;
    return { ...stored.config, secrets, ...locked };
  } catch (error) {
    if (!isKeychainUnavailable(error)) throw error;
    return { ...stored.config, secrets, keychainProblem: String(error.details?.reason ?? ''), ...locked };
  }
}

/**
 * Saves the provider and its fields. Each secret is replaced, removed (`null`) or kept (absent); a provider that needs
 * a token is refused without one before anything is written, and secrets are stored before the row that names them,
 * so a failing keychain leaves the previous settings whole.
 */
export async function saveSmsSettings(ctx: ServiceContext, input: z.output<typeof smsSettingsInput>): Promise<SmsSettings> {
  const { secrets: changes, ...config } = input;
  // Under a policy that locks the provider only its secrets may change (the form sends the policy's settings back);
  // they are kept apart from the user's own, which stay as they were for a laptop the policy no longer covers.
  const locked = policyOf(ctx).locked?.sms;
  keepToPolicy('sms', config, locked);
  const previous = await readStoredSms(ctx);
  const needed = requiredSecret(config.provider);
  if (needed) {
    const change = changes[needed];
    const present = change === undefined ? (await readSmsSecrets(ctx, previous))[needed] !== undefined : change !== null;
    if (!present) throw validationError([{ path: `secrets.${needed}`, messageKey: 'validation.required' }]);
  }
  const secretRefs = { ...previous.secretRefs };
  const forget: string[] = [];
  for (const name of smsSecretNames) {
    const change = changes[name];
    const old = previous.secretRefs[name];
    if (typeof change === 'string') {
      secretRefs[name] = await storeSmsSecret(ctx, name, change, Boolean(locked));
      if (old && old !== secretRefs[name]) forget.push(old);
    } else if (change === null && old) {
      delete secretRefs[name];
      forget.push(old);
    }
  }
  const stored = { config, secretRefs };
  await writeStoredSms(ctx, stored, Boolean(locked));
  for (const ref of forget) await forgetSmsSecret(ctx, ref);
  ctx.log.info('SMS settings saved', { provider: config.provider, secretsChanged: smsSecretNames.filter((n) => changes[n] !== undefined) });
  return describe(ctx, stored);
}

/** Sends one SMS now, past the outbox, so an administrator sees the provider take the message or say why not. */
export async function sendTestSms(ctx: ServiceContext, input: z.output<typeof smsTestInput>): Promise<SmsTestResult> {
  const to = toE164(input.to);
  const count = countSmsSegments(input.text);
  if (!to || count.segments > maxSmsSegments) {
    throw validationError([
      ...(to ? [] : [{ path: 'to', messageKey: 'validation.phone' }]),
      ...(count.segments > maxSmsSegments ? [{ path: 'text', messageKey: 'validation.smsTooLong' }] : []),
    ]);
  }
  const provider = await configuredSmsProvider(storedSmsSource(ctx));
  const id = ctx.newId();
  const shape = { to, encoding: count.encoding, segments: count.segments };
  try {
    const receipt = await provider.send({ id, channel: 'sms', to, text: input.text, idempotencyKey: id });
    ctx.log.info('test SMS accepted', { provider: provider.name, segments: count.segments });
    return { ok: true, ...shape, ...(receipt.providerMessageId ? { providerMessageId: receipt.providerMessageId } : {}) };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    ctx.log.info('test SMS refused', { provider: provider.name, permanent: error.permanent, code: error.providerCode });
    return { ok: false, ...shape, permanent: error.permanent, reason: error.reason, ...(error.providerCode ? { providerCode: error.providerCode } : {}) };
  }
}
