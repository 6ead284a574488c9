import type { CallName } from '../contract/calls';
import type { ParsedInput } from '../contract/types';
import type { PermissionAction } from './actions';

/*
 * What every contract call needs before its service runs (issue 8, item 3): one table, exhaustive over the contract
 * (a new call does not compile until it says), read by the one authorization step on the desktop (src-main/rpc) and
 * the same rules on the server. Kinds:
 * - anyone: no right needed (the person's own view and language, reading the app's state, signing where the service
 *   itself checks that the caller is that signer);
 * - company: a company action (contacts, templates, stages, settings, permissions) granted at all;
 * - document: a document action on the document the input names, at a level that reaches it; `stage` names the stage
 *   a move goes into;
 * - listed: a list, count or export, answered only with the documents the level reaches (the query filters: the step
 *   only checks that the level is not none, and hands the scope to the service).
 */
export type CallRequirement<N extends CallName = CallName> =
  | { kind: 'anyone' }
  | { kind: 'company'; action: PermissionAction }
  | { kind: 'document'; action: PermissionAction; document(input: ParsedInput<N>): string; stage?(input: ParsedInput<N>): string }
  | { kind: 'listed'; action: PermissionAction };

const anyone = { kind: 'anyone' } as const;
const company = (action: PermissionAction) => ({ kind: 'company', action }) as const;
const listed = (action: PermissionAction) => ({ kind: 'listed', action }) as const;
const byId = (action: PermissionAction) => ({ kind: 'document', action, document: (input: { id: string }) => input.id }) as const;
const byDocumentId = (action: PermissionAction) => ({ kind: 'document', action, document: (input: { documentId: string }) => input.documentId }) as const;

