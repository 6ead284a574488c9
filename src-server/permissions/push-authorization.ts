import type { Kysely, Transaction } from 'kysely';
import { documentActingActions, type PermissionAction } from '../../src-shared/permissions/actions';
import { can, type Owned, type Policy, type Subject } from '../../src-shared/permissions/policy';
import type { SyncValue } from '../../src-shared/sync/merge';
import type { EventChange, RefusedChange, SyncEntity } from '../../src-shared/sync/protocol';
import type { ServerDatabase } from '../store/schema';
import { startingStamp, startingValue } from '../../src-shared/sync/starting-values';
import { isPermissionChange } from '../../src-shared/permissions/role-fields';
import { copyRecords, departmentOf, managersOf, permissionsText, policyAccounts, readPermissionRecords, serverPolicy, setField, subjectOfAccount, type PermissionRecords, type PolicyAccount } from './server-policy';

type Db = Kysely<ServerDatabase> | Transaction<ServerDatabase>;

/** A field change of a push, as the exchange is about to keep it. */
export interface PushedField {
  entity: string;
  id: string;
  field: string;
  value: SyncValue;
}

/** What the server keeps now for the pushed records. */
export interface Kept {
  field(entity: string, id: string, field: string): { value: SyncValue; stamp: string } | undefined;
  /** Whether the server has the record at all (a document not there is being created). */
  has(entity: string, id: string): boolean;
}

export interface PushDecision<F> {
  fields: F[];
  events: EventChange[];
  refused: RefusedChange[];
}

/**
 * The sync push's authorization (issue 8, item 3 on the sync API): every change a desktop pushes is checked against
 * the account's permissions as the server holds them before it is kept, as the desktop checks its own calls — so a
 * laptop that was offline when a right was taken away, or a crafted push, changes nothing it may not. A document new
 * to the server needs `documents.create`; a stage `documents.move` into that stage; `deleted` `documents.delete`; any
 * other field `documents.edit`, each at the level that reaches the document as kept. A document's history events need
 * it to be viewable (and its creation allowed). Contacts, templates, stages: their company rights. A change of roles,
 * holdings or a department needs `permissions.manage` — unless it changes nothing anyone may do (a desktop's first push
 * of the defaults it started with, starting-values.ts) — and never leaves nobody able to manage permissions. A value equal to what is
 * kept changes nothing and passes.
 */
