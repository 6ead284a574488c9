import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { ConfigError } from './config-error';
import { loadServerDelivery, serverConfigFile } from './server-config';

function withConfig(config: unknown): string {
  const dir = tempDir('signet-server-config-');
  fs.writeFileSync(serverConfigFile(dir), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function refusal(dir: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    loadServerDelivery(dir, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

const smtp = { host: 'smtp.zaklady.pl', port: 587, security: 'starttls', user: 'podpisy@zaklady.pl', fromAddress: 'Podpisy@Zaklady.pl', fromName: 'Zakłady Łódzkie' };

describe('server.json and the secrets from the environment', () => {
  it('without a file: no e-mail, no SMS', () => {
    expect(loadServerDelivery(tempDir('signet-server-config-'), {})).toEqual({ mail: null, sms: { config: expect.objectContaining({ provider: 'none' }), secrets: {} } });
  });

  it("reads the desktop's SMTP and SMS fields, the password and the provider's token from the environment", () => {
    const dir = withConfig({ smtp, sms: { provider: 'smsapi', smsapi: { sender: 'Zaklady' }, twilio: {}, webhook: {} } });
    const delivery = loadServerDelivery(dir, { SIGNET_SMTP_PASSWORD: 'hasło smtp', SIGNET_SMS_API_KEY: 'token-123' });
    expect(delivery.mail).toEqual({ config: { ...smtp, fromAddress: 'podpisy@zaklady.pl', attachLimitMb: 10 }, password: 'hasło smtp' });
    expect(delivery.sms).toEqual({ config: { provider: 'smsapi', smsapi: { apiBase: 'https://api.smsapi.pl', sender: 'Zaklady' }, twilio: { apiBase: 'https://api.twilio.com' }, webhook: {} }, secrets: { smsapiToken: 'token-123' } });
    // A relay without a login needs no password; a webhook's token is optional.
    const relay = withConfig({ smtp: { host: '127.0.0.1', port: 25, security: 'none', fromAddress: 'a@b.pl' }, sms: { provider: 'webhook', smsapi: {}, twilio: {}, webhook: { url: 'https://sms.zaklady.pl/send' } } });
    expect(loadServerDelivery(relay, {})).toMatchObject({ mail: { password: null }, sms: { secrets: {} } });
  });

  it('names the file and the key of what is wrong, in words', () => {
    const file = (dir: string) => serverConfigFile(dir);
    let dir = withConfig({ smtp: { ...smtp, port: 70000 } });
    expect(refusal(dir, { SIGNET_SMTP_PASSWORD: 'x' })).toBe(`${file(dir)}: smtp.port: Enter a port from 1 to 65535.`);
    dir = withConfig({ smtp: { ...smtp, prot: 25 } });
    expect(refusal(dir)).toBe(`${file(dir)}: smtp: unknown key "prot"`);
    dir = withConfig({ smpt: smtp });
    expect(refusal(dir)).toBe(`${file(dir)}: (the whole file): unknown key "smpt"`);
    dir = withConfig({ sms: { provider: 'twilio', smsapi: {}, twilio: { accountSid: 'AC' + '0'.repeat(32) }, webhook: {} } });
    expect(refusal(dir, { SIGNET_SMS_API_KEY: 'x' })).toMatch(/: sms\.twilio\.from: /);
    dir = withConfig('{ "smtp": ');
    expect(refusal(dir)).toMatch(new RegExp(`^${file(dir).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON`));
  });

  it('refuses a secret written into the file, naming the variable to use, without repeating it', () => {
    let dir = withConfig({ smtp: { ...smtp, password: 'Tajne!Hasło' } });
    let message = refusal(dir);
    expect(message).toBe(`${serverConfigFile(dir)}: smtp.password: secrets are not read from this file; set the environment variable SIGNET_SMTP_PASSWORD instead`);
    dir = withConfig({ sms: { provider: 'smsapi', smsapi: {}, twilio: {}, webhook: {}, secrets: { smsapiToken: 'Tajne!Hasło' } } });
    message = refusal(dir);
    expect(message).toContain('sms.secrets: secrets are not read from this file; set the environment variable SIGNET_SMS_API_KEY instead');
    expect(message).not.toContain('Tajne');
  });

  it('refuses to start without a secret the settings need', () => {
    expect(refusal(withConfig({ smtp }))).toBe('smtp.user is set in server.json but the environment variable SIGNET_SMTP_PASSWORD (its password) is not');
    expect(refusal(withConfig({ sms: { provider: 'smsapi', smsapi: {}, twilio: {}, webhook: {} } }), { SIGNET_SMS_API_KEY: '' })).toBe(
      'sms.provider is "smsapi" in server.json but the environment variable SIGNET_SMS_API_KEY (its token) is not set',
    );
    expect(path.basename(serverConfigFile('/srv/signet'))).toBe('server.json');
  });
});
