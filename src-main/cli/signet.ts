/**
 * `signet`: the command-line tool for IT and for checks outside the app.
 *   signet verify FILE [--json] [--trust CA.pem]…
 * Exit codes (verify): 0 intact and trusted, 1 integrity fails, 2 not a PDF / unreadable / no signature, 3 untrusted.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors';
import { translator } from '../../src-shared/i18n/translate';
import { verifyExitCodes } from '../../src-shared/pdf/verification';
import { sealCommand } from './seal-command';
import { verifyCommand } from './verify-command';

const usage = `Usage:
  signet verify FILE [--json] [--trust CA.pem]...
  signet seal IN.pdf -o OUT.pdf [--title TITLE] --p12 FILE.p12 --password-env VARIABLE

Exit codes of verify: 0 intact and sealed by a trusted certificate; 1 integrity fails (tampered, modified after
signing, broken signature); 2 not a PDF, unreadable, or no signature; 3 intact but sealed by an untrusted certificate.
seal exits 0 when the sealed file is written, 2 when the input or the key cannot be used. The PKCS#12 password is read
from the environment variable named by --password-env, never from the command line.
`;

// The bundle (out/main/signet-cli.js) and the source (src-main/cli/signet.ts) both sit two levels below the root.
const defaultResourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));

/** Polish where the environment asks for it, English otherwise. */
function language(env: NodeJS.ProcessEnv): 'pl' | 'en' {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return tag.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  resourcesDir = defaultResourcesDir,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const lang = language(env);
  const t = translator(lang);
  const [command, ...rest] = argv;
  try {
    if (command === 'verify') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false }, trust: { type: 'string', multiple: true, default: [] } },
      });
      if (positionals.length !== 1) return { exitCode: verifyExitCodes.unreadable, stdout: '', stderr: usage };
      const result = await verifyCommand({ file: positionals[0]!, json: values.json, trust: values.trust }, t);
      return { ...result, stderr: '' };
    }
    if (command === 'seal') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          output: { type: 'string', short: 'o' },
          title: { type: 'string' },
          p12: { type: 'string' },
          'password-env': { type: 'string' },
        },
      });
      if (positionals.length !== 1 || !values.output) return { exitCode: verifyExitCodes.unreadable, stdout: '', stderr: usage };
      const result = await sealCommand({
        input: positionals[0]!,
        output: values.output,
        title: values.title,
        p12: values.p12,
        passwordEnv: values['password-env'],
        language: lang,
        resourcesDir,
        env,
      });
      return { ...result, stderr: '' };
    }
    const helpWanted = command === undefined || command === 'help' || command === '--help' || command === '-h';
    return { exitCode: helpWanted ? 0 : verifyExitCodes.unreadable, stdout: helpWanted ? usage : '', stderr: helpWanted ? '' : usage };
  } catch (error) {
    if (error instanceof AppError) return { exitCode: verifyExitCodes.unreadable, stdout: '', stderr: `signet: ${t(error.messageKey, error.details)}\n` };
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return { exitCode: verifyExitCodes.unreadable, stdout: '', stderr: `signet: ${error.message}\n${usage}` };
    }
    throw error;
  }
}