export async function authorizePush<F extends PushedField>(db: Db, account: PolicyAccount, fields: readonly F[], events: readonly EventChange[], kept: Kept): Promise<PushDecision<F>> {
  const [records, accounts] = await Promise.all([readPermissionRecords(db), policyAccounts(db)]);
  const refused: RefusedChange[] = [];
  const allowed: F[] = [];
  // What the server holds for a field: kept, or what every install starts with (an account's department its own).
  const held = (f: F) => {
    const there = kept.field(f.entity, f.id, f.field);
    if (there) return there;
    const starting = f.entity === 'user' && f.field === 'department' ? accounts.find((a) => a.id === f.id)?.department : startingValue(f.entity, f.id, f.field);
    return starting === undefined ? undefined : { value: starting, stamp: startingStamp };
  };
  const refuse = (f: F, action: PermissionAction) => {
    const there = held(f);
    refused.push({ kind: 'field', entity: f.entity as SyncEntity, id: f.id, field: f.field, action, ...(there ? { kept: there } : {}) });
  };

  const permissionChanges: F[] = [];
  const history: F[] = [];
  const rest: F[] = [];
  for (const f of fields) {
    const there = held(f);
    if (there && JSON.stringify(there.value) === JSON.stringify(f.value)) allowed.push(f);
    else if (isPermissionChange(f.entity, f.field)) permissionChanges.push(f);
    else if (f.entity === 'permission_change') history.push(f);
    else rest.push(f);
  }

  // Permissions first: what a manager grants in a batch holds for the rest of it (given delete, then deleted offline).
  const manages = can(serverPolicy(records, accounts), subjectOfAccount(records, account), 'permissions.manage');
  const permissions = decidePermissionChanges(records, accounts, manages, permissionChanges);
  allowed.push(...permissions.allowed);
  for (const f of permissions.refused) refuse(f, 'permissions.manage');
  const policy = serverPolicy(permissions.after, accounts);
  const subject = subjectOfAccount(permissions.after, account);

  const ownerDepartment = (userId: string) => departmentOf(permissions.after, accounts, userId);
  const docs = documentFacts(rest, kept, ownerDepartment);
  const refusedCreation = new Set<string>();
  for (const f of rest) {
    const action = requiredAction(f, { policy, subject, account, accounts, kept }, docs);
    if (action === null) allowed.push(f);
    else {
      if (f.entity === 'document' && action === 'documents.create') refusedCreation.add(f.id);
      refuse(f, action);
    }
  }

  // The permission history only grows: an entry is written once, by whoever may manage permissions, in their own name
  // (a device paired as the administrator writes for the desktop's local employees), and never for a change refused.
  const ownName = (f: F) => account.is_admin === 1 || f.field !== 'actor_id' || f.value === account.id;
  for (const f of history) {
    // A field already kept (equal ones passed above) or a deletion would rewrite the entry; its other fields may
    // still be arriving, in a later push.
    const rewrite = kept.field(f.entity, f.id, f.field) !== undefined || f.field === 'deleted';
    if (!manages || permissions.refused.length > 0 || rewrite || !ownName(f)) refuse(f, 'permissions.manage');
    else allowed.push(f);
  }

  // A history entry is written by acting on the document (editing, moving, sending, signing, cancelling, deleting,
  // or the system on the desktop of someone who did): seeing it is not enough to write into it.
  const keptEvents: EventChange[] = [];
  for (const e of events) {
    const facts = docs.get(e.documentId);
    const owned = facts?.owned ?? ownedOf(kept, e.documentId, ownerDepartment);
    let action: PermissionAction | null;
    if (refusedCreation.has(e.documentId)) action = 'documents.create';
    else if (facts?.isNew) action = null;
    // Entries of a document the server does not have (its fields in a later push): a creation's.
    else if (!kept.has('document', e.documentId)) action = needCreate(policy, subject);
    else action = needActing(policy, subject, owned);
    if (action) refused.push({ kind: 'event', documentId: e.documentId, eventId: e.eventId, action });
    else keptEvents.push(e);
  }
  return { fields: allowed, events: keptEvents, refused };
}

/**
 * Each change of permissions tried on the permissions as the ones before it left them: one that changes nothing
 * anyone may do passes, any other needs the right; and if what is allowed would leave nobody able to manage
 * permissions, every one that changed something is refused. `after`: the permissions the batch leaves.
 */
function decidePermissionChanges<F extends PushedField>(records: PermissionRecords, accounts: readonly PolicyAccount[], manages: boolean, changes: readonly F[]): { allowed: F[]; refused: F[]; after: PermissionRecords } {
  let current = copyRecords(records);
  const allowed: F[] = [];
  const refused: F[] = [];
  const changed: F[] = [];
  for (const f of changes) {
    const next = copyRecords(current);
    setField(next, f.entity, f.id, f.field, f.value);
    const same = permissionsText(next, accounts) === permissionsText(current, accounts);
    if (!same && !manages) {
      refused.push(f);
      continue;
    }
    current = next;
    (same ? allowed : changed).push(f);
  }
  if (changed.length > 0 && managersOf(current, accounts).length === 0) {
    // Back to before the refused ones; those that changed nothing stay allowed, and change nothing.
    return { allowed, refused: [...refused, ...changed], after: records };
  }
  return { allowed: [...allowed, ...changed], refused, after: current };
}

/** Null when the subject may act on the document in some way; else the edit right it would need. */
function needActing(policy: Policy, subject: Subject, owned: Owned | null): PermissionAction | null {
  return documentActingActions.some((a) => can(policy, subject, a, owned ? { owned } : {})) ? null : 'documents.edit';
}

/** A document the server does not have: its entries are a creation's. */
function needCreate(policy: Policy, subject: Subject): PermissionAction | null {
  return can(policy, subject, 'documents.create') ? null : 'documents.create';
}

interface DocumentFacts {
  isNew: boolean;
  /** Whose it is and where: as kept, or as pushed for a new one. */
  owned: Owned | null;
}

const textOf = (value: SyncValue | undefined) => (typeof value === 'string' ? value : null);

/** Whose a kept document is, and its department — its owner's where it has none, as the desktop reads it. */
function ownedOf(kept: Kept, id: string, departmentOf: (userId: string) => string | null): Owned | null {
  const owner = textOf(kept.field('document', id, 'owner_id')?.value);
  return owner === null ? null : { ownerId: owner, department: textOf(kept.field('document', id, 'department')?.value) ?? departmentOf(owner) };
}

