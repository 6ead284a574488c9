import { invitationOf, type InvitationLink } from './account-api';

/*
 * The window's address for an invitation: the Electron shell turns a `signet://enrol?server=…&code=…` link (from the
 * invitation e-mail, handed over by the OS) into `#/enrol?server=…&code=…`, and the browser host can be opened at it
 * directly; Settings then shows the sign-in form filled in. One parser for both, as sign-route.ts does for signing.
 */

export function enrolRouteHash(invitation: InvitationLink): string {
  return `#/enrol?${new URLSearchParams({ server: invitation.server, code: invitation.code }).toString()}`;
}

/** The invitation a hash (`#/enrol?…`, with or without the `#`) names; null for any other address. */
export function parseEnrolRoute(hash: string): InvitationLink | null {
  const match = /^#?\/enrol\/?\?(.*)$/.exec(hash);
  return match ? invitationOf(new URLSearchParams(match[1])) : null;
}
