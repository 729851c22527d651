import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hasBrowser } from '../../test/browser.js';

const script = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url));

/**
 * Builds the web app before the browser tests when the build is missing or older than its
 * sources (the same check `npm start` makes), so `npm test` on a fresh clone tests what is in the tree.
 */
export default function setup(): void {
  // `npm run gen:api` runs one test that needs no browser, and must work while the app does not build.
  if (!hasBrowser || process.env.REDRESS_NO_WEB_BUILD === '1') return;
  execFileSync(process.execPath, [script, 'web'], { stdio: 'inherit' });
}
