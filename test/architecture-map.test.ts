import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/paths.js';

const root = packageRoot();
const map = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');

/** A name the map gives a file or folder: `stages.ts`, `routes/cases/`, `001-initial.ts`. */
const pathLike = /^[\w.-]+(?:\/[\w.-]+)*\/?$/;
// A file by its ending, or a folder of ours (lower case, ending in a slash: not I/O or /public/v1).
const fileLike = /(?<![\w/.-])(?:[\w.-]+(?:\/[\w.-]+)*\.(?:ts|tsx|json|yaml|mjs|md|txt)\b|[a-z][\w-]*(?:\/[a-z][\w-]*)*\/(?![\w]))/g;

interface Named {
  line: number;
  name: string;
  /** Where the name must be found: the folder it is listed under, or (in a description) also src/ and the root. */
  under: string[];
}

/**
 * Every file and folder the tree in the map names. A line at the left margin starts a folder; a line
 * indented two spaces names an entry of it (its first word); every other word that looks like a path,
 * in a description, must exist under that folder, its entry, src/ or the root.
 */
function namedPaths(text: string): Named[] {
  const block = /```\n([\s\S]*?)```/.exec(text);
  const tree = block?.[1] ?? '';
  // Lines are counted in the file, so a failure points at the line to fix.
  const before = text.slice(0, block?.index ?? 0).split('\n').length;
  const named: Named[] = [];
  let folder = '';
  let entry = '';
  tree.split('\n').forEach((raw, index) => {
    const line = before + index + 1;
    if (raw.trim() === '') return;
    const indent = raw.length - raw.trimStart().length;
    const [first = '', ...rest] = raw.trim().split(/\s+/);
    let words = rest.join(' ');
    if (indent === 0) {
      folder = first;
      entry = '';
      named.push({ line, name: first, under: [''] });
    } else if (indent === 2 && pathLike.test(first.replace(/[,;:]$/, ''))) {
      const name = first.replace(/[,;:]$/, '');
      entry = name.endsWith('/') ? name : '';
      named.push({ line, name, under: [folder] });
    } else {
      words = raw.trim();
    }
    for (const match of words.matchAll(fileLike)) {
      const name = match[0];
      named.push({ line, name, under: [folder + entry, folder, 'src/', ''] });
    }
  });
  return named;
}

const exists = (path: string) => existsSync(join(root, path));

function folders(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((name) => statSync(join(root, dir, name)).isDirectory())
    .flatMap((name) => [`${dir}${name}/`, ...folders(`${dir}${name}/`)]);
}

describe('docs/ARCHITECTURE.md, the map of the code', () => {
  const named = namedPaths(map);

  it('reads the tree it checks', () => {
    expect(named.length).toBeGreaterThan(100);
    expect(named.some((item) => item.name === 'stages.ts' && item.under[0] === 'src/core/')).toBe(true);
  });

  it('names only files and folders that exist', () => {
    const missing = named.filter((item) => !item.under.some((dir) => exists(dir + item.name))).map((item) => `line ${item.line}: ${item.name}`);
    expect(missing).toEqual([]);
  });

  it('names every folder of src/, or something in it', () => {
    const shown = new Set<string>();
    for (const item of named) {
      const path = item.under.map((dir) => dir + item.name).find(exists);
      if (path === undefined) continue;
      const parts = path.split('/');
      for (let end = 1; end < parts.length; end += 1) shown.add(`${parts.slice(0, end).join('/')}/`);
    }
    expect(folders('src/').filter((dir) => !shown.has(dir))).toEqual([]);
  });
});
