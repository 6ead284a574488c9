import type { TFunction } from 'i18next';
import { AppError, type ValidationIssue } from '../../src-shared/contract/errors';

export interface FieldIssue {
  /** The issue's path as the server sent it (`fields.email`, `company.name`, `mapping.3`). */
  path: string;
  /** The path's last named segment (`email`, `name`, `mapping`): what a form keys its fields by. */
  field: string;
  label: string;
  message: string;
}

export interface DescribedError {
  error: AppError;
  message: string;
  issues: FieldIssue[];
}

/** Anything caught becomes an AppError; an unexpected exception is shown as the generic internal error. */
export function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', 'errors.internal');
}

export function validationIssues(error: AppError): ValidationIssue[] {
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is ValidationIssue =>
      typeof i === 'object' && i !== null && typeof (i as ValidationIssue).path === 'string' && typeof (i as ValidationIssue).messageKey === 'string',
  );
}

/** Translates a message key, falling back to a generic message so a key added on the main side never shows raw. */
export function translateKey(t: TFunction, key: string, fallback: string, values?: Record<string, unknown>): string {
  return t([key, fallback], values ?? {});
}

/** `fields.email` → label of `email`; `company.name` → `company_name` if translated, else `name`; `mapping.3` → `mapping`. */
export function fieldLabel(t: TFunction, path: string): string {
  const segments = path.split('.').filter(Boolean);
  const candidates: string[] = [];
  for (let i = 0; i < segments.length; i++) candidates.push(`fieldLabels.${segments.slice(i).join('_')}`);
  const named = segments.filter((s) => !/^\d+$/.test(s));
  for (let i = 0; i < named.length; i++) candidates.push(`fieldLabels.${named.slice(i).join('_')}`);
  for (const key of candidates) if (t(key, { defaultValue: '' })) return t(key);
  return path || t('fieldLabels.payload');
}

export function lastField(path: string): string {
  const named = path.split('.').filter((s) => s && !/^\d+$/.test(s));
  return named.at(-1) ?? '';
}

export function describeIssue(t: TFunction, issue: ValidationIssue): FieldIssue {
  return {
    path: issue.path,
    field: lastField(issue.path),
    label: fieldLabel(t, issue.path),
    message: translateKey(t, issue.messageKey, 'validation.invalid'),
  };
}

export function describeError(t: TFunction, error: unknown): DescribedError {
  const appError = asAppError(error);
  return {
    error: appError,
    message: translateKey(t, appError.messageKey, 'errors.internal', appError.details),
    issues: validationIssues(appError).map((i) => describeIssue(t, i)),
  };
}

/** One line for a status area: the message and, for validation errors, "<field label>: <message>" for each issue. */
export function errorText(t: TFunction, error: unknown): string {
  const d = describeError(t, error);
  return d.issues.length === 0 ? d.message : `${d.message} ${d.issues.map((i) => `${i.label}: ${i.message}`).join('; ')}`;
}

/** Per-field messages for a form, keyed by the field's name; issues on other paths are left for the form's summary. */
export function fieldErrorsOf(t: TFunction, error: unknown, fields: readonly string[]): { byField: Record<string, string>; other: FieldIssue[] } {
  const byField: Record<string, string> = {};
  const other: FieldIssue[] = [];
  for (const issue of describeError(t, error).issues) {
    if (fields.includes(issue.field) && !(issue.field in byField)) byField[issue.field] = issue.message;
    else other.push(issue);
  }
  return { byField, other };
}
