import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { z } from 'zod';
import { policySchema, type PolicyProblem, type PolicyState } from '../../src-shared/policy/policy';
import { parseRegQuery, policyFile, policyRegistryKey, registryPolicy } from './policy-source';

/** What loading needs from the machine: injectable, so every platform's path is tested on any. */
export interface PolicyMachine {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The file's text; null when there is none (ENOENT); throws for one that cannot be read. */
  readFile(path: string): string | null;
  /** `reg query KEY`'s output on Windows; null when the key does not exist. */
  queryRegistry?(key: string): Promise<string | null>;
}

const issuesOf = (where: string, error: z.ZodError): PolicyProblem[] =>
  error.issues.map((i) => ({ where: i.path.length ? `${where}: ${i.path.join('.')}` : where, messageKey: i.code === 'unrecognized_keys' ? 'policy.errors.unknownKey' : i.message.startsWith('policy.') || i.message.startsWith('validation.') ? i.message : 'policy.errors.invalid', detail: i.code === 'unrecognized_keys' ? i.keys.join(', ') : undefined }));

/**
 * The machine's policy (issue 10, item 4): on Windows the registry key first (Group Policy's), else the file. A
 * policy that cannot be read or does not pass the schema is reported whole — every problem, where it is — and none
 * of it applies: half a policy (the server locked, its CA certificates dropped) would be worse than none. Nothing here
 * stops the app.
 */
export async function loadPolicy(machine: PolicyMachine): Promise<PolicyState> {
  if (machine.platform === 'win32' && machine.queryRegistry) {
    const text = await machine.queryRegistry(policyRegistryKey).catch(() => null);
    const values = text ? parseRegQuery(text) : new Map();
    if (values.size > 0) {
      const parsed = policySchema.safeParse(registryPolicy(values));
      const source = { kind: 'registry' as const, key: policyRegistryKey };
      return parsed.success ? { source, policy: parsed.data, problems: [] } : { source, policy: {}, problems: issuesOf(policyRegistryKey, parsed.error) };
    }
  }
  const file = policyFile(machine.platform, machine.env);
  let text: string | null;
  try {
    text = machine.readFile(file);
  } catch (error) {
    return { source: { kind: 'file', path: file }, policy: {}, problems: [{ where: file, messageKey: 'policy.errors.unreadable', detail: (error as NodeJS.ErrnoException).code ?? String(error) }] };
  }
  if (text === null) return { source: { kind: 'none' }, policy: {}, problems: [] };
  const source = { kind: 'file' as const, path: file };
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (error) {
    return { source, policy: {}, problems: [{ where: file, messageKey: 'policy.errors.notJson', detail: error instanceof Error ? error.message : String(error) }] };
  }
  const parsed = policySchema.safeParse(raw);
  return parsed.success ? { source, policy: parsed.data, problems: [] } : { source, policy: {}, problems: issuesOf(file, parsed.error) };
}

/** This computer: the file read from disk, and on Windows `reg query` (a key that is not there exits 1: no policy). */
export function thisMachine(): PolicyMachine {
  return {
    platform: process.platform,
    env: process.env,
    readFile(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    queryRegistry: (key) =>
      new Promise((resolve) => {
        execFile('reg', ['query', key], { windowsHide: true, timeout: 10_000 }, (error, stdout) => resolve(error ? null : stdout));
      }),
  };
}
