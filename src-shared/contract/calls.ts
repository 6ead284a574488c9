import type { PolicyView } from '../policy/policy';
import type { UpdateStatus } from '../updates/update-status';
import type { SyncConflict, SyncStatus } from '../sync/protocol';
import { accountDisabledInput, accountEditInput, accountIdInput, companyServerEnrolInput, newAccountSchema, type Account, type AccountDevice, type AccountList, type Invitation, type InvitedAccount } from '../company-server/account-api';
import { z } from 'zod';
import { companyFieldsSchema, userFieldsSchema, type Company, type User } from '../company/schema';
import { contactFieldsSchema, contactKinds, contactSortKeys, type Contact } from '../contacts/schema';
import { importPreviewInput, importRunInput, type ImportPreview, type ImportReport } from '../contacts/import-types';
import { languagePreferenceSchema, uiLanguages, type Preferences } from '../settings/schema';
import { defaultPdfLimits } from '../pdf/limits';
import type { PdfInfo } from '../pdf/info';
import type { VerificationReport } from '../pdf/verification';
import { addTrustAnchorInput, exportServerSealInput, importP12Input, sha256Input, type IdentityStatus, type ServerSealExport, type TrustAnchorInfo } from '../identity/types';
import { numberSchemeSchema } from '../documents/number-scheme';
import type { Stage } from '../documents/stages';
import { boardViewSchema, sortSchema, type BoardView } from '../documents/view';
import { documentFilterSchema, documentUpdateSchema, newDocumentSchema, type Board, type DocumentDetail, type DocumentSummary } from '../documents/types';
import { saveSendPlanInput } from '../documents/send-plan';
import { saveDocumentFieldsSchema, type DocumentFields } from '../fields/document-fields';
import { renameTemplateInput, saveTemplateInput, startDraftInput } from '../templates/inputs';
import type { Template, TemplateDraft, TemplateSummary } from '../templates/types';
import {
  cancelInput,
  declineInput,
  inPersonCheckInput,
  inPersonDeclineInput,
  inPersonInput,
  inPersonSignInput,
  inPersonStartInput,
  kioskLockInput,
  kioskUnlockInput,
  remindInput,
  sendDocumentInput,
  signInput,
} from '../signing/inputs';
import { mailSettingsInput, mailTestInput, type MailSettings } from '../delivery/mail-settings';
import { outboxListInput, type OutboxItem, type OutboxPage } from '../delivery/outbox';
import { smsSettingsInput, smsTestInput, type SmsSettings, type SmsTestResult } from '../delivery/sms-settings';
import { companyServerPairInput, type CompanyServerState, type CompanyServerUnpaired } from '../company-server/link';
import type { KioskState } from '../signing/kiosk-state';
import type { ReminderOutcome, ReminderPlan } from '../signing/reminders';
import { maxEventWaitMs, type EventBatch } from './app-events';
import type { AccessLevel, PermissionAction } from '../permissions/actions';
import type { Role } from '../permissions/roles';
import { assignDepartmentInput, assignUserInput, deleteRoleInput, permissionHistoryInput, saveRoleInput, type PermissionHistory, type PermissionsView } from '../permissions/permission-calls';
import { call } from './define';
import { automationIdSchema, ruleInputSchema, triggerInputSchema, type AutomationView } from '../automation/automation';
import { markNoticesReadInput, type Notice } from '../automation/notices';
import { automationDryRunInput, automationLogInput, automationRetryInput, webhookSecretInput, type AutomationRun, type DryRun } from '../automation/runs';

const id = z.uuid({ error: 'validation.id' });
const anyFilter = documentFilterSchema.default(documentFilterSchema.parse({}));
const stageName = z.string().trim().min(1, { error: 'validation.required' }).max(60, { error: 'validation.tooLong' });
const stageColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'validation.color' });
const empty = z.object({}).strict();
/** A PDF as base64, up to the default import limit (a lower limit set by the administrator is applied by the service). */
const pdfData = z.base64({ error: 'validation.base64' }).max(Math.ceil((defaultPdfLimits.maxBytes * 4) / 3) + 4, { error: 'pdf.tooLarge' });

