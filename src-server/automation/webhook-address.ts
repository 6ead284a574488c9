import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/*
 * The company server sits inside the company's network; a rule's webhook is written by anyone who may manage
 * automation rules, on any desktop. So the server calls only public addresses: a name that resolves to a private,
 * loopback, link-local or otherwise non-public address is refused (unless the server is told to allow them, for a
 * receiver on the company's own network). The check is made before each call; a name whose DNS answer changes
 * between this check and the call's own lookup is not caught (redirects are refused by the call itself).
 */

const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv6');

/** Whether an address is one the server must not call: IPv4-mapped IPv6 addresses are judged as their IPv4 address. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return nonPublic.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolve = (host: string) => Promise<string[]>;

const resolveAll: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Null when the URL's host resolves only to public addresses; else the reason, as a message key. */
export async function webhookAddressRefusal(url: string, options: { allowPrivate: boolean; resolve?: Resolve }): Promise<string | null> {
  if (options.allowPrivate) return null;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? resolveAll)(host);
  } catch {
    // A name that does not resolve now may later: the call's own failure is retried as any other.
    return null;
  }
  return addresses.some(isNonPublicAddress) ? 'automation.webhook.privateAddress' : null;
}
