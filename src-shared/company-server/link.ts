import { z } from 'zod';
import { deviceNameSchema } from './api';
import { pairingCodeSchema } from './pairing-code';
import { serverUrlSchema } from './server-url';

/** `companyServer.pair`: the server's address, the code it showed, and the name this computer goes by in its list. */
export const companyServerPairInput = z.object({ url: serverUrlSchema, code: pairingCodeSchema, deviceName: deviceNameSchema });
export type CompanyServerPairInput = z.input<typeof companyServerPairInput>;

/**
 * How this desktop follows the server's live feed of its documents' steps (issue 6, item 5): connected since when, or
 * waiting to reconnect (why, until when). `lastEventAt`: when the last step arrived; `waitingSeals`: sealed documents
 * whose download or check failed and which are tried again.
 */
export type CompanyServerFeedStatus =
  | { status: 'connecting' }
  | { status: 'connected'; since: string }
  | { status: 'reconnecting'; reason: { messageKey: string; details?: Record<string, unknown> }; retryAt: string };
export type CompanyServerFeedState = CompanyServerFeedStatus & { lastEventAt?: string; waitingSeals: number };

/** What Settings shows about the link to the company server; never the API token, which only the keychain holds. */
export type CompanyServerState =
  | { linked: false; /** This computer's name, offered as the device name. */ suggestedDeviceName: string }
  | {
      linked: true;
      url: string;
      deviceId: string;
      deviceName: string;
      serverId: string;
      serverName?: string;
      pairedAt: string;
      /** Absent while nothing follows the feed (the follower is not running). */
      feed?: CompanyServerFeedState;
    };

/** `companyServer.unpair`'s answer: whether the server itself was reached and forgot this computer's token. */
export interface CompanyServerUnpaired {
  state: CompanyServerState;
  serverRevoked: boolean;
}
