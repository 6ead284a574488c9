import type { Generated } from 'kysely';
import type { OtpChallengeRow } from '../../src-main/services/signing/otp';

/* Migration 004's tables: what the portal keeps of signers opening their links. Times are ISO-8601 UTC text. */

/** The desktop's identity-code row (src-main/services/signing/otp.ts), for a published signer (a UUID). */
export interface ServerOtpChallengeTable extends OtpChallengeRow {
  signer_id: string;
}

/** A signing session opened by a passed code: its token lives only in the signer's cookie, here its SHA-256. */
export interface PortalSessionTable {
  token_hash: string;
  link_id: string;
  created_at: string;
  expires_at: string;
}

/**
 * One step a signer took, as evidence: when, from which address (as trustProxy resolves it) and browser. `seq` orders
 * them for the desktops that follow; `details` is JSON (the code's channel, attempts left).
 */
export interface PortalEventTable {
  seq: Generated<number>;
  document_id: string;
  signer_id: string;
  link_id: string;
  type: string;
  at: string;
  ip: string;
  user_agent: string | null;
  details: string;
}

export interface PortalTables {
  otp_challenges: ServerOtpChallengeTable;
  portal_sessions: PortalSessionTable;
  portal_events: PortalEventTable;
}
