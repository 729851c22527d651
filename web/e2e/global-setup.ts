import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { hasBrowser } from '../../test/browser.js';

const web = fileURLToPath(new URL('..', import.meta.url));
const built = join(web, 'dist', 'index.html');

/** The newest modification time of the app's sources (and what they import from src/core and src/api). */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of ['src', 'public', 'index.html', 'vite.config.ts']) {
    if (existsSync(join(web, path))) visit(join(web, path));
  }
  return newest;
}

/**
 * Builds the web app before the browser tests when the build is missing or older than its
 * sources, so `npm test` on a fresh clone tests what is in the tree.
 */
export default async function setup(): Promise<void> {
  if (!hasBrowser) return;
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) return;
  const started = Date.now();
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write(`Built the web app for the browser tests in ${Date.now() - started} ms.\n`);
}
