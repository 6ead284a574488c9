import { useEffect } from 'react';
import { create } from 'zustand';
import type { InvitationLink } from '../../../src-shared/company-server/account-api';
import { parseEnrolRoute } from '../../../src-shared/company-server/enrol-route';

/** An invitation the window was opened at (`#/enrol?…`), waiting for Settings' sign-in form to take it. */
export const usePendingInvitation = create<{ invitation: InvitationLink | null; dismiss(): void }>()((set) => ({
  invitation: null,
  dismiss: () => set({ invitation: null }),
}));

/**
 * Follows the address: an invitation's `#/enrol?…` (the shell's translation of a signet://enrol link, or the browser
 * host opened at it) becomes the pending invitation and opens Settings. The address is put back at once, without a
 * history entry, so the code does not stay in it and Back does not bring the form back.
 */
export function useEnrolRouteFollower(openSettings: () => void): void {
  useEffect(() => {
    const follow = () => {
      const invitation = parseEnrolRoute(window.location.hash);
      if (!invitation) return;
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
      usePendingInvitation.setState({ invitation });
      openSettings();
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [openSettings]);
}
