import { useTranslation } from 'react-i18next';
import { companyFieldsSchema, type Company } from '../../src-shared/company/schema';
import type { ValidationIssue } from '../../src-shared/contract/errors';
import { toValidationIssues } from '../../src-shared/contract/validate';
import { TextField } from './Field';

/** The company profile as the form edits it: every field as text. */
export type CompanyDraft = Record<keyof Company, string>;

export function companyDraft(company: Company): CompanyDraft {
  return { name: company.name, taxId: company.taxId ?? '', city: company.city ?? '' };
}

/** Instant feedback with the schema the server uses, with paths as the server names them (`company.name`). */
export function companyIssues(draft: CompanyDraft): ValidationIssue[] {
  const parsed = companyFieldsSchema.safeParse(draft);
  return parsed.success ? [] : toValidationIssues(parsed.error).map((i) => ({ ...i, path: `company.${i.path}` }));
}

interface CompanyFieldsProps {
  value: CompanyDraft;
  onChange(value: CompanyDraft): void;
  errors: Partial<Record<keyof Company, string>>;
  /** Shown under the optional fields (first run says they can wait). */
  optionalHint?: string;
}

/** Name, tax ID and city of the company: the same fields in the first-run form and in Settings. */
export function CompanyFields({ value, onChange, errors, optionalHint }: CompanyFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('fieldLabels.company_name')}
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        error={errors.name}
        required
        autoComplete="organization"
        autoFocus
      />
      <div className="field-row">
        <TextField
          label={t('fieldLabels.company_taxId')}
          value={value.taxId}
          onChange={(taxId) => onChange({ ...value, taxId })}
          error={errors.taxId}
          hint={optionalHint}
        />
        <TextField
          label={t('fieldLabels.company_city')}
          value={value.city}
          onChange={(city) => onChange({ ...value, city })}
          error={errors.city}
          hint={optionalHint}
          autoComplete="address-level2"
        />
      </div>
    </>
  );
}
