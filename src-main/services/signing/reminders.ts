import { AppError } from '../../../src-shared/contract/errors';
import { mayNowSign } from '../../../src-shared/signing/order';
import {
  reminderCooldownMs,
  type ReminderLeftOut,
  type ReminderLeftOutReason,
  type ReminderOutcome,
  type ReminderPlan,
  type ReminderTarget,
} from '../../../src-shared/signing/reminders';
import { uiLanguages, type UiLanguage } from '../../../src-shared/settings/schema';
import { enqueue } from '../../delivery/outbox/enqueue';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';
import { companyVoice } from './message-context';
import { reminderContent, reminderRoute, type ReminderFacts, type ReminderRoute, type RemindableSigner } from './reminder-routes';
import { isExpired, signingState, type SigningState } from './signing-state';
import { systemActor } from './system-move';
import { signersWithPeople } from '../documents/signer-people';

/*
 * Reminders to the signers whose turn it is, by hand and every `reminder_days`. The history is the schedule: each
 * reminder is a 'reminded' event naming its signer, written in the same transaction as its outbox message, so what a
 * restart reads back is exactly what was sent. The next automatic one is due `reminder_days` after the signer's last
 * reminder (by hand or not) or, before any, after their turn began; a sweep after a week offline therefore sends one
 * reminder, not the seven it missed, and counts the next period from then.
 *
 * Each message's idempotency key numbers the reminder per signer (`<document>:reminder:<signer>:<n>`) instead of
 * bucketing by the clock hour: two requests that read the same history (a double click racing itself, a retried
 * call, two sweeps) write the n-th reminder once, and an hour bucket would still let 10:59 and 11:00 both send.
 * What stops a second click a minute later is the cooldown read from the same history (reminderCooldownMs).
 */

const dayMs = 86_400_000;

type Reachable = Extract<ReminderRoute, { kind: string }>;

/** A signer whose turn it is, how they can be reminded, and their reminders so far. */
interface Candidate<R extends ReminderRoute = ReminderRoute> {
  signer: RemindableSigner;
  route: R;
  /** Reminders sent to this signer so far; the next one is number `count + 1`. */
  count: number;
  lastAt: string | undefined;
  /** When the next automatic reminder is due; absent when they are off or it would fall after the deadline. */
  nextAt: string | undefined;
}

interface DocumentReminders {
  state: SigningState;
  reminderDays: number | null;
  candidates: Candidate[];
}

/** ISO moments compare as strings. */
const sorted = (moments: readonly (string | undefined)[]) => moments.filter((m): m is string => Boolean(m)).sort();
const latest = (moments: readonly (string | undefined)[]) => sorted(moments).at(-1);
const earliest = (moments: readonly (string | undefined)[]) => sorted(moments)[0];

function nextReminderAt(from: string, reminderDays: number | null, expiresAt: string | null): string | undefined {
  if (!reminderDays) return undefined;
  const at = new Date(Date.parse(from) + reminderDays * dayMs).toISOString();
  return expiresAt && at > expiresAt ? undefined : at;
}

