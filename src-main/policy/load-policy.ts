import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { z } from 'zod';
import { policySchema, type Policy, type PolicyProblem, type PolicyState } from '../../src-shared/policy/policy';
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

/** The schema checks a certificate's PEM frame; this checks what is inside is one (else Verify would fail on it later). */
function certificateProblems(where: string, policy: Policy): PolicyProblem[] {
  return (policy.trustedCaCertificates ?? []).flatMap((pem, index) => {
    try {
      new X509Certificate(pem);
      return [];
    } catch (error) {
      return [{ where: `${where}: trustedCaCertificates.${index}`, messageKey: 'policy.errors.notCertificate', detail: error instanceof Error ? error.message : String(error) }];
    }
  });
}

/** The parsed policy, or none of it with every problem found. */
function applied(source: PolicyState['source'], where: string, raw: unknown): PolicyState {
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) return { source, policy: {}, problems: issuesOf(where, parsed.error) };
  const problems = certificateProblems(where, parsed.data);
  return problems.length > 0 ? { source, policy: {}, problems } : { source, policy: parsed.data, problems: [] };
}

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
      return applied({ kind: 'registry', key: policyRegistryKey }, policyRegistryKey, registryPolicy(values));
    }
  }
  return loadPolicyFrom(policyFile(machine.platform, machine.env), machine.readFile);
}

/**
 * The policy in one file. The Electron shell reads only the machine's own place (above), so that a user cannot
 * start it past IT's policy; the browser host's `--policy FILE` reads this way, to try a policy before deploying it.
 */
export function loadPolicyFrom(file: string, readFile: PolicyMachine['readFile'], options: { required?: boolean } = {}): PolicyState {
  let text: string | null;
  try {
    text = readFile(file);
  } catch (error) {
    return { source: { kind: 'file', path: file }, policy: {}, problems: [{ where: file, messageKey: 'policy.errors.unreadable', detail: (error as NodeJS.ErrnoException).code ?? String(error) }] };
  }
  // On the machine no file is no policy; a file named to try (--policy) that is not there is a mistake to report.
  if (text === null) return options.required ? { source: { kind: 'file', path: file }, policy: {}, problems: [{ where: file, messageKey: 'policy.errors.missing' }] } : { source: { kind: 'none' }, policy: {}, problems: [] };
  const source = { kind: 'file' as const, path: file };
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (error) {
    return { source, policy: {}, problems: [{ where: file, messageKey: 'policy.errors.notJson', detail: error instanceof Error ? error.message : String(error) }] };
  }
  return applied(source, file, raw);
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
