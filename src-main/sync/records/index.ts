import type { SyncEntity } from '../../../src-shared/sync/protocol';
import type { SyncedRecord } from '../synced-record';
import { automationRuleRecord, automationTriggerRecord } from './automation-records';
import { contactRecord } from './contact-record';
import { documentRecord } from './document-record';
import { fileRecord } from './file-record';
import { permissionChangeRecord } from './permission-change-record';
import { roleAssignmentRecord } from './role-assignment-record';
import { roleRecord } from './role-record';
import { stageRecord } from './stage-record';
import { templateRecord } from './template-record';
import { userRecord } from './user-record';
import { noticeRecord } from './notice-record';

export const syncedRecords: Readonly<Record<SyncEntity, SyncedRecord>> = {
  user: userRecord,
  contact: contactRecord,
  file: fileRecord,
  stage: stageRecord,
  role: roleRecord,
  role_assignment: roleAssignmentRecord,
  permission_change: permissionChangeRecord,
  document: documentRecord,
  template: templateRecord,
  automation_trigger: automationTriggerRecord,
  automation_rule: automationRuleRecord,
  notice: noticeRecord,
};