/** A document out for signing, its signers whose turn it is, and each one's reminder history. */
async function documentReminders(ctx: ServiceContext, documentId: string): Promise<DocumentReminders> {
  const state = await signingState(ctx, documentId);
  const doc = await ctx.db.selectFrom('documents').select(['sent_at', 'reminder_days']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const rows = await signersWithPeople(ctx.db, documentId).select(['document_signers.id', 'document_signers.channel', 'users.email as user_email']).execute();
  const events = await ctx.db.selectFrom('document_events').select(['at', 'details']).where('document_id', '=', documentId).where('type', '=', 'reminded').orderBy('seq').execute();
  const history = new Map<number, { count: number; lastAt: string }>();
  for (const event of events) {
    const signerId = Number((JSON.parse(event.details ?? '{}') as Record<string, string>).signer);
    history.set(signerId, { count: (history.get(signerId)?.count ?? 0) + 1, lastAt: event.at });
  }
  const { signers } = state.doc;
  const sentAt = doc.sent_at ?? state.doc.updatedAt;
  // In "company first" a counterparty's turn begins when the last company signature is made; their reminders count from then.
  const companyDoneAt = latest(signers.filter((s) => s.side === 'company').map((s) => s.signedAt)) ?? sentAt;
  const candidates = signers
    .filter((s) => mayNowSign(signers, state.order, s.id))
    .map((s): Candidate => {
      const row = rows.find((r) => r.id === s.id);
      const signer: RemindableSigner = { id: s.id, name: s.name, channel: row?.channel ?? null, userEmail: row?.user_email ?? null };
      const seen = history.get(s.id);
      const turnAt = state.order === 'companyFirst' && s.side === 'counterparty' ? companyDoneAt : sentAt;
      return { signer, route: reminderRoute(signer), count: seen?.count ?? 0, lastAt: seen?.lastAt, nextAt: nextReminderAt(seen?.lastAt ?? turnAt, doc.reminder_days, state.expiresAt) };
    });
  return { state, reminderDays: doc.reminder_days, candidates };
}

const reachable = (c: Candidate): c is Candidate<Reachable> => 'kind' in c.route;

/** Who a reminder now would reach, and who not and why (a route that reaches nobody, or a reminder moments ago). */
function split(ctx: ServiceContext, r: DocumentReminders): { send: Candidate<Reachable>[]; leftOut: ReminderLeftOut[] } {
  const now = ctx.now().getTime();
  const send: Candidate<Reachable>[] = [];
  const leftOut: ReminderLeftOut[] = [];
  for (const c of r.candidates) {
    const { route } = c;
    const reason = 'leftOut' in route ? route.leftOut : c.lastAt && now - Date.parse(c.lastAt) < reminderCooldownMs ? 'recentlyReminded' : undefined;
    if (reason) leftOut.push({ signerId: c.signer.id, name: c.signer.name, reason });
    else if (reachable(c)) send.push(c);
  }
  return { send, leftOut };
}

const targetOf = (c: Candidate<Reachable>): ReminderTarget => ({ signerId: c.signer.id, name: c.signer.name, channel: c.route.channel, to: c.route.to });

/** The language the preparer chose in the delivery step, else the one the app writes in. */
async function reminderFacts(ctx: ServiceContext, state: SigningState): Promise<ReminderFacts> {
  const row = await ctx.db
    .selectFrom('documents')
    .innerJoin('users', 'users.id', 'documents.owner_id')
    .select(['documents.send_message', 'documents.send_language', 'users.name as owner_name'])
    .where('documents.id', '=', state.doc.id)
    .executeTakeFirstOrThrow();
  const voice = await companyVoice(ctx);
  const language: UiLanguage = uiLanguages.find((l) => l === row.send_language) ?? voice.language;
  // The deadline is the end of a day in UTC (see sendDocument): shown as that day.
  const expires = state.expiresAt ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(state.expiresAt)) : undefined;
  return { documentId: state.doc.id, company: voice.company, language, title: state.doc.title, number: state.doc.number, preparer: row.owner_name, message: row.send_message ?? undefined, expires };
}

/**
 * Queues one reminder per signer and records each in the history, together. A reminder whose key is already in the
 * outbox was written by a request that read the same history a moment earlier: it is neither sent nor recorded again.
 */
async function sendReminders(ctx: ServiceContext, r: DocumentReminders, batch: Candidate<Reachable>[], actor: string, mode: 'manual' | 'automatic', keyPrefix?: string): Promise<ReminderTarget[]> {
  const documentId = r.state.doc.id;
  const facts = await reminderFacts(ctx, r.state);
  const messages = batch.map((c) => ({
    c,
    message: { ...reminderContent(c.route, c.signer, facts), purpose: 'reminder', idempotencyKey: keyPrefix ? `${keyPrefix}:${c.signer.id}` : `${documentId}:reminder:${c.signer.id}:${c.count + 1}` },
  }));
  const at = nowIso(ctx);
  const reminded: ReminderTarget[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const { c, message } of messages) {
      if ((await enqueue(ctx, message, trx)).duplicate) continue;
      await appendDocumentEvent(trx, documentId, { at, type: 'reminded', actor, details: { signer: String(c.signer.id), channel: message.channel, mode } });
      reminded.push(targetOf(c));
    }
  });
  if (reminded.length > 0) ctx.events.publish({ type: 'documentsChanged', ids: [documentId] });
  return reminded;
}

const leftOutKeys: Record<ReminderLeftOutReason, string> = {
  inPerson: 'signing.reminder.onlyInPerson',
  noEmail: 'signing.reminder.noEmail',
  needsServer: 'signing.reminder.needsServer',
  recentlyReminded: 'signing.reminder.tooSoon',
};