export const callRequirements: { [N in CallName]: CallRequirement<N> } = {
  'app.info': anyone,
  // The first run names the company and its first employee, who is given the Administrator role.
  'setup.complete': anyone,
  'company.update': company('settings.manage'),
  'settings.setLanguage': anyone,
  'policy.get': anyone,
  // Whoever works at this laptop may update the app on it: it changes no company data.
  'updates.status': anyone,
  'updates.check': anyone,
  'updates.install': anyone,

  'contacts.list': company('contacts.view'),
  'contacts.get': company('contacts.view'),
  'contacts.create': company('contacts.edit'),
  'contacts.update': company('contacts.edit'),
  'contacts.setArchived': company('contacts.edit'),
  'contacts.delete': company('contacts.delete'),
  'contacts.importPreview': company('contacts.import'),
  'contacts.import': company('contacts.import'),
  'contacts.exportCsv': company('contacts.view'),

  // Verifying a PDF reads only the file given; importing one starts a document.
  'pdf.verify': anyone,
  'verify.takeOpened': anyone,
  'pdf.import': company('documents.create'),

  'identity.status': anyone,
  'identity.create': company('settings.manage'),
  'identity.useSafeStorage': company('settings.manage'),
  'identity.importP12': company('settings.manage'),
  'identity.exportCa': anyone,
  'identity.exportServerSeal': company('settings.manage'),
  'trust.list': anyone,
  'trust.add': company('settings.manage'),
  'trust.remove': company('settings.manage'),

  'users.list': anyone,
  'users.add': company('permissions.manage'),
  'users.update': company('permissions.manage'),
  // Who works at this install: choosing oneself from the list, as the shared office laptop does.
  'users.switch': anyone,

  'stages.list': anyone,
  'stages.add': company('stages.manage'),
  'stages.update': company('stages.manage'),
  'stages.reorder': company('stages.manage'),
  'stages.delete': company('stages.manage'),

  'documents.numbering.get': anyone,
  'documents.numbering.set': company('settings.manage'),
  'documents.create': company('documents.create'),
  'documents.get': byId('documents.view'),
  'documents.update': byId('documents.edit'),
  'documents.delete': byId('documents.delete'),
  'documents.sendPlan.save': byId('documents.edit'),
  'documents.file': byId('documents.view'),
  'documents.move': { kind: 'document', action: 'documents.move', document: (input) => input.id, stage: (input) => input.stageId },
  'documents.fields.get': byId('documents.view'),
  'documents.fields.save': byId('documents.edit'),
  'board.get': listed('documents.view'),
  'board.column': listed('documents.view'),
  'documents.list': listed('documents.view'),
  'documents.exportCsv': listed('documents.export'),
  // Each employee's own board layout.
  'board.view.get': anyone,
  'board.view.save': anyone,

  'templates.list': anyone,
  'templates.get': anyone,
  'templates.saveFromDocument': { kind: 'document', action: 'documents.view', document: (input) => input.documentId },
  'templates.rename': company('templates.manage'),
  'templates.delete': company('templates.manage'),
  'templates.startDraft': company('documents.create'),

  'signing.send': byId('documents.send'),
  // Signing as the company's signer needs the right to sign for it; the service checks that the caller is that signer.
  'signing.sign': byDocumentId('documents.signForCompany'),
  'signing.decline': byDocumentId('documents.signForCompany'),
  'signing.cancel': byId('documents.cancelResend'),
  'signing.remind': byId('documents.cancelResend'),
  'signing.reminders': byId('documents.view'),
  // In person, the employee hands the laptop to the counterparty for a document they may send.
  'signing.inPerson.start': byDocumentId('documents.send'),
  'signing.inPerson.check': byDocumentId('documents.send'),
  'signing.inPerson.sign': byDocumentId('documents.send'),
  'signing.inPerson.decline': byDocumentId('documents.send'),
  'signing.inPerson.unlockCode': byDocumentId('documents.cancelResend'),
  'signing.unlockCode': byDocumentId('documents.cancelResend'),
  'kiosk.lock': byDocumentId('documents.send'),
  // Unlocking the kiosk needs its PIN, not a right: the counterparty hands the laptop back.
  'kiosk.unlock': anyone,
  'kiosk.state': anyone,

  'mail.settings.get': company('settings.manage'),
  'mail.settings.save': company('settings.manage'),
  'mail.test': company('settings.manage'),
  'outbox.list': company('settings.manage'),
  'outbox.retry': company('settings.manage'),
  'sms.settings.get': company('settings.manage'),
  'sms.settings.save': company('settings.manage'),
  'sms.test': company('settings.manage'),

  'companyServer.get': anyone,
  'companyServer.pair': company('settings.manage'),
  // Unlinking needs settings.manage, but an employee signed in with an invitation signs out their own desktop: the
  // service tells the two apart (requirePermission).
  'companyServer.unpair': anyone,
  // The invitation's code is the credential.
  'companyServer.enrol': anyone,
  'accounts.me': anyone,
  'accounts.list': company('permissions.manage'),
  'accounts.invite': company('permissions.manage'),
  'accounts.edit': company('permissions.manage'),
  'accounts.resendInvitation': company('permissions.manage'),
  'accounts.setDisabled': company('permissions.manage'),
  'accounts.resetDevices': company('permissions.manage'),
  'accounts.devices': company('permissions.manage'),
  'accounts.revokeDevice': company('permissions.manage'),

  'sync.status': anyone,
  'sync.now': anyone,
  'sync.conflicts': anyone,
  'events.wait': anyone,

  'permissions.get': company('permissions.manage'),
  'permissions.saveRole': company('permissions.manage'),
  'permissions.deleteRole': company('permissions.manage'),
  'permissions.assignUser': company('permissions.manage'),
  'permissions.assignDepartment': company('permissions.manage'),
  'permissions.history': company('permissions.manage'),
  'automation.get': company('automation.manage'),
  'automation.saveTrigger': company('automation.manage'),
  'automation.deleteTrigger': company('automation.manage'),
  'automation.saveRule': company('automation.manage'),
  'automation.deleteRule': company('automation.manage'),
  'automation.log': company('automation.manage'),
  'automation.retry': company('automation.manage'),
  'automation.dryRun': company('automation.manage'),
  'automation.setWebhookSecret': company('automation.manage'),
  // One's own notices: nothing of anyone else's is listed or marked.
  'notices.list': anyone,
  'notices.markRead': anyone,
};
