import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../src-shared/i18n/locales/en.json';
import pl from '../../src-shared/i18n/locales/pl.json';
import { permissionActionNames } from '../../src-shared/permissions/actions';
import { callNames } from '../../src-shared/contract/calls';

/**
 * Runs under Node: reads the JSON catalogues and scans the sources as text, without rendering anything.
 * Paths are resolved from this file, so the test works from any working directory.
 */
type Tree = { [key: string]: string | Tree };

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Keys as code uses them: `contacts.count_one` and `contacts.count_other` are both `contacts.count`. */
function baseKeys(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((k) => k.replace(pluralSuffix, '')));
}

function sourceFiles(dir: URL, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const url = new URL(name, dir);
    if (statSync(url).isDirectory()) out.push(...sourceFiles(new URL(`${name}/`, dir), pattern));
    else if (pattern.test(name)) out.push(readFileSync(url, 'utf8'));
  }
  return out;
}

const root = new URL('../../', import.meta.url);
const enKeys = flatten(en as Tree);
const plKeys = flatten(pl as Tree);

/** Contract call names ('pdf.verify') look like message keys but are not. */
const callNameSet = new Set<string>(callNames);

/** 'identity.json' is a file a script writes, not a message key. */
const fileName = /\.(json|pdf|pem|p12|txt)$/;

/** Every message key the main side can send: string literals such as 'errors.x', "validation.y", `import.z`. */
/** Access permissions' action names (`stages.manage`) look like keys but are not sent as messages. */
const actionNameSet = new Set<string>(permissionActionNames);

function messageKeysSentByMain(): Set<string> {
  const found = new Set<string>();
  const literal = /(['"`])((?:errors|validation|import|pdf|verify|cli|identity|documents\.move|stages|employees|sms|permissions)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\1/g;
  for (const dir of ['src-shared/', 'src-main/']) {
    for (const text of sourceFiles(new URL(dir, root), /(?<!\.test)\.ts$/)) {
      for (const m of text.matchAll(literal)) if (m[2] && !callNameSet.has(m[2]) && !actionNameSet.has(m[2]) && !fileName.test(m[2])) found.add(m[2]);
    }
  }
  return found;
}

/** Keys the renderer passes to t() as plain literals. */
function keysUsedByRenderer(): Set<string> {
  const found = new Set<string>();
  const call = /\bt\(\s*(['"])([A-Za-z0-9_.]+)\1/g;
  for (const text of sourceFiles(new URL('src-renderer/', root), /\.tsx?$/)) {
    for (const m of text.matchAll(call)) if (m[2]?.includes('.')) found.add(m[2]);
  }
  return found;
}

describe('locales', () => {
  it('en and pl have the same keys (plural forms aside)', () => {
    const onlyEn = [...baseKeys(enKeys.keys())].filter((k) => !baseKeys(plKeys.keys()).has(k));
    const onlyPl = [...baseKeys(plKeys.keys())].filter((k) => !baseKeys(enKeys.keys()).has(k));
    expect({ onlyEn, onlyPl }).toEqual({ onlyEn: [], onlyPl: [] });
  });

  it('plural keys have every form each language needs', () => {
    const plural = new Set([...enKeys.keys(), ...plKeys.keys()].filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, '')));
    const missing: string[] = [];
    for (const base of plural) {
      for (const form of ['one', 'other']) if (!enKeys.has(`${base}_${form}`)) missing.push(`en:${base}_${form}`);
      for (const form of ['one', 'few', 'many', 'other']) if (!plKeys.has(`${base}_${form}`)) missing.push(`pl:${base}_${form}`);
    }
    expect(missing).toEqual([]);
  });

  it('has no empty strings', () => {
    const empty = [
      ...[...enKeys].filter(([, v]) => v.trim() === '').map(([k]) => `en:${k}`),
      ...[...plKeys].filter(([, v]) => v.trim() === '').map(([k]) => `pl:${k}`),
    ];
    expect(empty).toEqual([]);
  });

  it('interpolates the same values in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched: string[] = [];
    for (const [key, value] of enKeys) {
      const other = plKeys.get(key) ?? plKeys.get(key.replace(pluralSuffix, '_other'));
      if (other !== undefined && vars(value).join() !== vars(other).join()) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });

  it('translates every errors.*, validation.* and import.* key the main side can send', () => {
    const keys = messageKeysSentByMain();
    // A sanity floor: the scan found the keys we know exist.
    for (const known of ['errors.validation', 'errors.internal', 'validation.required', 'validation.nip', 'import.tooLarge']) {
      expect(keys).toContain(known);
    }
    const missing = [...keys].filter((k) => !enKeys.has(k) || !plKeys.has(k));
    expect(missing).toEqual([]);
  });

  it('translates the keys the renderer itself sends (errors.transport, errors.unauthorized)', () => {
    for (const k of ['errors.transport', 'errors.unauthorized', 'errors.internal']) {
      expect(enKeys.has(k) && plKeys.has(k)).toBe(true);
    }
  });

  it('has every literal key the renderer passes to t()', () => {
    const used = keysUsedByRenderer();
    expect(used.size).toBeGreaterThan(50);
    const en = baseKeys(enKeys.keys());
    const pl = baseKeys(plKeys.keys());
    const missing = [...used].filter((k) => !en.has(k) || !pl.has(k));
    expect(missing).toEqual([]);
  });

  it('uses Polish diacritics in the Polish catalogue (real Polish, not ASCII-folded)', () => {
    const text = [...plKeys.values()].join(' ');
    expect(text).toMatch(/[ąćęłńóśźż]/);
    expect(plKeys.get('nav.kanban')).toBe('Podpisuj i zarządzaj');
    expect(plKeys.get('nav.permissions')).toBe('Uprawnienia dostępu');
  });
});
