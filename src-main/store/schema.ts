import type { ColumnType, Generated } from 'kysely';

/** Row shapes as SQLite stores them: booleans as 0/1, times as ISO-8601 UTC text. */
export interface CompanyTable {
  id: number;
  name: string;
  tax_id: string | null;
  city: string | null;
  setup_done: number;
  updated_at: string;
}

export interface UserTable {
  id: string;
  name: string;
  email: string | null;
  is_admin: number;
  is_signer: number;
  created_at: string;
  /** Migration 019: the department the employee works in (its roles are theirs too). */
  department: Generated<string | null>;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface ContactTable {
  id: string;
  kind: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  company_name: string | null;
  position: string | null;
  tax_id: string | null;
  country: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  notes: string | null;
  search_text: string;
  sort_name: string;
  sort_company: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface FileTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
  /** PDFs only: recorded at import. */
  page_count: number | null;
  /** PDFs only: JSON `[{ width, height }]` in points. */
  page_sizes: string | null;
}

export interface DocumentTable {
  id: string;
  title: string;
  number: string;
  original_sha256: string;
  original_name: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
  stage_id: string | null;
  amount_minor: number | null;
  currency: string | null;
  due_date: string | null;
  department: string | null;
  sealed_sha256: string | null;
  version: Generated<number>;
  /** Kept by triggers from the signers and contacts (migration 005): read it, never write it. */
  counterparty_sort: ColumnType<string | null, never, never>;
  /** Set when the document is sent (migration 010). */
  signing_order: OptionalText;
  sent_at: OptionalText;
  expires_at: OptionalText;
  /** The delivery step's choices, saved by the wizard while a Draft and set again when it is sent (migration 011). */
  send_message: OptionalText;
  send_language: OptionalText;
  reminder_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** The deadline day (yyyy-MM-dd) the wizard saved for a Draft (migration 012); `expires_at` is set only by the send. */
  send_expires_on: OptionalText;
}

/** A nullable column an insert may leave out (it starts null). */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

export interface DocumentStageTable {
  id: string;
  key: string | null;
  name: string | null;
  color: string;
  position: number;
  phase: string;
}

export interface DocumentTagTable {
  document_id: string;
  tag: string;
}

export interface DocumentEventTable {
  document_id: string;
  seq: number;
  at: string;
  type: string;
  actor: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface BoardViewTable {
  user_id: string;
  view: string;
  updated_at: string;
}

export interface NumberCounterTable {
  prefix: string;
  last: number;
}

export interface DocumentsFtsTable {
  document_id: string;
  title: string;
  number: string;
  parties: string;
  tags: string;
}

export interface DocumentSignerTable {
  id: Generated<number>;
  document_id: string;
  contact_id: string | null;
  user_id: string | null;
  side: string;
  position: number;
  status: Generated<string>;
  signed_at: string | null;
  /** Migration 010: how the signer is reached and what they did. */
  channel: OptionalText;
  language: OptionalText;
  token_hash: OptionalText;
  viewed_at: OptionalText;
  identity_check: OptionalText;
  signature_method: OptionalText;
  signature_sha256: OptionalText;
  declined_at: OptionalText;
  declined_reason: OptionalText;
}

export interface SignerValueTable {
  signer_id: number;
  field_id: string;
  /** JSON of the normalised value. */
  value: string;
}

export interface OtpChallengeTable {
  id: string;
  signer_id: number;
  channel: string;
  salt: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  state: 'open' | 'passed' | 'locked' | 'replaced';
}

/** One row per document with fields (migration 009): `content` is the JSON of `StoredFields` (fields-service.ts). */
export interface DocumentFieldsTable {
  document_id: string;
  content: string;
  updated_at: string;
  updated_by: string;
}

/** Migration 015: publishing a sent document to the company server (see 015-publish-jobs.ts). */
export interface PublishJobTable {
  document_id: string;
  /** Migration 016: `publish` the document, or `cancel` it on the server (it was published, then cancelled here). */
  kind: ColumnType<'publish' | 'cancel', 'publish' | 'cancel' | undefined, 'publish' | 'cancel'>;
  /** pending | published | failed, or cancelled (stopped before it ran); a `cancel` job ends withdrawn (or failed). */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  upload_id: string | null;
  /** JSON `{ messageKey, details }` of the last failure. */
  last_error: string | null;
  /** The server's id of the published document, once published. */
  published_id: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 025: 'server' while the company server runs the document's automation, and the stage it took it over in. */
  automation: Generated<string | null>;
  automation_stage: Generated<string | null>;
}

/** Migration 025: the company server's automation job on a handed-over document, as its feed last told of it. */
export interface ServerAutomationRunTable {
  job_id: string;
  document_id: string;
  source_kind: 'rule' | 'trigger';
  source_id: string;
  action: string;
  /** `queued` from a "Try again" here until the server's next outcome comes. */
  status: 'queued' | 'done' | 'skipped' | 'failed';
  reason: string | null;
  attempts: number;
  due_at: string;
  created_at: string;
  finished_at: string;
}

/** Migration 017: a signature made on this desktop, reported to the company server (see 017-server-signature-jobs.ts). */
export interface ServerSignatureJobTable {
  id: Generated<number>;
  document_id: string;
  signer_id: number;
  /** pending | done | failed */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  /** JSON `{ messageKey, details }` of the last failure. */
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** Migration 013: a document's file, layout and signer places, to start Drafts from. */
export interface TemplateTable {
  id: string;
  name: string;
  /** `templateNameKey(name)`: unique. */
  name_key: string;
  file_sha256: string;
  original_name: string;
  /** JSON `{ layout, values }`, as `document_fields.content`. */
  content: string;
  /** JSON array by place (`company-1` first): the employee's user id, or null. */
  company_signers: string;
  counterparty_roles: number;
  /** 'companyFirst' | 'parallel', as the document it was saved from had it; null: the wizard's default. */
  signing_order: string | null;
  send_message: string | null;
  send_language: string | null;
  reminder_days: number | null;
  expiry_days: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CompanyCertificateTable {
  sha256: string;
  role: 'ca' | 'seal';
  source: 'generated' | 'imported';
  pem: string;
  subject: string;
  not_after: string;
  key_account: string | null;
  key_file: string | null;
  active: number;
  created_at: string;
}

export interface TrustAnchorTable {
  sha256: string;
  pem: string;
  subject: string;
  not_after: string;
  added_at: string;
}

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** Migration 008: one message to send, and how sending it went. */
export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  /** JSON `[{ filename, contentType, sha256 }]`; `[]` by default. */
  attachments: Generated<string>;
  idempotency_key: string;
  document_id: string | null;
  purpose: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  provider_code: string | null;
  provider_message_id: string | null;
  committed_at: string | null;
  unconfirmed: Generated<number>;
  created_at: string;
  sent_at: string | null;
}

/** A record (or history event, `key` its seq) written since the sync worker last looked; set by triggers (migration 018). */
export interface SyncDirtyTable {
  entity: string;
  entity_id: string;
  key: string;
  at: string;
}

/** A synced field's value (JSON) as last written here or taken from the server, and its clock stamp (migration 018). */
export interface SyncFieldTable {
  entity: string;
  entity_id: string;
  field: string;
  value: string;
  stamp: string;
}

/** A local change waiting to be pushed: `kind` field or event, `payload` the wire change as JSON. */
export interface SyncOutboxTable {
  seq: Generated<number>;
  kind: 'field' | 'event';
  payload: string;
}

/** What a merge refused, kept to be shown. */
export interface SyncConflictTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  reason: string;
  details: string;
  at: string;
}

/** A pulled record (`key` '') or event (`key` its id, `payload` the change) that waits for what it needs. */
export interface SyncPendingTable {
  entity: string;
  entity_id: string;
  key: string;
  payload: string;
}

/** Migration 019: a role's matrix (RoleLevels as JSON) and its per-stage move levels (JSON object by stage id). */
export interface RoleTable {
  id: string;
  name: string | null;
  builtin: string | null;
  levels: string;
  stage_moves: string;
  updated_at: string;
}

export interface RoleAssignmentTable {
  subject_kind: 'user' | 'department';
  /** A user id, or a department's name. */
  subject: string;
  role_id: string;
}

/** Migration 021: a trigger of a stage; its condition as the shared schema's JSON. */
export interface AutomationTriggerTable {
  id: string;
  stage_id: string;
  event: string;
  name: string | null;
  condition: string | null;
  enabled: number;
  updated_at: string;
  /** Migration 027: 1 when the trigger may move a document back to an earlier stage. */
  allow_back: Generated<number>;
}

/** Migration 021: a rule of a stage; its action, timing and condition as the shared schemas' JSON. */
export interface AutomationRuleTable {
  id: string;
  stage_id: string;
  position: number;
  name: string | null;
  action: string;
  timing: string;
  condition: string | null;
  enabled: number;
  updated_at: string;
}

/** Migration 021: one thing automation is to do (and, once done, its log entry). */
/** Migration 024: an automation rule's notice to an employee, kept until read. */
export interface NoticeTable {
  id: string;
  user_id: string;
  document_id: string;
  text: string;
  created_at: string;
  read_at: string | null;
}

/** Migrations 021 and 022: the automation engine's tables, the same on the company server (engine/job-table.ts). */
export type { AutomationConditionStateTable, AutomationJobTable } from '../automation/engine/job-table';
import type { AutomationConditionStateTable, AutomationJobTable } from '../automation/engine/job-table';

/** Migration 019: one change of permissions, as the history shows it; before and after as JSON. */
export interface PermissionChangeTable {
  id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  kind: string;
  subject: string;
  before: string;
  after: string;
}

export interface Database {
  roles: RoleTable;
  role_assignments: RoleAssignmentTable;
  automation_triggers: AutomationTriggerTable;
  automation_rules: AutomationRuleTable;
  automation_jobs: AutomationJobTable;
  server_automation_runs: ServerAutomationRunTable;
  automation_condition_states: AutomationConditionStateTable;
  notices: NoticeTable;
  permission_changes: PermissionChangeTable;
  company: CompanyTable;
  users: UserTable;
  settings: SettingTable;
  contacts: ContactTable;
  files: FileTable;
  documents: DocumentTable;
  document_signers: DocumentSignerTable;
  company_certificates: CompanyCertificateTable;
  trust_anchors: TrustAnchorTable;
  document_stages: DocumentStageTable;
  document_tags: DocumentTagTable;
  document_events: DocumentEventTable;
  board_views: BoardViewTable;
  number_counters: NumberCounterTable;
  documents_fts: DocumentsFtsTable;
  document_fields: DocumentFieldsTable;
  outbox: OutboxTable;
  signer_values: SignerValueTable;
  otp_challenges: OtpChallengeTable;
  templates: TemplateTable;
  publish_jobs: PublishJobTable;
  server_signature_jobs: ServerSignatureJobTable;
  sync_dirty: SyncDirtyTable;
  sync_fields: SyncFieldTable;
  sync_outbox: SyncOutboxTable;
  sync_conflicts: SyncConflictTable;
  sync_pending: SyncPendingTable;
  /** A row while a pull applies (the triggers then mark nothing). */
  sync_applying: { id: number };
}
