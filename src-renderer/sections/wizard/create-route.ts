import { useSyncExternalStore } from 'react';

export interface CreateRoute {
  /** The Draft being resumed; absent for a new document. */
  documentId?: string | undefined;
  /** A contact to start with as the counterparty (opened from their page). */
  contactId?: string | undefined;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `#/create`, `#/create/<draft id>`, `#/create?contact=<id>`; anything else is not the wizard. */
export function parseCreateRoute(hash: string): CreateRoute | null {
  const m = /^#\/create(?:\/([^?]*))?(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const [, id, query] = m;
  if (id && !uuid.test(id)) return null;
  const contact = new URLSearchParams(query ?? '').get('contact');
  return { ...(id ? { documentId: id.toLowerCase() } : {}), ...(contact && uuid.test(contact) ? { contactId: contact.toLowerCase() } : {}) };
}

export function createRouteHash(route: CreateRoute = {}): string {
  return `#/create${route.documentId ? `/${route.documentId}` : ''}${route.contactId ? `?contact=${route.contactId}` : ''}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

let last: { hash: string; route: CreateRoute | null } = { hash: '', route: null };
// useSyncExternalStore needs the same object while the address is the same.
const current = () => {
  if (last.hash !== window.location.hash) last = { hash: window.location.hash, route: parseCreateRoute(window.location.hash) };
  return last.route;
};

export function useCreateRoute(): CreateRoute | null {
  return useSyncExternalStore(subscribe, current);
}

export function openWizard(route: CreateRoute = {}): void {
  window.location.hash = createRouteHash(route);
}

/** Once a Draft exists the address names it, replacing `#/create`, so a reload resumes it rather than starting again. */
export function nameDraftInAddress(documentId: string): void {
  window.history.replaceState(window.history.state, '', createRouteHash({ documentId }));
}

export function closeWizard(): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
