import { z } from 'zod';
import type { RuleActionKind, TriggerEvent } from './automation';

/*
 * What the Automation section shows of the engine's work (issue 9, item 4): the execution log (every job, with its
 * outcome and, when it failed, the reason) and the dry run of a chosen document (what would happen, changing nothing).
 */

export const jobStatuses = ['queued', 'running', 'done', 'skipped', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface AutomationRun {
  id: string;
  documentId: string;
  documentTitle: string;
  documentNumber: string;
  sourceKind: 'rule' | 'trigger';
  sourceId: string;
  action: RuleActionKind;
  status: JobStatus;
  attempts: number;
  dueAt: string;
  finishedAt?: string | undefined;
  /** A message key, maybe followed by ": " and the detail (the webhook's HTTP status). */
  reason?: string | undefined;
  /** Run by the company server's engine (the document was sent through it), as its feed told this desktop. */
  onServer?: boolean | undefined;
}

const id = z.string().min(1).max(64);

export const automationLogInput = z.strictObject({
  documentId: id.optional(),
  status: z.enum(jobStatuses).optional(),
  limit: z.int().min(1).max(500).default(100),
});

/** A failed job queued again, from now, with its attempts counted afresh. */
export const automationRetryInput = z.strictObject({ id });

/**
 * A dry run: the rules of `stageId` (the document's own stage when absent) as if the document entered it now, and
 * every trigger as if its event happened now.
 */
export const automationDryRunInput = z.strictObject({ documentId: id, stageId: id.optional() });

export const dryRunOutcomes = ['wouldRun', 'conditionNotMet', 'refused', 'alreadyInStage', 'waitsFor'] as const;
export type DryRunOutcome = (typeof dryRunOutcomes)[number];

export interface DryRunStep {
  sourceKind: 'rule' | 'trigger';
  sourceId: string;
  action: RuleActionKind;
  /** For a trigger, the event it waits for. */
  event?: TriggerEvent | undefined;
  /** When it would run (rules: by their timing from now). */
  dueAt?: string | undefined;
  outcome: DryRunOutcome;
  /** Why it is refused, or what it would do, as a message key. */
  messageKey?: string | undefined;
  /** Values for the message (the recipients, the target stage). */
  params?: Record<string, string> | undefined;
}

export interface DryRun {
  documentId: string;
  stageId: string;
  steps: DryRunStep[];
  /** The document was sent through the company server, whose engine runs these steps (the same rules, there). */
  onServer?: boolean | undefined;
}

/** A webhook's shared secret, put in the keychain under its name (rules name it; it never leaves the keychain). */
export const webhookSecretInput = z.strictObject({ name: z.string().min(1).max(100), secret: z.string().min(16, { error: 'automation.webhook.secretTooShort' }).max(500) });
