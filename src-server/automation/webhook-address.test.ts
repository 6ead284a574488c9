import { describe, expect, it } from 'vitest';
import { isNonPublicAddress, webhookAddressRefusal } from './webhook-address';

describe("the server's webhook addresses", () => {
  it('judges addresses: private, loopback, link-local, carrier-grade NAT, unique-local and mapped ones are not public', () => {
    for (const a of ['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.20.0.5', '192.168.1.10', '100.64.0.1', '0.0.0.0', '::1', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', 'not-an-ip']) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['193.0.96.129', '8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isNonPublicAddress(a), a).toBe(false);
  });

  it('refuses a name that resolves to any private address, allows a public one, and allows all when told so', async () => {
    const resolve = async (host: string) => ({ 'erp.example.com': ['203.0.113.7'], 'intranet.example.com': ['203.0.113.8', '10.0.0.8'] })[host] ?? [];
    expect(await webhookAddressRefusal('https://erp.example.com/hook', { allowPrivate: false, resolve })).toBeNull();
    expect(await webhookAddressRefusal('https://intranet.example.com/hook', { allowPrivate: false, resolve })).toBe('automation.webhook.privateAddress');
    expect(await webhookAddressRefusal('http://[::1]:8080/hook', { allowPrivate: false, resolve })).toBe('automation.webhook.privateAddress');
    expect(await webhookAddressRefusal('http://192.168.0.10/hook', { allowPrivate: false, resolve })).toBe('automation.webhook.privateAddress');
    expect(await webhookAddressRefusal('http://192.168.0.10/hook', { allowPrivate: true, resolve })).toBeNull();
  });
});
