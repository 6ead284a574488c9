import type { CallName } from '../../src-shared/contract/calls';

/*
 * What the sandboxed preload needs to build `window.signet`, with no run-time import beyond this file.
 *
 * Why a copy instead of importing `callNames` / `ipcChannel`: those modules pull in zod and the contract's schemas
 * (and libphonenumber-js), and electron-vite leaves node_modules dependencies as `require()` calls in the preload
 * bundle, which a sandboxed preload cannot load. The copy cannot drift: the table below must name every call of the
 * contract and nothing else or it does not type-check (`satisfies`), and `bridge-names.test.ts` checks the names and
 * channels against `callNames` and `ipcChannel`.
 */
const bridgeTable = {
  'app.info': true,
  'setup.complete': true,
  'company.update': true,
  'settings.setLanguage': true,
  'contacts.list': true,
  'contacts.get': true,
  'contacts.create': true,
  'contacts.update': true,
  'contacts.setArchived': true,
  'contacts.delete': true,
  'contacts.importPreview': true,
  'contacts.import': true,
  'contacts.exportCsv': true,
  'pdf.verify': true,
  'pdf.import': true,
  'identity.status': true,
  'identity.create': true,
  'identity.useSafeStorage': true,
  'identity.importP12': true,
  'identity.exportCa': true,
  'identity.exportServerSeal': true,
  'trust.list': true,
  'trust.add': true,
  'trust.remove': true,
  'users.list': true,
  'users.add': true,
  'users.update': true,
  'users.switch': true,
  'stages.list': true,
  'stages.add': true,
  'stages.update': true,
  'stages.reorder': true,
  'stages.delete': true,
  'documents.numbering.get': true,
  'documents.numbering.set': true,
  'documents.create': true,
  'documents.get': true,
  'documents.update': true,
  'documents.sendPlan.save': true,
  'documents.file': true,
  'documents.move': true,
  'documents.fields.get': true,
  'documents.fields.save': true,
  'board.get': true,
  'board.column': true,
  'documents.list': true,
  'documents.exportCsv': true,
  'board.view.get': true,
  'board.view.save': true,
  'templates.list': true,
  'templates.get': true,
  'templates.saveFromDocument': true,
  'templates.rename': true,
  'templates.delete': true,
  'templates.startDraft': true,
  'signing.send': true,
  'signing.sign': true,
  'signing.decline': true,
  'signing.cancel': true,
  'signing.remind': true,
  'signing.reminders': true,
  'signing.inPerson.start': true,
  'signing.inPerson.check': true,
  'signing.inPerson.sign': true,
  'signing.inPerson.decline': true,
  'signing.inPerson.unlockCode': true,
  'signing.unlockCode': true,
  'kiosk.lock': true,
  'kiosk.unlock': true,
  'kiosk.state': true,
  'mail.settings.get': true,
  'mail.settings.save': true,
  'mail.test': true,
  'outbox.list': true,
  'outbox.retry': true,
  'sms.settings.get': true,
  'sms.settings.save': true,
  'sms.test': true,
  'companyServer.get': true,
  'companyServer.pair': true,
  'companyServer.unpair': true,
  'companyServer.enrol': true,
  'accounts.me': true,
  'accounts.list': true,
  'accounts.invite': true,
  'accounts.edit': true,
  'accounts.resendInvitation': true,
  'accounts.setDisabled': true,
  'accounts.resetDevices': true,
  'accounts.devices': true,
  'accounts.revokeDevice': true,
  'sync.status': true,
  'sync.now': true,
  'sync.conflicts': true,
  'events.wait': true,
} as const satisfies Record<CallName, true>;

export const bridgeCallNames = Object.freeze(Object.keys(bridgeTable) as CallName[]);

/** Same value as `ipcChannel` in `src-main/rpc/ipc-handlers.ts`. */
export function bridgeChannel(name: CallName): `signet:${CallName}` {
  return `signet:${name}`;
}

/** Same value as `progressChannel` in `src-main/rpc/ipc-handlers.ts`. */
export const bridgeProgressChannel = 'signet:progress';
