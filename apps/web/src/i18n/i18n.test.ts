import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

const languages = { es: new Set(flatten(es)), en: new Set(flatten(en)) };
const srcDir = join(import.meta.dirname, '..');

/** Literal keys in `t('a.b')` / `t("a.b")` calls; keys built at runtime are not seen here. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const call = /\bt\(\s*(['"])([\w.-]+)\1/g;
  for (const file of sourceFiles(srcDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) {
      keys.set(match[2] ?? '', file.slice(srcDir.length + 1));
    }
  }
  return keys;
}

describe('translations', () => {
  it('Spanish and English have the same keys', () => {
    const onlyEs = [...languages.es].filter((key) => !languages.en.has(key));
    const onlyEn = [...languages.en].filter((key) => !languages.es.has(key));
    expect({ onlyEs, onlyEn }).toEqual({ onlyEs: [], onlyEn: [] });
  });

  it('no translation is empty', () => {
    const empty = (tree: Tree) => flatten(tree).filter((key) => lookup(tree, key).trim() === '');
    expect({ es: empty(es), en: empty(en) }).toEqual({ es: [], en: [] });
  });

  it('every t() key used in the source exists in both languages', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used]
      .flatMap(([key, file]) =>
        (['es', 'en'] as const)
          // A count picks `key_one` / `key_other` (i18next's plural forms).
          .filter((lang) => !languages[lang].has(key) && !languages[lang].has(`${key}_other`))
          .map((lang) => `${lang}: ${key} (${file})`),
      )
      .sort();
    expect(missing).toEqual([]);
  });

  it('interpolations match between languages', () => {
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = [...languages.es].filter(
      (key) => JSON.stringify(variables(lookup(es, key))) !== JSON.stringify(variables(lookup(en, key))),
    );
    expect(mismatched).toEqual([]);
  });
});

function lookup(tree: Tree, key: string): string {
  const value = key.split('.').reduce<string | Tree | undefined>((node, part) => {
    return typeof node === 'object' ? node[part] : undefined;
  }, tree);
  return typeof value === 'string' ? value : '';
}
