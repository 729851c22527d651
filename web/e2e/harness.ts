import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import type { AuditKey } from '../../src/security/audit-key.js';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../test/api.js';
import { launchBrowser, type TestBrowser } from '../../test/browser.js';
import { password } from '../../test/world.js';

export interface Harness {
  world: ApiWorld;
  base: string;
  browser: TestBrowser;
  /** A fresh browser profile (its own cookies and storage), at a phone's width when asked. */
  context(options?: { locale?: string; width?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Whether admins must set up a second factor at sign-in (the default); tests about other things lift it. */
  adminTotpRequired?: boolean;
  /** The audit checkpoint key the server's verify check uses (none by default: signatures go unchecked). */
  auditKey?: AuditKey;
}

/** The server in this process on SQLite, listening on a free port, and one headless Chromium. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const world = await buildApiWorld('sqlite', options.auditKey ? { auditKey: options.auditKey } : {});
  world.ctx.security = { adminTotpRequired: options.adminTotpRequired ?? true };
  await world.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    world,
    base,
    browser,
    async context(options = {}) {
      const context = await browser.newContext({
        locale: options.locale ?? 'zh-CN',
        viewport: { width: options.width ?? 1280, height: 900 },
      });
      context.setDefaultTimeout(5_000);
      return context;
    },
    async close() {
      await browser.close();
      await world.dispose();
    },
  };
}

/** Signs in through the sign-in page, in the language asked for (`?lang=` is remembered). */
export async function signIn(page: Page, base: string, email: string, language: 'zh' | 'en'): Promise<void> {
  await page.goto(`${base}/sign-in?lang=${language}`);
  await page.getByLabel(language === 'zh' ? '邮箱' : 'Email').fill(email);
  await page.getByLabel(language === 'zh' ? '密码' : 'Password').fill(password);
  await page.getByRole('button', { name: language === 'zh' ? '登录' : 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: language === 'zh' ? '案件列表' : 'Case queue' }).waitFor();
  // Live updates are on once the stream is open (the dot in the header turns green).
  await page.locator('.live-dot.live-on').waitFor();
}

/**
 * Collects script errors and failed requests in a page, for the test to check at its end. The first
 * look at /auth/me before signing in answers 401 by design; a test may expect other statuses.
 */
export function watchForErrors(page: Page, expectedStatuses: number[] = []): string[] {
  const problems: string[] = [];
  const expected = [401, ...expectedStatuses].map((status) => `status of ${status}`);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((text) => message.text().includes(text))) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** A letter about unpaid wages opened by the office with the township as its lead unit, moved on to `to` when asked: its id. */
export async function openLetter(world: ApiWorld, title: string, options: { description?: string; to?: 'decision' | 'resolution' } = {}): Promise<string> {
  const { id } = expectStatus<{ id: string }>(
    await world.as('coordinator', {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title, description: options.description ?? '八月起未发工资。' },
    }),
    201,
  );
  expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${id}/assignments`, payload: { unitId: world.units.township.id, role: 'lead' } }), 201);
  if (options.to) expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${id}/transitions`, payload: { to: options.to } }), 200);
  return id;
}
