import { pairResponseSchema } from '../../src-shared/company-server/api';
import type { TestServer } from './test-server';

export interface PairedDevice {
  deviceId: string;
  token: string;
  /** A request to the server with this device's token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** A desktop paired over the API, as Settings does it: a fresh code spent on POST /pair. */
export async function pairDevice(server: TestServer, deviceName = 'Recepcja'): Promise<PairedDevice> {
  const response = await fetch(`${server.url}/api/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: await server.newCode(), deviceName }) });
  const { token, deviceId } = pairResponseSchema.parse(await response.json());
  return {
    deviceId,
    token,
    fetch: (path, init = {}) => fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } }),
  };
}
