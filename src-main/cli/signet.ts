/**
 * `signet`: the command-line tool for IT and for checks outside the app.
 *   signet verify FILE [--json] [--trust CA.pem]…
 * Exit codes (verify): 0 intact and trusted, 1 integrity fails, 2 not a PDF / unreadable / no signature, 3 untrusted.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors';
import { translator } from '../../src-shared/i18n/translate';
import { verifyExitCodes } from '../../src-shared/pdf/verification';
import { verifyCommand } from './verify-command';

const usage = `Usage:
  signet verify FILE [--json] [--trust CA.pem]...

Exit codes of verify: 0 intact and sealed by a trusted certificate; 1 integrity fails (tampered, modified after
signing, broken signature); 2 not a PDF, unreadable, or no signature; 3 intact but sealed by an untrusted certificate.
`;

/** Polish where the environment asks for it, English otherwise. */
function language(env: NodeJS.ProcessEnv): 'pl' | 'en' {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return tag.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const t = translator(language(env));
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
