import { afterEach, describe, expect, it } from 'vitest';
import { healthSchema } from '../../src-shared/company-server/api';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.app.close();
});

describe('/healthz', () => {
  it('is 200 with the version while the store answers, 503 once it does not', async () => {
    server = await startTestServer();
    const ok = await fetch(`${server.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(healthSchema.parse(await ok.json())).toEqual({ service: 'signet-server', status: 'ok', version: '0.0.0-test' });

    await server.store.close();
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(healthSchema.parse(await down.json())).toMatchObject({ status: 'unavailable' });
  });
});
