import { z } from 'zod';
import { deviceNameSchema } from './api';
import { pairingCodeSchema } from './pairing-code';
import { serverUrlSchema } from './server-url';

/** `companyServer.pair`: the server's address, the code it showed, and the name this computer goes by in its list. */
export const companyServerPairInput = z.object({ url: serverUrlSchema, code: pairingCodeSchema, deviceName: deviceNameSchema });
export type CompanyServerPairInput = z.input<typeof companyServerPairInput>;

/** What Settings shows about the link to the company server; never the API token, which only the keychain holds. */
export type CompanyServerState =
  | { linked: false; /** This computer's name, offered as the device name. */ suggestedDeviceName: string }
  | { linked: true; url: string; deviceId: string; deviceName: string; serverId: string; serverName?: string; pairedAt: string };

/** `companyServer.unpair`'s answer: whether the server itself was reached and forgot this computer's token. */
export interface CompanyServerUnpaired {
  state: CompanyServerState;
  serverRevoked: boolean;
}
