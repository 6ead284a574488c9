import { z } from 'zod';
import { conditionSchema } from './conditions';

/*
 * Automation in Bitrix24's terms (issue 9). A *trigger* belongs to a stage and moves a document *into* that stage when
 * something happens to it. An *automation rule* belongs to a stage and runs when a document *enters* it — at once,
 * after a delay or at a time, optionally only if a condition holds. One model for the editor, the desktop's engine
 * and the server's.
 */

export const triggerEvents = [
  'companySigned',
  'counterpartySigned',
  'allSigned',
  'sealed',
  'viewed',
  'identityPassed',
  'declined',
  'expired',
  'created',
  'conditionMet',
  'emailBounced',
] as const;
export type TriggerEvent = (typeof triggerEvents)[number];

/** A trigger's or rule's id: a UUID, or the seed's own (`default:…`, the same on every install). */
export const automationIdSchema = z.string().min(1).max(64);
const id = automationIdSchema;
const name = z.string().trim().max(200);

const triggerFields = {
  id,
  /** The stage the document is moved into. */
  stageId: id,
  event: z.enum(triggerEvents),
  name: name.optional(),
  /** Only when this holds as well (for `conditionMet`, the condition that is the event). */
  condition: conditionSchema.optional(),
  enabled: z.boolean(),
  /**
   * As in Bitrix24, a trigger moves a document forward only (into a stage later on the board than the one it is in),
   * unless this allows it back: so of two triggers on one event, the document ends in the later stage.
   */
  allowBack: z.boolean().optional(),
};
const conditionGiven = (t: { event: TriggerEvent; condition?: { tests: unknown[] } | undefined }) => t.event !== 'conditionMet' || (t.condition !== undefined && t.condition.tests.length > 0);
const conditionRequired = { path: ['condition'], message: 'automation.triggers.conditionRequired' };

export const triggerSchema = z.strictObject(triggerFields).refine(conditionGiven, conditionRequired);
/** What the editor saves: without an id, a new trigger. */
export const triggerInputSchema = z.strictObject({ ...triggerFields, id: id.optional() }).refine(conditionGiven, conditionRequired);
export type Trigger = z.output<typeof triggerSchema>;

const minutes = z.int().min(1).max(60 * 24 * 366);
/** When a rule runs after the document entered its stage. */
export const timingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('immediately') }),
  z.strictObject({ kind: z.literal('after'), minutes }),
  /** At a time of day (the company's time zone), the same day if still ahead, else the next; `days` later still. */
  z.strictObject({ kind: z.literal('at'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), days: z.int().min(0).max(366).default(0) }),
]);
export type Timing = z.output<typeof timingSchema>;

const email = z.email().max(254);
export const ruleActionSchema = z.discriminatedUnion('kind', [
  /** To the next signer(s) in the document's order, each by their own channel. */
  z.strictObject({ kind: z.literal('sendForSignature') }),
  z.strictObject({ kind: z.literal('remind') }),
  z.strictObject({ kind: z.literal('notify'), userId: id, message: z.string().max(2000).optional(), email: z.boolean().default(true) }),
  /** The sealed PDF by e-mail: to these addresses (accounting), to every party of the document, or both. */
  z
    .strictObject({ kind: z.literal('emailSealed'), to: z.array(email).max(20).default([]), toParties: z.boolean().default(false) })
    .refine((a) => a.to.length > 0 || a.toParties, { path: ['to'], message: 'automation.rules.noRecipients' }),
  z.strictObject({ kind: z.literal('setOwner'), userId: id }),
  z.strictObject({ kind: z.literal('addTag'), tag: z.string().trim().min(1).max(50) }),
  z.strictObject({ kind: z.literal('moveTo'), stageId: id }),
  /** POST of the document's facts, signed with HMAC-SHA256 (the secret stays in the keychain, named here). */
  z.strictObject({
    kind: z.literal('webhook'),
    // Credentials in the address would go in every call's clear text (and fetch refuses them): the secret signs instead.
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), { message: 'automation.webhook.noCredentialsInUrl' }),
    secretName: z.string().min(1).max(100),
  }),
  /** Holds the rules after it until the condition holds (looked at again as the document changes, and hourly). */
  z.strictObject({ kind: z.literal('waitFor'), condition: conditionSchema }),
]);
export type RuleAction = z.output<typeof ruleActionSchema>;
export type RuleActionKind = RuleAction['kind'];

export const ruleSchema = z.strictObject({
  id,
  /** The stage whose entry runs it. */
  stageId: id,
  name: name.optional(),
  action: ruleActionSchema,
  timing: timingSchema,
  condition: conditionSchema.optional(),
  enabled: z.boolean(),
  /** Its place among the stage's rules: they run in this order. */
  position: z.int().min(0),
});
export type Rule = z.output<typeof ruleSchema>;
/** What the editor saves: without an id, a new rule; without a position, the stage's last. */
export const ruleInputSchema = ruleSchema.extend({ id: id.optional(), position: z.int().min(0).optional() });

/** The Automation section: every trigger and rule, by stage in board order, rules in their order. */
export interface AutomationView {
  triggers: Trigger[];
  rules: Rule[];
}

/** How many automatic steps one document may take before the engine stops it (a loop between two rules). */
export const maxAutomaticSteps = 25;