export interface AppInfo {
  version: string;
  /** True until the person at the keyboard has named the company and themselves. */
  firstRun: boolean;
  company: Company;
  user: User;
  preferences: Preferences;
  dataDir: string;
  /** The current employee's level per action (issue 8): what the renderer shows; every call is still checked. */
  grants: Record<PermissionAction, AccessLevel>;
  /** Their `documents.move` level into the stages (by id) a role of theirs sets apart; other stages: `grants`'. */
  stageMoves: Record<string, AccessLevel>;
  /** The roles they hold, their own and their department's (shown beside their name). */
  roles: Pick<Role, 'id' | 'name' | 'builtin'>[];
}

export interface ContactPage {
  items: Contact[];
  total: number;
}

export const contactListInput = z.object({
  query: z.string().max(200, { error: 'validation.tooLong' }).default(''),
  kinds: z.array(z.enum(contactKinds)).max(contactKinds.length).default([]),
  includeArchived: z.boolean().default(false),
  sort: z.enum(contactSortKeys).default('name'),
  descending: z.boolean().default(false),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(500).default(100),
});

/**
 * The whole surface the renderer can reach. The Electron preload, the IPC handlers and the browser host's
 * WebSocket are all built from this object, so a call that is not here does not exist on any transport.
 */
export const contract = {
  'app.info': call<AppInfo>()(empty),
  'setup.complete': call<AppInfo>()(
    z.object({
      company: companyFieldsSchema,
      userName: z.string().trim().min(1, { error: 'validation.required' }).max(100, { error: 'validation.tooLong' }),
      userEmail: z.email({ error: 'validation.email' }).optional(),
    }),
  ),
  'company.update': call<Company>()(z.object({ company: companyFieldsSchema })),
  /** The machine's managed policy (issue 10): what it locks and what was wrong with it. */
  'policy.get': call<PolicyView>()(empty),
  /** The app's own updates (issue 10): off and why, or the last check, the download, an update ready to install. */
  'updates.status': call<UpdateStatus>()(empty),
  /** Looks for an update now (one found is downloaded and checked at once). */
  'updates.check': call<UpdateStatus>()(empty),
  /** Restarts the app into the update downloaded; refused while none is ready. */
  'updates.install': call<UpdateStatus>()(empty),
  'settings.setLanguage': call<Preferences>()(z.object({ language: languagePreferenceSchema })),

  'contacts.list': call<ContactPage>()(contactListInput),
  'contacts.get': call<Contact>()(z.object({ id })),
  /** `allowSharedTaxId`: the person works at a company already in the book (a shared tax ID is then expected). */
  'contacts.create': call<Contact>()(z.object({ fields: contactFieldsSchema, allowSharedTaxId: z.boolean().default(false) })),
  'contacts.update': call<Contact>()(
    z.object({ id, fields: contactFieldsSchema, allowSharedTaxId: z.boolean().default(false) }),
  ),
  'contacts.setArchived': call<Contact>()(z.object({ id, archived: z.boolean() })),
  'contacts.delete': call<{ id: string }>()(z.object({ id })),
  'contacts.importPreview': call<ImportPreview>()(importPreviewInput),
  'contacts.import': call<ImportReport>()(importRunInput),
  'contacts.exportCsv': call<{ filename: string; csv: string }>()(contactListInput.omit({ offset: true, limit: true })),

  /** Checks any PDF: every signature, whether anything follows the last one, the evidence, and trust. */
  'pdf.verify': call<VerificationReport>()(z.object({ data: pdfData })),
  /** The PDF the OS opened with the app ("Open with Signet"), once, for Verify to check; null when there is none. */
  'verify.takeOpened': call<{ file: { name: string; data: string } | null }>()(empty),
  /** Takes an original into the file store untouched and records its hash, pages and page sizes; refuses what cannot be signed. */
  'pdf.import': call<PdfInfo>()(z.object({ data: pdfData })),

  /** The company seal: its certificate, where its key is kept, and what is wrong with it if anything. */
  'identity.status': call<IdentityStatus>()(empty),
  /** Makes the company seal where none is usable (after the keychain was fixed, or its key was lost). */
  'identity.create': call<IdentityStatus>()(empty),
  /** Desktop app only: keep keys with Electron safeStorage because the keychain cannot be used. */
  'identity.useSafeStorage': call<IdentityStatus>()(empty),
  /** A PKCS#12 (.p12/.pfx) from a commercial CA becomes the company seal. */
  'identity.importP12': call<IdentityStatus>()(importP12Input),
  /** The public CA certificate (PEM) partners import to trust the company's seals. */
  'identity.exportCa': call<{ filename: string; pem: string }>()(empty),
  /** Administrators: a new seal certificate for the company server, issued by the company CA, as a PKCS#12 under this password. */
  'identity.exportServerSeal': call<ServerSealExport>()(exportServerSealInput),

  /** Certificate authorities this installation trusts besides its own (partners, commercial CAs). */
  'trust.list': call<TrustAnchorInfo[]>()(empty),
  'trust.add': call<TrustAnchorInfo[]>()(addTrustAnchorInput),
  'trust.remove': call<{ sha256: string }>()(sha256Input),

  /** The employees of this installation, by name; everyone may read it (owner filters, company signers). */
  'users.list': call<User[]>()(empty),
  /** Administrators only. */
  'users.add': call<User>()(userFieldsSchema),
  /** Administrators only; the whole record. The last administrator keeps the right. */
  'users.update': call<User>()(z.object({ id, ...userFieldsSchema.shape })),
  /** Who works at this computer from now on: a profile switch, not a sign-in (see users-service.ts). */
  'users.switch': call<AppInfo>()(z.object({ id })),

  /** The company's signing stages in board order. */
  'stages.list': call<Stage[]>()(empty),
  'stages.add': call<Stage[]>()(z.object({ afterId: id, name: stageName, color: stageColor })),
  /** `name: null` gives a default stage back its translated name. */
  'stages.update': call<Stage[]>()(z.object({ id, name: stageName.nullable().optional(), color: stageColor.optional() })),
  'stages.reorder': call<Stage[]>()(z.object({ ids: z.array(id).min(1).max(100) })),
  /** A stage holding documents is deleted only with `moveTo`, a stage of the same phase that takes them. */
  'stages.delete': call<Stage[]>()(z.object({ id, moveTo: id.optional() })),

  /** The company's document numbering scheme and the number the next document would get. */
  'documents.numbering.get': call<{ scheme: string; next: string }>()(empty),
  'documents.numbering.set': call<{ scheme: string; next: string }>()(z.object({ scheme: numberSchemeSchema })),
  'documents.create': call<DocumentDetail>()(newDocumentSchema),
  'documents.get': call<DocumentDetail>()(z.object({ id })),
  /** The wizard's saves to its Draft (title, amount, due date, tags, signers); only while it is a Draft. */
  'documents.update': call<DocumentDetail>()(documentUpdateSchema),
  /** How the Draft will go out (order, channels, language, message, deadline day, reminders), saved as the wizard's steps are left; only while it is a Draft. */
  /** Removes a document not in signing (a draft, or one cancelled, declined or expired); a sealed one is kept. */
  'documents.delete': call<{ id: string }>()(z.object({ id, version: z.int().min(1) })),
  'documents.sendPlan.save': call<DocumentDetail>()(saveSendPlanInput),
  /** The original (or, once sealed, the sealed PDF) as base64, for the preview. */
  'documents.file': call<{ name: string; data: string }>()(z.object({ id, which: z.enum(['original', 'sealed'], { error: 'validation.choice' }).default('original') })),
  /** A card dragged to another stage; `version` is the one the board showed, so a stale move is refused. */
  'documents.move': call<DocumentSummary>()(z.object({ id, stageId: id, version: z.int().min(1) })),
  /** The document's field layout, its pages and signers (with what auto-fill reads), and the preparer's values. */
  'documents.fields.get': call<DocumentFields>()(z.object({ id })),
  /** The whole layout and the preparer's values; only while the document is a Draft, at the version it was loaded at. */
  'documents.fields.save': call<DocumentFields>()(saveDocumentFieldsSchema),
  'board.get': call<Board>()(z.object({ filter: anyFilter, ...sortSchema.shape, pageSize: z.int().min(1).max(200).default(30) })),
  'board.column': call<DocumentSummary[]>()(z.object({ stageId: id, filter: anyFilter, ...sortSchema.shape, offset: z.int().min(0), limit: z.int().min(1).max(200) })),
  /** The list (table) view of the same filtered set. */
  'documents.list': call<{ items: DocumentSummary[]; total: number }>()(z.object({ filter: anyFilter, ...sortSchema.shape, offset: z.int().min(0).default(0), limit: z.int().min(1).max(500).default(100) })),
  'documents.exportCsv': call<{ filename: string; csv: string }>()(z.object({ filter: anyFilter, ...sortSchema.shape, language: z.enum(uiLanguages, { error: 'validation.language' }) })),
  /** The signed-in employee's own board: columns, card fields, filters, order, density. */
  'board.view.get': call<BoardView>()(empty),
  'board.view.save': call<BoardView>()(z.object({ view: boardViewSchema })),

  /** The company's templates by name: file, page count, signer places; the fields only with `templates.get`. */
  'templates.list': call<TemplateSummary[]>()(empty),
  'templates.get': call<Template>()(z.object({ id })),
  /** "Save as template" from any document: its file, field layout and signer places; the name unique in the company. */
  'templates.saveFromDocument': call<Template>()(saveTemplateInput),
  /** Whoever saved the template, or an administrator. */
  'templates.rename': call<Template>()(renameTemplateInput),
  /** Whoever saved the template, or an administrator; the file stays (documents may use it). */
  'templates.delete': call<{ id: string }>()(z.object({ id })),
  /** A new Draft from a template; counterparties are chosen each time (here, or in the wizard's step 2). */
  'templates.startDraft': call<TemplateDraft>()(startDraftInput),

  /** A Draft goes out for signing: order, deadline, each signer's channel (counterparties in person until there is a server). */
  'signing.send': call<DocumentSummary>()(sendDocumentInput),
  /** The signed-in employee signs their own place on the document, with consent; the last signature seals it. */
  'signing.sign': call<DocumentSummary>()(signInput),
  'signing.decline': call<DocumentSummary>()(declineInput),
  /** The owner (or an administrator) withdraws a document that is out for signing. */
  'signing.cancel': call<DocumentSummary>()(cancelInput),
  /** The owner (or an administrator) reminds, now, the signers whose turn it is and whom a message can reach. */
  'signing.remind': call<ReminderOutcome>()(remindInput),
  /** Who a reminder would reach now, who not and why, and when the next automatic one goes out. */
  'signing.reminders': call<ReminderPlan>()(remindInput),
  /** In person: a one-time code to the signer's own e-mail or phone (masked in the answer, never shown in full). */
  'signing.inPerson.start': call<{ expiresAt: string; sentTo: string }>()(inPersonStartInput),
  'signing.inPerson.check': call<{ identityCheck: 'emailCode' | 'smsCode' }>()(inPersonCheckInput),
  'signing.inPerson.sign': call<DocumentSummary>()(inPersonSignInput),
  'signing.inPerson.decline': call<DocumentSummary>()(inPersonDeclineInput),
  /** The employee lets a signer who typed five wrong codes ask for a new one. */
  'signing.inPerson.unlockCode': call<{ ok: true }>()(inPersonInput),
  /** The owner (or an administrator) lets a signer by link, locked out on the portal by wrong codes, ask for a new one (on the company server). */
  'signing.unlockCode': call<{ ok: true }>()(inPersonInput),
  /** The kiosk: while locked, the main side answers only the in-person signer's own calls until the employee's PIN. */
  'kiosk.lock': call<KioskState>()(kioskLockInput),
  'kiosk.unlock': call<KioskState>()(kioskUnlockInput),
  'kiosk.state': call<KioskState>()(empty),

  /** Administrators only: the SMTP server; the password only as "stored or not". */
  'mail.settings.get': call<MailSettings>()(empty),
  /** Administrators only; `password`: a new one, `null` to remove it, absent to keep the stored one. */
  'mail.settings.save': call<MailSettings>()(mailSettingsInput),
  /** Administrators only: queues a test e-mail through the outbox and reports its first attempt. */
  'mail.test': call<OutboxItem>()(mailTestInput),
  /** Messages newest first, whole or by status (never their bodies). */
  'outbox.list': call<OutboxPage>()(outboxListInput),
  /** A failed (or sent but unconfirmed) message back in the queue, due now. */
  'outbox.retry': call<OutboxItem>()(z.object({ id })),
  /** Administrators only: the SMS provider and its fields; each secret only as "stored or not". */
  'sms.settings.get': call<SmsSettings>()(empty),
  /** Administrators only; each of `secrets`: a new one, `null` to remove it, absent to keep the stored one. */
  'sms.settings.save': call<SmsSettings>()(smsSettingsInput),
  /** Administrators only: one SMS now through the saved provider, past the outbox; its id, or its reason for refusing. */
  'sms.test': call<SmsTestResult>()(smsTestInput),
  /** The link to the company server: its address, this computer's device name and id there, since when, how its live feed stands; never the token. */
  'companyServer.get': call<CompanyServerState>()(empty),
  /** Administrators only: pairs with the server using the one-time code `signet-server pair` printed; the token goes to the keychain. */
  'companyServer.pair': call<CompanyServerState>()(companyServerPairInput),
  /** Administrators only: forgets the link (and the token), having the server revoke it when it can be reached. */
  'companyServer.unpair': call<CompanyServerUnpaired>()(empty),
  /** Signs this desktop in with an invitation's code: a device of that account, its token to the keychain, the account the current user. */
  'companyServer.enrol': call<CompanyServerState>()(companyServerEnrolInput),
  /** The account this desktop is signed in as (the server's answer, or as remembered offline); null without a server. */
  'accounts.me': call<{ account: Account | null }>()(empty),
  /** Administrators' Accounts panel (the server checks): every account with its active devices. */
  'accounts.list': call<AccountList>()(empty),
  /** Makes an account and e-mails its invitation; the code once, in case the e-mail does not arrive. */
  'accounts.invite': call<InvitedAccount>()(newAccountSchema),
  'accounts.edit': call<Account>()(accountEditInput),
  /** A fresh code by e-mail; the account's earlier codes stop working. */
  'accounts.resendInvitation': call<Invitation>()(accountIdInput),
  /** Disabled: every request from its devices is refused, nothing revoked; enabled again, they work. */
  'accounts.setDisabled': call<Account>()(accountDisabledInput),
  /** Revokes every device of the account. */
  'accounts.resetDevices': call<{ revoked: number }>()(accountIdInput),
  'accounts.devices': call<{ devices: AccountDevice[] }>()(accountIdInput),
  'accounts.revokeDevice': call<{ ok: true }>()(accountIdInput),

  /** Sync with the company server: synced (when), n changes waiting, offline (why, next try), or refused (why). */
  'sync.status': call<SyncStatus>()(empty),
  /** A sync round now rather than at the next tick; its outcome. */
  'sync.now': call<SyncStatus>()(empty),
  /** What sync refused on this desktop (a signed document's change, an illegal move, a clash), newest first. */
  'sync.conflicts': call<SyncConflict[]>()(empty),

  /** Waits for what changed after `after` (-1: just the cursor); returns empty after `timeoutMs`. Open windows loop on it. */
  'events.wait': call<EventBatch>()(z.object({ after: z.int().min(-1), timeoutMs: z.int().min(0).max(maxEventWaitMs).default(maxEventWaitMs) })),
  'permissions.get': call<PermissionsView>()(empty),
  'permissions.saveRole': call<Role>()(saveRoleInput),
  'permissions.deleteRole': call<{ id: string }>()(deleteRoleInput),
  'permissions.assignUser': call<PermissionsView>()(assignUserInput),
  'permissions.assignDepartment': call<PermissionsView>()(assignDepartmentInput),
  'permissions.history': call<PermissionHistory>()(permissionHistoryInput),

  /** Automation (issue 9): every trigger and rule, by stage. */
  'automation.get': call<AutomationView>()(empty),
  /** A trigger saved (without an id: a new one); the section as it is now. */
  'automation.saveTrigger': call<AutomationView>()(triggerInputSchema),
  'automation.deleteTrigger': call<AutomationView>()(z.object({ id: automationIdSchema })),
  /** A rule saved (without an id: a new one, last of its stage); the section as it is now. */
  'automation.saveRule': call<AutomationView>()(ruleInputSchema),
  'automation.deleteRule': call<AutomationView>()(z.object({ id: automationIdSchema })),
  /** The engine's jobs, newest first: what ran, what waits, what failed and why. */
  'automation.log': call<AutomationRun[]>()(automationLogInput),
  /** A failed job tried again now. */
  'automation.retry': call<AutomationRun>()(automationRetryInput),
  /** What would happen to a document, changing nothing. */
  'automation.dryRun': call<DryRun>()(automationDryRunInput),
  /** A webhook's secret stored in the keychain under its name. */
  'automation.setWebhookSecret': call<{ name: string }>()(webhookSecretInput),
  /** The current employee's notices from automation rules, newest first. */
  'notices.list': call<Notice[]>()(empty),
  'notices.markRead': call<Notice[]>()(markNoticesReadInput),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const callNames = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
