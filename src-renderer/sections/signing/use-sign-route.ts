import { useSyncExternalStore } from 'react';
import { parseSignRoute, signRouteHash } from '../../../src-shared/signing/sign-route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const current = () => parseSignRoute(window.location.hash);

/** The document the address asks to sign (`#/sign/<id>`), following the address as links and the Electron shell change it. */
export function useSignRoute(): string | null {
  return useSyncExternalStore(subscribe, current);
}

export function openSignView(documentId: string): void {
  window.location.hash = signRouteHash(documentId);
}

/** Leaves the signing screen without a history entry of its own: Back does not bring a finished signature back. */
export function closeSignView(): void {
  if (!current()) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