function documentFacts(fields: readonly PushedField[], kept: Kept, departmentOf: (userId: string) => string | null): Map<string, DocumentFacts> {
  const pushed = new Map<string, Map<string, SyncValue>>();
  for (const f of fields) {
    if (f.entity !== 'document') continue;
    if (!pushed.has(f.id)) pushed.set(f.id, new Map());
    pushed.get(f.id)!.set(f.field, f.value);
  }
  const facts = new Map<string, DocumentFacts>();
  for (const [id, values] of pushed) {
    if (kept.has('document', id)) {
      facts.set(id, { isNew: false, owned: ownedOf(kept, id, departmentOf) });
      continue;
    }
    const owner = textOf(values.get('owner_id'));
    facts.set(id, { isNew: true, owned: owner === null ? null : { ownerId: owner, department: textOf(values.get('department')) ?? departmentOf(owner) } });
  }
  return facts;
}

/** Who pushes, as the checks of single changes need it. */
interface Pushing {
  policy: Policy;
  subject: Subject;
  account: PolicyAccount;
  accounts: readonly PolicyAccount[];
  kept: Kept;
}

/** The permission a change lacks, or null when the account may make it. */
function requiredAction(f: PushedField, p: Pushing, docs: Map<string, DocumentFacts>): PermissionAction | null {
  const need = (action: PermissionAction, target: { owned?: Owned; stageId?: string } = {}) => (can(p.policy, p.subject, action, target) ? null : action);
  // A device paired as the administrator works for the desktop's local employees, whose ids are not accounts.
  const administrator = p.account.is_admin === 1;
  const isAccount = (id: string | null) => id !== null && p.accounts.some((a) => a.id === id);
  switch (f.entity) {
    case 'document': {
      const doc = docs.get(f.id)!;
      // Made by the one who pushes it, as the desktop makes it: not planted in another employee's name.
      if (doc.isNew) return !administrator && doc.owned && doc.owned.ownerId !== p.account.id && isAccount(doc.owned.ownerId) ? 'documents.create' : need('documents.create');
      // A kept document without an owner is a half-synced one: the level has nothing to reach, so only "at all" counts.
      const owned = doc.owned ?? undefined;
      // A document stays whose it was made (the desktop never hands it on).
      if (f.field === 'owner_id' && !administrator && owned) return 'documents.edit';
      if (f.field === 'deleted') return f.value === true ? need('documents.delete', { owned }) : need('documents.create');
      if (f.field === 'stage') return need('documents.move', { owned, ...(typeof f.value === 'string' ? { stageId: f.value } : {}) });
      return need('documents.edit', { owned });
    }
    case 'contact':
      return f.field === 'deleted' && f.value === true ? need('contacts.delete') : need('contacts.edit');
    case 'template':
      return need('templates.manage');
    case 'stage':
      return need('stages.manage');
    case 'automation_trigger':
    case 'automation_rule':
      // A trigger kept from before migration 027 has no allow_back: a desktop's first push of it states the default.
      if (f.entity === 'automation_trigger' && f.field === 'allow_back' && f.value === false && p.kept.field(f.entity, f.id, f.field) === undefined) return null;
      return need('automation.manage');
    case 'notice': {
      // Written by automation on whichever desktop ran the rule, for anyone; read (or removed) only by its addressee,
      // or by a desktop that works for the company's local employees.
      if (f.field !== 'read_at' && f.field !== 'deleted') return null;
      const to = p.kept.field('notice', f.id, 'user_id')?.value;
      return administrator || to === undefined || to === p.account.id ? null : 'permissions.manage';
    }
    case 'user': {
      if (administrator) return null;
      const account = p.accounts.find((a) => a.id === f.id);
      // Whether an account signs for the company is the server's setting: its record follows it.
      if (account && f.field === 'is_signer') return f.value === (account.is_signer === 1) ? null : 'permissions.manage';
      // One's own record, and a desktop's new local profile, are one's own to write; anyone else's is the managers'.
      if (f.id === p.account.id || (!account && !p.kept.has('user', f.id))) return null;
      return need('permissions.manage');
    }
    default:
      // Files are content the records name, checked by their hash; who may read them is the pull's and the route's.
      return null;
  }
}
