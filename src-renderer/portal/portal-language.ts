import { resolveLanguage, uiLanguages, type UiLanguage } from '../../src-shared/settings/schema';
import { i18n, osLanguages } from '../i18n';

const storageKey = 'signet.portal.language';

function savedLanguage(): UiLanguage | null {
  try {
    const saved = localStorage.getItem(storageKey);
    return saved && (uiLanguages as readonly string[]).includes(saved) ? (saved as UiLanguage) : null;
  } catch {
    // Storage refused (a private window, say): the browser's language it is.
  }
  return null;
}

/**
 * The browser's languages (navigator.languages, what it also sends as Accept-Language) decide, unless the visitor
 * switched on the page before: that choice is kept in this browser.
 */
export function applyInitialPortalLanguage(): void {
  const language = savedLanguage() ?? resolveLanguage('system', osLanguages());
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/**
 * A signing link names the language the preparer chose for its signer: the page opens in it, unless the visitor has
 * switched on the portal before (their own choice stays theirs). Not kept: another link may name another language.
 */
export function applyLinkLanguage(language: UiLanguage): void {
  if (savedLanguage() !== null || i18n.language === language) return;
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export async function switchPortalLanguage(language: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Not kept: the switch still holds for this page.
  }
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
