/*
 * Access permissions ("e-Podpis > Uprawnienia dostępu", issue 8), in Bitrix24's terms: a role is a matrix of actions
 * × access levels. An action on documents is granted at a level (none, own, own department, all); an action on the
 * company as a whole (contacts, templates, settings, …) is granted or not (none / all). Moving documents is granted
 * per stage: a role's level for `documents.move` is the default, and a stage may have its own (moving *into* it).
 */

export const accessLevels = ['none', 'own', 'department', 'all'] as const;
export type AccessLevel = (typeof accessLevels)[number];

/** The levels of an action on the company as a whole: granted or not. */
export const flagLevels = ['none', 'all'] as const satisfies readonly AccessLevel[];

/** Every action, and whether it is granted per document (scoped) or for the company (flag). Order: as the matrix shows them. */
export const permissionActions = {
  'documents.view': 'scoped',
  'documents.create': 'flag',
  'documents.edit': 'scoped',
  'documents.delete': 'scoped',
  'documents.send': 'scoped',
  'documents.signForCompany': 'scoped',
  'documents.cancelResend': 'scoped',
  'documents.move': 'scoped',
  'documents.export': 'scoped',
  'contacts.view': 'flag',
  'contacts.edit': 'flag',
  'contacts.delete': 'flag',
  'contacts.import': 'flag',
  'templates.manage': 'flag',
  'automation.manage': 'flag',
  'stages.manage': 'flag',
  'settings.manage': 'flag',
  'permissions.manage': 'flag',
} as const satisfies Record<string, 'scoped' | 'flag'>;

export type PermissionAction = keyof typeof permissionActions;
export const permissionActionNames = Object.keys(permissionActions) as PermissionAction[];

/** The levels an action can be given: all four for a document action, none/all for a company one. */
export function levelsOf(action: PermissionAction): readonly AccessLevel[] {
  return permissionActions[action] === 'scoped' ? accessLevels : flagLevels;
}

/** How far a level reaches, to compare two: the higher wins when roles add up. */
export function rank(level: AccessLevel): number {
  return accessLevels.indexOf(level);
}

export function higher(a: AccessLevel, b: AccessLevel): AccessLevel {
  return rank(a) >= rank(b) ? a : b;
}

/**
 * The actions that act on a document (and so write its history): seeing or exporting it does not. Whoever holds one
 * of these on a document may write into its history; the server holds a sync push to the same rule.
 */
export const documentActingActions: readonly PermissionAction[] = ['documents.edit', 'documents.move', 'documents.send', 'documents.signForCompany', 'documents.cancelResend', 'documents.delete'];
