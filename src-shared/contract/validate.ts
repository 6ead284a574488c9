import type { z } from 'zod';
import { AppError, validationError, type ValidationIssue } from './errors';
import { contract, isCallName, type CallName } from './calls';
import type { ParsedInput } from './types';

/** What our schemas' own messages start with: i18n keys. Zod's own messages are English sentences, never these. */
const ownKeyPrefixes = ['validation.', 'import.', 'signing.'];

/**
 * Zod issues become field-named issues; our own schema messages are already i18n keys (`validation.*`, and the signing
 * steps' own, such as `signing.consentRequired`), kept as they are.
 */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    messageKey: ownKeyPrefixes.some((prefix) => issue.message.startsWith(prefix)) ? issue.message : zodCodeKey(issue.code),
  }));
}

function zodCodeKey(code: string): string {
  switch (code) {
    case 'invalid_type':
      return 'validation.type';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    case 'too_big':
      return 'validation.tooLong';
    case 'too_small':
      return 'validation.tooShort';
    case 'invalid_value':
      return 'validation.choice';
    default:
      return 'validation.invalid';
  }
}

/** The single gate every transport passes through before a service runs. */
export function parseCallInput<K extends CallName>(name: K, payload: unknown): ParsedInput<K> {
  const parsed = contract[name].input.safeParse(payload);
  if (!parsed.success) throw validationError(toValidationIssues(parsed.error));
  return parsed.data as ParsedInput<K>;
}

export function assertCallName(name: unknown): CallName {
  if (!isCallName(name)) throw new AppError('UNKNOWN_CALL', 'errors.unknownCall', { name: String(name).slice(0, 100) });
  return name;
}
