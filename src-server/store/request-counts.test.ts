import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { portalRateLimits } from '../../src-shared/portal/signing-link';
import { createPostgresDatabase } from '../test-support/postgres';
import { startTestServer, type TestServer } from '../test-support/test-server';

/*
 * The portal's request limits with two server instances on one PostgreSQL (issue 7, item 3): counted in the
 * database, so a visitor spreading requests over the instances behind a load balancer meets the same limit.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function instances(): Promise<[TestServer, TestServer]> {
  const databaseUrl = await createPostgresDatabase('limits');
  const pair: TestServer[] = [];
  for (let i = 0; i < 2; i++) {
    const server = await startTestServer({ databaseUrl });
    cleanup.push(() => server.close());
    pair.push(server);
  }
  return pair as [TestServer, TestServer];
}

const token = () => randomBytes(32).toString('base64url');

/** Opens link tokens, alternating between the instances; the statuses in order. */
async function open(servers: TestServer[], tokens: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const [i, t] of tokens.entries()) statuses.push((await fetch(`${servers[i % servers.length]!.url}/api/v1/portal/links/${t}`)).status);
  return statuses;
}

describe('request limits across instances on one PostgreSQL', () => {
  it('counts one address together on both: past the limit per address, 429 from either', async () => {
    const servers = await instances();
    const { max } = portalRateLimits.openPerIp;
    const statuses = await open(servers, Array.from({ length: max + 2 }, token));
    expect(new Set(statuses.slice(0, max))).toEqual(new Set([200]));
    expect(statuses.slice(max)).toEqual([429, 429]);
  });

  it('counts one link together on both: past the limit per link, 429 from either, other links unaffected', async () => {
    const servers = await instances();
    const { max } = portalRateLimits.openPerLink;
    const one = token();
    const statuses = await open(servers, Array.from({ length: max + 2 }, () => one));
    expect(new Set(statuses.slice(0, max))).toEqual(new Set([200]));
    expect(statuses.slice(max)).toEqual([429, 429]);
    expect(await open(servers, [token()])).toEqual([200]);
  });
});
