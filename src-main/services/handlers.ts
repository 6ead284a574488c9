import { policyView } from '../../src-shared/policy/policy';
import { updatesOf } from '../updates/update-controller';
import { takeOpenedFile } from './pdf/opened-files';
import { deleteAutomation, getAutomation, saveRule, saveTrigger } from './automation/automation-service';
import { dryRun } from './automation/dry-run';
import { listNotices, markNoticesRead } from './automation/notices-service';
import { automationLog, retryAutomation, setWebhookSecret } from './automation/run-log';
import type { Handlers } from '../../src-shared/contract/types';
import { appInfo, completeSetup, setLanguage, updateCompany } from './app/app-service';
import type { ServiceContext } from './context';
import { getMailSettings, saveMailSettings } from '../delivery/mail/mail-settings';
import { sendTestMail } from '../delivery/mail/mail-service';
import { listOutbox, retryOutbox } from '../delivery/outbox/outbox-service';
import { syncNow, syncStatus } from '../sync/sync-service';
import { listSyncConflicts } from '../sync/sync-conflicts';
import { getSmsSettings, saveSmsSettings, sendTestSms } from './sms/sms-service';
import { getCompanyServer, pairCompanyServer, unpairCompanyServer } from './company-server/company-server-service';
import { currentAccount, enrolCompanyServer } from './company-server/account-enrol';
import { accountDevices, editAccount, inviteAccount, listAccounts, resendInvitation, resetAccountDevices, revokeAccountDevice, setAccountDisabled } from './company-server/account-calls';
import { getBoard, getColumnPage, listDocuments } from './documents/board-service';
import { exportDocumentsCsv } from './documents/export-documents';
import { getNumbering, setNumbering } from './documents/numbering';
import { getBoardView, saveBoardView } from './documents/view-service';
import { createDocument, documentFile, getDocument, moveDocument } from './documents/documents-service';
import { updateDocument } from './documents/update-document';
import { deleteDocument } from './documents/delete-document';
import { assignDepartment, assignUser, deleteRole, getPermissions, permissionHistory, saveRole } from './permissions/permissions-service';
import { saveSendPlan } from './documents/send-plan';
import { getDocumentFields, saveDocumentFields } from './documents/fields-service';
import { addStage, deleteStage, listStages, reorderStages, updateStage } from './documents/stages-service';
import { addUser, listUsers, switchUser, updateUser } from './users/users-service';
import { importPdf } from './pdf/import-service';
import { verifyUpload } from './pdf/verify-service';
import { exportCaCertificate, identityStatus } from './identity/identity-status';
import { createIdentity, importCompanyP12, useSafeStorage } from './identity/identity-service';
import { exportServerSeal } from './identity/server-seal';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor } from './identity/trust-anchors';
import { exportContactsCsv } from './contacts/export-csv';
import { importContacts, previewImport } from './contacts/import/import-service';
import { declineAsUser, signAsUser } from './signing/as-user';
import { cancelDocument } from './signing/expiry';
import { reminderPlan, remindNow } from './signing/reminders';
import { sendDocument } from './signing/send';
import { checkInPerson, declineInPerson, signInPerson, startInPerson, unlockInPerson } from './signing/in-person';
import { kioskState, lockKiosk, unlockKiosk } from './signing/kiosk';
import { unlockPortalCode } from './signing/unlock-code';
import { saveTemplateFromDocument } from './templates/save-template';
import { startDraftFromTemplate } from './templates/start-draft';
import { deleteTemplate, getTemplate, listTemplates, renameTemplate } from './templates/templates-service';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  setContactArchived,
  updateContact,
} from './contacts/contacts-service';

