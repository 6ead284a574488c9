/*
 * The engine's own tables (issue 9), the same columns in the desktop's SQLite store (migrations 021, 022) and in the
 * company server's store (SQLite or PostgreSQL): one engine writes and runs both.
 */

export interface AutomationJobTable {
  id: string;
  idempotency_key: string;
  document_id: string;
  /** The rule that runs, or the trigger that fired. */
  source_id: string;
  source_kind: 'rule' | 'trigger';
  /** The rule's action as it was when scheduled (a trigger's: a move into its stage). */
  action: string;
  condition: string | null;
  /** What caused it: the history entry (type and place) the engine reacted to. */
  cause: string;
  due_at: string;
  status: 'queued' | 'running' | 'done' | 'skipped' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** Whether a condition trigger's condition held for a document at its last change. */
export interface AutomationConditionStateTable {
  trigger_id: string;
  document_id: string;
  holds: number;
}

export interface JobsDatabase {
  automation_jobs: AutomationJobTable;
  automation_condition_states: AutomationConditionStateTable;
}
