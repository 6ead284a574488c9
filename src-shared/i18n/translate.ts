import type { UiLanguage } from '../settings/schema';
import en from './locales/en.json';
import pl from './locales/pl.json';

type Tree = { [key: string]: string | Tree };
const catalogs: Record<UiLanguage, Tree> = { en, pl };

/**
 * Plain key lookup with `{{name}}` interpolation, for text produced outside React (the CLI, the Electron shell).
 * The renderer uses i18next over the same catalogs. A missing key comes back as itself, never as an empty string.
 */
export function translator(language: UiLanguage) {
  return (key: string, vars: Record<string, unknown> = {}): string => {
    let node: string | Tree | undefined = catalogs[language];
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{{${name}}}`));
  };
}

export type Translate = ReturnType<typeof translator>;