/** Why "Send reminder" reached nobody: the one reason all of them share, with their names, or the general refusal. */
function nothingToRemind(leftOut: readonly ReminderLeftOut[]): AppError {
  const reasons = [...new Set(leftOut.map((l) => l.reason))];
  if (reasons.length !== 1) return new AppError('VALIDATION', 'signing.reminder.nobody');
  return new AppError('VALIDATION', leftOutKeys[reasons[0]!], { signers: leftOut.map((l) => l.name).join(', '), minutes: reminderCooldownMs / 60_000 });
}

/** What the document panel shows: who "Send reminder" would reach, who not and why, and the next automatic reminder. */
export async function reminderPlan(ctx: ServiceContext, input: { id: string }): Promise<ReminderPlan> {
  const r = await documentReminders(ctx, input.id);
  const { send, leftOut } = split(ctx, r);
  const nextAutomaticAt = isExpired(ctx, r.state) ? undefined : earliest(r.candidates.filter(reachable).map((c) => c.nextAt));
  return { remindable: send.map(targetOf), leftOut, reminderDays: r.reminderDays ?? undefined, nextAutomaticAt };
}

/** The owner (or an administrator) reminds, now, every signer whose turn it is and whom a message can reach. */
export async function remindNow(ctx: ServiceContext, input: { id: string }): Promise<ReminderOutcome> {
  const user = await currentUser(ctx);
  const r = await documentReminders(ctx, input.id);
  if (r.state.doc.ownerId !== user.id && !user.isAdmin) throw new AppError('FORBIDDEN', 'signing.onlyOwnerReminds');
  const { send, leftOut } = remindable(ctx, r);
  const reminded = await sendReminders(ctx, r, send, user.name, 'manual');
  // Every one of them was written by a request that got there first: the same as a click moments after it.
  if (reminded.length === 0) throw nothingToRemind(send.map((c) => ({ signerId: c.signer.id, name: c.signer.name, reason: 'recentlyReminded' })));
  return { reminded, leftOut };
}

/** Who a reminder now reaches, or why nobody: the deadline passed, or nobody can be reached. */
function remindable(ctx: ServiceContext, r: DocumentReminders): ReturnType<typeof split> {
  if (isExpired(ctx, r.state)) throw new AppError('VALIDATION', 'signing.expired');
  const reach = split(ctx, r);
  if (reach.send.length === 0) throw nothingToRemind(reach.leftOut);
  return reach;
}

/**
 * An automation rule's reminder (issue 9): like the button, to every signer whose turn it is and whom a message can
 * reach, in the app's name. Returns who was reminded (on a run again, the addresses already written), or throws why
 * nobody could be.
 */
export async function remindByRule(ctx: ServiceContext, documentId: string, jobKey: string): Promise<string[]> {
  // The job's own key names its reminders: a run again after a crash finds them written and sends nothing more.
  const prefix = `${jobKey}:reminder`;
  const earlier = await ctx.db.selectFrom('outbox').select('recipient').where('idempotency_key', '>=', `${prefix}:`).where('idempotency_key', '<', `${prefix};`).execute();
  if (earlier.length > 0) return earlier.map((m) => m.recipient);
  const r = await documentReminders(ctx, documentId);
  const { send } = remindable(ctx, r);
  return (await sendReminders(ctx, r, send, systemActor, 'automatic', prefix)).map((t) => t.name);
}

/**
 * The sweep's part: every document out for signing with reminders on and its deadline ahead sends each signer whose
 * reminder is due one reminder. Returns the documents that sent any.
 */
export async function remindDue(ctx: ServiceContext): Promise<string[]> {
  const now = nowIso(ctx);
  const documents = await ctx.db
    .selectFrom('documents')
    .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
    .select('documents.id')
    .where('documents.reminder_days', 'is not', null)
    .where('document_stages.phase', 'in', ['companySigning', 'counterpartySigning'])
    .where((eb) => eb.or([eb('documents.expires_at', 'is', null), eb('documents.expires_at', '>', now)]))
    .execute();
  const reminded: string[] = [];
  for (const { id } of documents) {
    try {
      const r = await documentReminders(ctx, id);
      const due = split(ctx, r).send.filter((c) => c.nextAt !== undefined && c.nextAt <= now);
      if (due.length > 0 && (await sendReminders(ctx, r, due, systemActor, 'automatic')).length > 0) reminded.push(id);
    } catch (error) {
      // One document that cannot be reminded (a row written by a newer version, say) must not hold back the others.
      ctx.log.error('automatic reminder failed', error);
    }
  }
  return reminded;
}
