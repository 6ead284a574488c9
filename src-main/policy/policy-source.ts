import path from 'node:path';

/*
 * Where IT puts Signet's policy (issue 10, item 4): one file per machine, in the place each OS keeps machine-wide
 * configuration that users cannot write; on Windows also the registry key Group Policy writes.
 */

export function policyFile(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData || 'C:\\ProgramData', 'Signet', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Signet/policy.json';
  return '/etc/signet/policy.json';
}

export const policyRegistryKey = 'HKLM\\Software\\Policies\\Signet';

/** One value of `reg query`'s answer. */
export interface RegistryValue {
  type: string;
  data: string;
}

/**
 * `reg query KEY` as text: a line per value, "    Name    REG_TYPE    Data" (REG_MULTI_SZ's items joined by "\0").
 * Names are compared case-insensitively, as Windows does.
 */
export function parseRegQuery(text: string): Map<string, RegistryValue> {
  const values = new Map<string, RegistryValue>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^ {4}(\S.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (match) values.set(match[1]!.toLowerCase(), { type: match[2]!, data: match[3] ?? '' });
  }
  return values;
}

const dword = (v: RegistryValue) => (v.type === 'REG_DWORD' ? Number.parseInt(v.data, 16) : Number(v.data));
const json = (v: RegistryValue): unknown => {
  try {
    return JSON.parse(v.data) as unknown;
  } catch {
    return v.data;
  }
};

/**
 * The registry's values as the policy file's keys: CompanyServerUrl, LockedLanguage (REG_SZ); UpdatesEnabled
 * (REG_DWORD 0/1); UpdateChannel; UpdateFeedUrl; TrustedCaCertificates (REG_MULTI_SZ, one PEM each, "\n" written as "\\n");
 * LockedSmtp and LockedSms (REG_SZ holding the JSON the file would). Unknown values are reported by the schema.
 */
export function registryPolicy(values: ReadonlyMap<string, RegistryValue>): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  const locked: Record<string, unknown> = {};
  const updates: Record<string, unknown> = {};
  for (const [name, value] of values) {
    if (name === 'companyserverurl') policy.companyServerUrl = value.data;
    else if (name === 'lockedlanguage') locked.language = value.data;
    else if (name === 'lockedsmtp') locked.smtp = json(value);
    else if (name === 'lockedsms') locked.sms = json(value);
    else if (name === 'updatesenabled') updates.enabled = dword(value) !== 0;
    else if (name === 'updatechannel') updates.channel = value.data;
    else if (name === 'updatefeedurl') updates.feedUrl = value.data;
    else if (name === 'trustedcacertificates') policy.trustedCaCertificates = value.data.split('\\0').filter(Boolean).map((p) => p.replaceAll('\\n', '\n'));
    else policy[name] = value.data;
  }
  if (Object.keys(locked).length) policy.locked = locked;
  if (Object.keys(updates).length) policy.updates = updates;
  return policy;
}
