#!/usr/bin/env node
// Builds the server (tsc → dist/) and the web app (vite → web/dist/) only when a build is missing
// or older than its sources, so `npm start` on an up-to-date tree starts at once.
// Usage: node scripts/build-if-stale.mjs [server|web ...]   (both when none is named)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const targets = {
  server: {
    label: 'server',
    output: join(root, 'dist', 'src', 'cli', 'main.js'),
    inputs: ['src', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    build: () => execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  },
  web: {
    label: 'web app',
    output: join(root, 'web', 'dist', 'index.html'),
    // The app imports wire schemas and domain rules from src/, so those count as its sources too.
    inputs: ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'src', 'package-lock.json'],
    // Always the production bundle, also when the browser tests ask for the build (vitest sets
    // NODE_ENV=test, which made a development React build that `npm start` then served).
    build: () =>
      execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } }),
  },
};

function newestSource(paths) {
  let newest = 0;
  const visit = (path) => {
    if (path.endsWith('.test.ts')) return;
    const stat = statSync(path);
    // A directory's own time changes when a file is added to it or removed from it.
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const path of paths) if (existsSync(join(root, path))) visit(join(root, path));
  return newest;
}

function isStale({ output, inputs }) {
  return !existsSync(output) || statSync(output).mtimeMs < newestSource(inputs);
}

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(targets);
for (const name of wanted) {
  const target = targets[name];
  if (!target) {
    console.error(`Unknown build target "${name}" (server or web).`);
    process.exit(2);
  }
  if (!isStale(target)) continue;
  console.log(`Building the ${target.label}: its sources are newer than the last build…`);
  target.build();
}
