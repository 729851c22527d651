import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { glossary, type Term } from './terms.js';

const repoRoot = packageRoot();

type Language = 'zh' | 'en';

/** One string a person may read, where it comes from, and the language it is in. */
interface Text {
  where: string;
  language: Language;
  text: string;
}

const han = /\p{Script=Han}/u;
const languageOf = (text: string): Language => (han.test(text) ? 'zh' : 'en');

/** The string literals of a TypeScript file (template literals by their text parts), comments left out. */
function literals(source: string): string[] {
  const found: string[] = [];
  let i = 0;
  // Template literals nest inside `${…}`: the stack holds the brace depth at which each one resumes.
  const resume: number[] = [];
  let depth = 0;
  const template = () => {
    let text = '';
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i += 1;
        found.push(text);
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        found.push(text);
        i += 2;
        resume.push(depth);
        depth += 1;
        return;
      } else {
        text += c;
        i += 1;
      }
    }
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i === -1) break;
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i) + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      found.push(source.slice(i + 1, j));
      i = j + 1;
    } else if (c === '`') {
      i += 1;
      template();
    } else if (c === '{') {
      depth += 1;
      i += 1;
    } else if (c === '}') {
      depth -= 1;
      i += 1;
      if (resume.length > 0 && resume[resume.length - 1] === depth) {
        resume.pop();
        template();
      }
    } else {
      i += 1;
    }
  }
  return found;
}

function jsonStrings(value: unknown, path: string, out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) jsonStrings(inner, path === '' ? key : `${path}.${key}`, out);
  }
  return out;
}

/** Every catalogue a person reads: the web app's and the portal's i18n, the notifications, the report, the server's pages. */
function catalogues(): Text[] {
  const texts: Text[] = [];
  const i18n = join(repoRoot, 'web/src/i18n');
  for (const file of readdirSync(i18n).filter((name) => name.endsWith('.json'))) {
    const language: Language = file.startsWith('zh') ? 'zh' : 'en';
    const data: unknown = JSON.parse(readFileSync(join(i18n, file), 'utf8'));
    for (const { path, text } of jsonStrings(data, '')) texts.push({ where: `web/src/i18n/${file} ${path}`, language, text });
  }
  const sources = [
    'src/api/messages.ts',
    'src/api/routes/reports/messages.ts',
    'src/api/routes/reports/indicator-messages.ts',
    'src/notifications/templates.ts',
    'src/documents/words.ts',
    'src/documents/annual-words.ts',
    ...readdirSync(join(repoRoot, 'src/api/portal/i18n'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => `src/api/portal/i18n/${name}`),
  ];
  for (const file of sources) {
    for (const text of literals(readFileSync(join(repoRoot, file), 'utf8'))) texts.push({ where: file, language: languageOf(text), text });
  }
  return texts;
}

/** Where `word` stands in `text`: Chinese anywhere, English as whole words, case aside. */
function uses(text: string, word: string, language: Language): boolean {
  if (language === 'zh') return text.includes(word);
  return new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text);
}

function withoutOtherMeanings(text: string, term: Term, language: Language): string {
  return (term.otherMeanings?.[language] ?? []).reduce((rest, phrase) => rest.split(phrase).join(' '), text);
}

describe('the glossary', () => {
  const texts = catalogues();
  const terms = Object.entries(glossary) as [string, Term][];

  it('reads the catalogues it checks', () => {
    for (const language of ['zh', 'en'] as const) expect(texts.filter((text) => text.language === language).length).toBeGreaterThan(500);
    expect(literals("const a = `x${f(`inner ${y}`)}z`; // 'not this'\nconst b = '逾期';")).toEqual(['x', 'inner ', '', 'z', '逾期']);
  });

  it('is the one word every catalogue uses for each domain term, in Chinese and in English', () => {
    const wrong: string[] = [];
    for (const [id, term] of terms) {
      for (const language of ['zh', 'en'] as const) {
        for (const variant of term.variants[language]) {
          for (const text of texts.filter((candidate) => candidate.language === language)) {
            if (uses(withoutOtherMeanings(text.text, term, language), variant, language)) {
              wrong.push(`${text.where}: "${text.text}" says ${variant} for ${id}; the glossary says ${term[language]}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names only words the catalogues use', () => {
    const unused = terms.flatMap(([id, term]) =>
      (['zh', 'en'] as const)
        .filter((language) => !texts.some((text) => text.language === language && uses(text.text, term[language], language)))
        .map((language) => `${id} (${language}: ${term[language]})`),
    );
    expect(unused).toEqual([]);
  });
});