/** The services behind each contract call. Inputs arrive already parsed by the contract's schemas. */
export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    'app.info': () => appInfo(ctx),
    'setup.complete': (input) => completeSetup(ctx, input),
    'company.update': ({ company }) => updateCompany(ctx, company),
    'settings.setLanguage': ({ language }) => setLanguage(ctx, language),
    'policy.get': async () => policyView(ctx.policy ?? { source: { kind: 'none' }, policy: {}, problems: [] }),
    'updates.status': async () => updatesOf(ctx).status(),
    'updates.check': () => updatesOf(ctx).check(),
    'updates.install': async () => updatesOf(ctx).install(),
    'verify.takeOpened': () => takeOpenedFile(ctx),

    'contacts.list': (input) => listContacts(ctx, input),
    'contacts.get': ({ id }) => getContact(ctx, id),
    'contacts.create': ({ fields, allowSharedTaxId }) => createContact(ctx, fields, allowSharedTaxId),
    'contacts.update': ({ id, fields, allowSharedTaxId }) => updateContact(ctx, id, fields, allowSharedTaxId),
    'contacts.setArchived': ({ id, archived }) => setContactArchived(ctx, id, archived),
    'contacts.delete': ({ id }) => deleteContact(ctx, id),
    'contacts.importPreview': ({ data }) => previewImport(data),
    'contacts.import': (input) => importContacts(ctx, input),
    'contacts.exportCsv': (input) => exportContactsCsv(ctx, input),
    'pdf.verify': ({ data }, call) => verifyUpload(ctx, data, call.progress),
    'pdf.import': ({ data }) => importPdf(ctx, { bytes: Buffer.from(data, 'base64') }),

    'identity.status': () => identityStatus(ctx),
    'identity.create': () => createIdentity(ctx),
    'identity.useSafeStorage': () => useSafeStorage(ctx),
    'identity.importP12': ({ data, password }) => importCompanyP12(ctx, data, password),
    'identity.exportCa': () => exportCaCertificate(ctx),
    'identity.exportServerSeal': ({ password }) => exportServerSeal(ctx, password),
    'trust.list': () => listTrustAnchors(ctx),
    'trust.add': ({ data }) => addTrustAnchors(ctx, data),
    'trust.remove': ({ sha256 }) => removeTrustAnchor(ctx, sha256),

    'users.list': () => listUsers(ctx),
    'users.add': (input) => addUser(ctx, input),
    'users.update': (input) => updateUser(ctx, input),
    'users.switch': ({ id }) => switchUser(ctx, id),

    'stages.list': () => listStages(ctx),
    'stages.add': (input) => addStage(ctx, input),
    'stages.update': (input) => updateStage(ctx, input),
    'stages.reorder': ({ ids }) => reorderStages(ctx, ids),
    'stages.delete': (input) => deleteStage(ctx, input),
    'documents.numbering.get': () => getNumbering(ctx),
    'documents.numbering.set': ({ scheme }) => setNumbering(ctx, scheme),
    'documents.create': (input) => createDocument(ctx, input),
    'documents.get': ({ id }) => getDocument(ctx, id),
    'documents.update': (input) => updateDocument(ctx, input),
    'documents.sendPlan.save': (input) => saveSendPlan(ctx, input),
    'documents.file': (input) => documentFile(ctx, input),
    'documents.move': (input) => moveDocument(ctx, input),
    'documents.delete': (input) => deleteDocument(ctx, input),
    'documents.fields.get': ({ id }) => getDocumentFields(ctx, id),
    'documents.fields.save': (input) => saveDocumentFields(ctx, input),
    'board.get': ({ filter, sort, descending, pageSize }) => getBoard(ctx, filter, { sort, descending }, pageSize),
    'board.column': (input) => getColumnPage(ctx, input),
    'documents.list': (input) => listDocuments(ctx, input),
    'documents.exportCsv': (input) => exportDocumentsCsv(ctx, input),
    'board.view.get': () => getBoardView(ctx),
    'board.view.save': ({ view }) => saveBoardView(ctx, view),
    'templates.list': () => listTemplates(ctx),
    'templates.get': ({ id }) => getTemplate(ctx, id),
    'templates.saveFromDocument': (input) => saveTemplateFromDocument(ctx, input),
    'templates.rename': (input) => renameTemplate(ctx, input),
    'templates.delete': ({ id }) => deleteTemplate(ctx, id),
    'templates.startDraft': (input) => startDraftFromTemplate(ctx, input),
    'signing.send': (input) => sendDocument(ctx, input),
    'signing.sign': (input) => signAsUser(ctx, input),
    'signing.decline': (input) => declineAsUser(ctx, input),
    'signing.cancel': (input) => cancelDocument(ctx, input),
    'signing.remind': (input) => remindNow(ctx, input),
    'signing.reminders': (input) => reminderPlan(ctx, input),
    'signing.inPerson.start': (input) => startInPerson(ctx, input),
    'signing.inPerson.check': (input) => checkInPerson(ctx, input),
    'signing.inPerson.sign': (input) => signInPerson(ctx, input),
    'signing.inPerson.decline': (input) => declineInPerson(ctx, input),
    'signing.inPerson.unlockCode': async (input) => {
      await unlockInPerson(ctx, input);
      return { ok: true } as const;
    },
    'signing.unlockCode': async (input) => {
      await unlockPortalCode(ctx, input);
      return { ok: true } as const;
    },
    'kiosk.lock': (input) => lockKiosk(ctx, input),
    'kiosk.unlock': (input) => unlockKiosk(ctx, input),
    'kiosk.state': () => kioskState(ctx),
    'mail.settings.get': () => getMailSettings(ctx),
    'mail.settings.save': (input) => saveMailSettings(ctx, input),
    'mail.test': (input) => sendTestMail(ctx, input),
    'outbox.list': (input) => listOutbox(ctx, input),
    'outbox.retry': ({ id }) => retryOutbox(ctx, id),
    'sync.status': () => syncStatus(ctx),
    'sync.now': () => syncNow(ctx),
    'sync.conflicts': () => listSyncConflicts(ctx),
    'sms.settings.get': () => getSmsSettings(ctx),
    'sms.settings.save': (input) => saveSmsSettings(ctx, input),
    'sms.test': (input) => sendTestSms(ctx, input),
    'companyServer.get': () => getCompanyServer(ctx),
    'companyServer.pair': (input) => pairCompanyServer(ctx, input),
    'companyServer.unpair': () => unpairCompanyServer(ctx),
    'companyServer.enrol': (input) => enrolCompanyServer(ctx, input),
    'accounts.me': () => currentAccount(ctx),
    'accounts.list': () => listAccounts(ctx),
    'accounts.invite': (input) => inviteAccount(ctx, input),
    'accounts.edit': (input) => editAccount(ctx, input),
    'accounts.resendInvitation': ({ id }) => resendInvitation(ctx, id),
    'accounts.setDisabled': ({ id, disabled }) => setAccountDisabled(ctx, id, disabled),
    'accounts.resetDevices': ({ id }) => resetAccountDevices(ctx, id),
    'accounts.devices': ({ id }) => accountDevices(ctx, id),
    'accounts.revokeDevice': ({ id }) => revokeAccountDevice(ctx, id),
    'events.wait': ({ after, timeoutMs }) => ctx.events.wait(after, timeoutMs),

    'permissions.get': () => getPermissions(ctx),
    'permissions.saveRole': (input) => saveRole(ctx, input),
    'permissions.deleteRole': ({ id }) => deleteRole(ctx, id),
    'permissions.assignUser': (input) => assignUser(ctx, input),
    'permissions.assignDepartment': (input) => assignDepartment(ctx, input),
    'permissions.history': (input) => permissionHistory(ctx, input),
    'automation.get': () => getAutomation(ctx),
    'automation.saveTrigger': (input) => saveTrigger(ctx, input),
    'automation.deleteTrigger': ({ id }) => deleteAutomation(ctx, 'automation_triggers', id),
    'automation.saveRule': (input) => saveRule(ctx, input),
    'automation.deleteRule': ({ id }) => deleteAutomation(ctx, 'automation_rules', id),
    'automation.log': (input) => automationLog(ctx, input),
    'automation.retry': ({ id }) => retryAutomation(ctx, id),
    'automation.dryRun': (input) => dryRun(ctx, input),
    'automation.setWebhookSecret': (input) => setWebhookSecret(ctx, input),
    'notices.list': () => listNotices(ctx),
    'notices.markRead': ({ ids }) => markNoticesRead(ctx, ids),
  };
}
