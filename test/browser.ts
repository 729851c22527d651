import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const chromiumPath = process.env.REDRESS_CHROMIUM ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(chromiumPath);

if (process.env.REDRESS_REQUIRE_BROWSER === '1' && !hasBrowser) {
  throw new Error(`REDRESS_REQUIRE_BROWSER=1 but no Chromium at ${chromiumPath}.`);
}

/** A test's own sessions on the worker's Chromium: closing it closes what it opened, not Chromium. */
export interface TestBrowser {
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

let shared: Promise<Browser> | undefined;

/** Headless Debian Chromium, with the flags this sandboxed, offline machine needs: one per test worker. */
function chromiumOfWorker(): Promise<Browser> {
  shared ??= chromium
    .launch({
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
    })
    .then((browser) => {
      browser.on('disconnected', () => (shared = undefined));
      return browser;
    });
  return shared;
}

/**
 * A fresh set of browser profiles for a test. Test files share their worker's modules, so they
 * share one Chromium too (starting one took about a second per file); every profile a test opens
 * has its own cookies and storage, and is closed by `close()`.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromiumOfWorker();
  const contexts: BrowserContext[] = [];
  const newContext = async (options?: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  };
  return {
    newContext,
    newPage: async (options) => (await newContext(options)).newPage(),
    close: async () => {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    },
  };
}

/** Where screenshots go; CI keeps this folder as its artifacts. */
export function screenshotPath(name: string): string {
  mkdirSync('test-results', { recursive: true });
  return `test-results/${name}.png`;
}
