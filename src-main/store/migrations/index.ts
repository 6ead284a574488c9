import { initial } from './001-initial';
import { documents } from './002-documents';
import { certificates } from './003-certificates';
import { documentLifecycle } from './004-document-lifecycle';
import { counterpartySort } from './005-counterparty-sort';
import { boardTotalsIndex } from './006-board-totals-index';
import { departmentBoardIndex } from './007-department-board-index';
import { outbox } from './008-outbox';
import { documentFields } from './009-document-fields';
import { signing } from './010-signing';
import { sendOptions } from './011-send-options';
import { draftExpiryDay } from './012-draft-expiry-day';
import { templates } from './013-templates';
import { visiblePageSizes } from './014-visible-page-sizes';
import { publishJobs } from './015-publish-jobs';
import { publishJobKind } from './016-publish-job-kind';
import { serverSignatureJobs } from './017-server-signature-jobs';
import { sync } from './018-sync';
import { permissions } from './019-permissions';
import { permissionSync } from './020-permission-sync';
import { automation } from './021-automation';
import { automationConditionStates } from './022-automation-condition-states';
import { automationSync } from './023-automation-sync';
import { notices } from './024-notices';
import { automationHandover } from './025-automation-handover';
import { noticeSync } from './026-notice-sync';
import { triggerAllowBack } from './027-trigger-allow-back';
import type { Migration } from './migration';

/** Ordered; append only. A migration that has shipped is never edited: a change is a new entry. */
export const migrations: readonly Migration[] = [initial, documents, certificates, documentLifecycle, counterpartySort, boardTotalsIndex, departmentBoardIndex, outbox, documentFields, signing, sendOptions, draftExpiryDay, templates, visiblePageSizes, publishJobs, publishJobKind, serverSignatureJobs, sync, permissions, permissionSync, automation, automationConditionStates, automationSync, notices, automationHandover, noticeSync, triggerAllowBack];

export const latestVersion = migrations.length;
