import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.REDRESS_CHROMIUM ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(chromiumPath);

if (process.env.REDRESS_REQUIRE_BROWSER === '1' && !hasBrowser) {
  throw new Error(`REDRESS_REQUIRE_BROWSER=1 but no Chromium at ${chromiumPath}.`);
}

/** Headless Debian Chromium, with the flags this sandboxed, offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where screenshots go; CI keeps this folder as its artifacts. */
export function screenshotPath(name: string): string {
  mkdirSync('test-results', { recursive: true });
  return `test-results/${name}.png`;
}
