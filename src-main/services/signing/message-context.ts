import { resolveLanguage, type UiLanguage } from '../../../src-shared/settings/schema';
import { appInfo } from '../app/app-service';
import type { ServiceContext } from '../context';

/**
 * The company name and language the app writes in when it speaks for the company (certificate pages, e-mails, SMS):
 * the language set in Settings, Polish when it follows the system — the main side has no browser languages to ask.
 */
export async function companyVoice(ctx: ServiceContext): Promise<{ company: string; language: UiLanguage }> {
  const info = await appInfo(ctx);
  return { company: info.company.name, language: resolveLanguage(info.preferences.language, ['pl']) };
}
