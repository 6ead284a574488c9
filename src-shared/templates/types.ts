import type { DocumentDetail } from '../documents/types';
import type { FieldLayout } from '../fields/layout';
import type { FieldValues } from '../fields/values';
import type { UiLanguage } from '../settings/schema';
import type { SigningOrder } from '../signing/order';

/** One company place of a template (`company-1`, …) and the employee who signs in it. */
export interface TemplateCompanyRole {
  ref: string;
  /** Absent when the place was held by someone who is not a user of this installation. */
  userId?: string | undefined;
  name?: string | undefined;
  /** False once the employee lost the right to sign: a Draft started from the template leaves the place open. */
  canSign: boolean;
}

/** What the document was (or was to be) sent with, when it was chosen; the wizard's defaults fill the rest. */
export interface TemplateSendDefaults {
  order?: SigningOrder | undefined;
  message?: string | undefined;
  language?: UiLanguage | undefined;
  reminderDays?: number | undefined;
  /** Days from sending to the deadline. */
  expiryDays?: number | undefined;
}

/** What the template list shows. */
export interface TemplateSummary {
  id: string;
  name: string;
  fileSha256: string;
  originalName: string;
  pageCount: number;
  companyRoles: TemplateCompanyRole[];
  /** How many counterparties sign (`counterparty-1` … `counterparty-N`); who they are is chosen each time. */
  counterpartyRoles: number;
  fieldCount: number;
  sendDefaults: TemplateSendDefaults;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
}

export interface Template extends TemplateSummary {
  /** Fields name their signer by place (`company-1`, `counterparty-2`), never by person. */
  layout: FieldLayout;
  /** The preparer's values for company places only: a counterparty's were read from a contact who will not be the next one. */
  values: FieldValues;
}

export interface TemplateDraft {
  document: DocumentDetail;
  /** Employees of the template who can no longer sign: their places (and fields) wait for a signer chosen in step 2. */
  openCompanyRoles: string[];
}
