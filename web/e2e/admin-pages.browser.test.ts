import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { sealAuditLog } from '../../src/jobs/audit-sequencer.js';
import { generateAuditKeyPem, parseAuditKey } from '../../src/security/audit-key.js';
import { deliverDue } from '../../src/notifications/delivery.js';
import { enqueue } from '../../src/notifications/outbox.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/** A port in this helper's range that nothing listens on: a receiver that is down. */
const closedPort = 41497;
const auditKey = parseAuditKey(generateAuditKeyPem());

// A new year in the format of calendars/cn-mainland.yaml; the broken copy has an impossible date on line 5.
const year2027 = ['name: 2027 notice', 'years: [2027]', 'holidays:', '  - { date: 2027-01-01, name: 元旦 }', '  - { date: 2027-02-06, name: 春节 }', 'workdays:', '  - { date: 2027-01-09, name: 元旦调休上班 }', ''].join(
  '\n',
);
const broken = year2027.replace('2027-02-06', '2027-02-30');

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.runIf(hasBrowser)('the staff web app: the admin pages for webhooks, the calendar, Open311 keys and the audit log', () => {
  let harness: Harness;
  beforeAll(async () => {
    // Signing in with a second factor is walked in accounts.browser.test.ts; here the admin works its pages.
    harness = await startHarness({ adminTotpRequired: false, auditKey });
  });
  afterAll(() => harness.close());

  it('adds a webhook (its secret shown once), shows a failed delivery to a receiver that is down, disables, enables and deletes it (en)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'admin@county.test', 'en');
    await page.goto(`${base}/admin/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();

    const form = page.getByRole('form', { name: 'Add a webhook' });
    // Checked before it is sent, by the server's own body schema: both problems are said at once.
    await form.getByLabel('What it is for').fill('x'.repeat(501));
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByText('Fill this in.').waitFor();
    await form.getByText('Write at most 500 characters.').waitFor();
    await form.getByLabel('What it is for').fill('');
    await form.getByLabel('Address (URL)').fill('ftp://hooks.county.test/');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => form.getByLabel('Address (URL)').getAttribute('aria-invalid')).toBe('true');
    await form.locator('.field-error').waitFor();

    const url = `http://127.0.0.1:${closedPort}/hook`;
    await form.getByLabel('Address (URL)').fill(url);
    await form.getByLabel('What it is for').fill('county dashboard');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByText(`Signing secret for ${url}`).waitFor();
    expect((await page.locator('.webhook-secret').innerText()).trim()).toMatch(/^[\w-]{24,}$/);
    await page.getByText('county dashboard').waitFor();

    // A notification goes out; the worker's delivery finds the receiver down.
    await world.ctx.db.transaction().execute((trx) => enqueue(world.ctx, trx, [{ role: 'coordinator' }], { template: 'case.extended', caseId: null, data: {} }));
    await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 2000 });
    await page.reload();
    await page.getByText('1 waiting, 0 failed').waitFor();
    // The secret is never shown again.
    expect(await page.locator('.webhook-secret').count()).toBe(0);
    await page.getByRole('button', { name: `Recent deliveries to ${url}` }).click();
    const deliveries = page.getByRole('region', { name: `Recent deliveries to ${url}` });
    const row = deliveries.locator('tbody tr').first();
    await row.getByText('Failed, will retry').waitFor();
    await row.getByText('The receiver could not be reached.').waitFor();
    expect(await row.locator('td[data-label="Notification"]').innerText()).toBe('case.extended');
    expect(await row.locator('td[data-label="Attempts"]').innerText()).toBe('1');
    expect(await row.locator('td[data-label="Next attempt"]').innerText()).not.toBe('—');
    await page.screenshot({ path: screenshotPath('web-admin-webhooks-en'), fullPage: true });

    // From now on only missed deadlines: all notifications is unticked, then one topic ticked.
    await page.getByText('Receives: all notifications').waitFor();
    await page.getByRole('button', { name: `Change the topics ${url} receives` }).click();
    const topics = page.getByRole('form', { name: `Change the topics ${url} receives` });
    await topics.getByLabel('All notifications, including kinds added later').uncheck();
    await topics.getByText('Tick at least one topic, or all notifications.').waitFor();
    expect(await topics.getByRole('button', { name: 'Save topics' }).isDisabled()).toBe(true);
    await topics.getByLabel('A deadline missed').check();
    await topics.getByRole('button', { name: 'Save topics' }).click();
    await page.getByText('Receives: A deadline missed').waitFor();
    const [stored] = await world.ctx.db.selectFrom('webhooks').select('topics').execute();
    expect(stored?.topics).toBe('deadline.missed');

    await page.getByRole('button', { name: `Disable ${url}` }).click();
    await page.getByText(/^Disabled since/).waitFor();
    await page.getByRole('button', { name: `Enable ${url}` }).click();
    await page.getByRole('cell', { name: 'Enabled', exact: true }).waitFor();

    await page.getByRole('button', { name: `Delete ${url}` }).click();
    await page.getByRole('group', { name: `Delete ${url} and its deliveries?` }).getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    const audited = await world.ctx.db.selectFrom('audit_entries').select('action').where('subject_type', '=', 'webhook').orderBy('id').execute();
    expect(audited.map((entry) => entry.action)).toEqual(['webhook.create', 'webhook.topics', 'webhook.disable', 'webhook.enable', 'webhook.delete']);
    expect(problems).toEqual([]);
  }, 60_000);

  it('lists a bad calendar file’s problem by its line, then imports a good year beside the others (zh, 375 px)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ width: 375 })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'admin@county.test', 'zh');
    await page.goto(`${base}/admin/calendar`);
    await page.getByRole('heading', { level: 1, name: '节假日日历' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '2025' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '2026' }).waitFor();
    // The eight days of National Day 2025 read as one run.
    await page.getByRole('region', { name: '2025' }).locator('li', { hasText: '国庆节、中秋节' }).getByText('· 8 天').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    const form = page.getByRole('form', { name: '导入年份' });
    await form.getByLabel('文件内容').fill(broken);
    await form.getByRole('button', { name: '校验并导入' }).click();
    const listed = form.getByRole('alert');
    await listed.getByRole('heading', { name: '文件中有 1 个问题，未导入任何内容' }).waitFor();
    await listed.getByText('2027-02-30').waitFor();
    await listed.getByRole('button', { name: '第 5 行' }).click();
    const selected = await form.getByLabel('文件内容').evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd));
    expect(selected).toBe('  - { date: 2027-02-30, name: 春节 }');
    expect(await page.getByRole('heading', { level: 2, name: '2027' }).count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('web-admin-calendar-problem-zh-375'), fullPage: true });

    // The good year, chosen as a file.
    await form.getByLabel('日历文件（YAML）').setInputFiles({ name: '2027.yaml', mimeType: 'application/yaml', buffer: Buffer.from(year2027) });
    await expect.poll(() => form.getByLabel('文件内容').inputValue()).toBe(year2027);
    await form.getByRole('button', { name: '校验并导入' }).click();
    await page.getByText('已导入：2027。此后的期限按它计算。').waitFor();
    const y2027 = page.getByRole('region', { name: '2027' });
    await y2027.getByText('元旦调休上班').waitFor();
    await y2027.getByText('2 天节假日，1 天调休上班').waitFor();
    await page.getByRole('heading', { level: 2, name: '2026' }).waitFor();
    expect(world.ctx.calendar.current().holidays.get('2027-02-06')).toBe('春节');
    // It holds on a reload: the calendar in force is the database's.
    await page.reload();
    await page.getByRole('region', { name: '2027' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('web-admin-calendar-zh-375'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it('creates an Open311 key shown once, and revokes it so the Open311 API refuses it (en)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'admin@county.test', 'en');
    await page.goto(`${base}/admin/open311`);
    await page.getByRole('heading', { level: 1, name: 'Open311 keys' }).waitFor();
    await page.getByText('No keys yet.').waitFor();
    const form = page.getByRole('form', { name: 'Create key' });
    await form.getByLabel('Who uses it').fill('12345 hotline');
    await form.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Key for 12345 hotline. Copy it now: it is shown only once.').waitFor();
    const key = (await page.locator('.open311-key').innerText()).trim();
    expect(key.length).toBeGreaterThan(20);
    const services = () => world.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}` });
    expect((await services()).statusCode).toBe(200);

    await page.getByRole('button', { name: 'Revoke the key of 12345 hotline' }).click();
    await page.getByText(/^Revoked /).waitFor();
    expect(await page.getByRole('button', { name: 'Revoke the key of 12345 hotline' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('web-admin-open311-en'), fullPage: true });
    expect((await services()).statusCode).toBe(403);
    const listed = expectStatus<{ items: { name: string; revokedAt: string | null }[] }>(await world.as('admin', { method: 'GET', url: '/api/v1/open311/keys' }), 200);
    expect(listed.items).toEqual([expect.objectContaining({ name: '12345 hotline', revokedAt: world.ctx.now() })]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('lets the auditor filter the audit log by action and actor, and verify it (en)', async () => {
    const { base, world } = harness;
    // Something to find: the admin edits a unit's responsible leader.
    expectStatus(await world.as('admin', { method: 'PATCH', url: `/api/v1/units/${world.units.township.id}`, payload: { leaderName: '王镇长' } }), 200);
    await sealAuditLog({ db: world.ctx.db, adapter: world.ctx.adapter, now: world.ctx.now, key: auditKey, checkpointEverySeconds: 0 });

    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, world.users.auditor.email, 'en');
    await page.goto(`${base}/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();

    await page.getByLabel('Action').fill('unit.*');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(async () => (await rows.locator('td[data-label="Action"]').allInnerTexts()).every((action) => action.startsWith('unit.'))).toBe(true);
    expect(await rows.locator('td[data-label="Action"]').allInnerTexts()).toContain('unit.update');
    await page.getByLabel('Actor').selectOption({ label: world.users.coordinator.name });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText('No entries match.').waitFor();
    await page.getByLabel('Actor').selectOption({ label: world.users.admin.name });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(new Set(await rows.locator('td[data-label="Actor"]').allInnerTexts())).toEqual(new Set([world.users.admin.name]));
    expect(await rows.locator('td[data-label="Place in chain"]').first().innerText()).toMatch(/^\d+$/);

    await page.getByRole('button', { name: 'Verify the log' }).click();
    // The check reads both whole chains: give it longer than a click.
    await page.locator('.notice[role="status"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('.notice[role="status"]').innerText()).toMatch(/^The log is intact: \d+ entries and \d+ timeline events/);
    await page.screenshot({ path: screenshotPath('web-audit-verified-en'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it('opens every admin page on a reload, and clears a user’s second factor from the Users page (zh)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'admin@county.test', 'zh');
    // The pages of web/src/features/admin/admin-pages.tsx.
    for (const path of ['users', 'units', 'webhooks', 'calendar', 'open311', 'settings']) {
      await page.goto(`${base}/admin/${path}`);
      await page.reload();
      await page.locator('main h1').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/admin/${path}`);
      expect(await page.locator('main h1').innerText()).not.toBe('未找到');
    }

    // The coordinator has a second factor, and has lost their phone.
    await world.ctx.db
      .updateTable('users')
      .set({ totp_secret_sealed: world.ctx.sealer.seal('JBSWY3DPEHPK3PXP'), totp_enabled_at: world.ctx.now() }).where('id', '=', world.users.coordinator.id).execute();
    await page.goto(`${base}/admin/users`);
    const name = world.users.coordinator.name;
    await page.getByRole('button', { name: `清除${name}的两步验证` }).click();
    await expect.poll(() => page.getByRole('button', { name: `清除${name}的两步验证` }).count()).toBe(0);
    const row = await world.ctx.db.selectFrom('users').select('totp_secret_sealed').where('id', '=', world.users.coordinator.id).executeTakeFirstOrThrow();
    expect(row.totp_secret_sealed).toBeNull();
    expect(problems).toEqual([]);
  }, 60_000);

  it('edits a unit: an emptied name and a too long leader are both said at once, then the change is saved (en)', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'admin@county.test', 'en');
    await page.goto(`${base}/admin/units`);
    const bureau = 'County human resources and social security bureau';
    await page.locator('tbody tr').filter({ hasText: bureau }).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit 县人社局' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('');
    await form.getByRole('textbox', { name: 'Responsible leader (optional)', exact: true }).fill('张'.repeat(201));
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.field-error').first().waitFor();
    await expect(form.locator('.field-error').allTextContents()).resolves.toEqual(['Error: Fill this in.', 'Error: Write at most 200 characters.']);

    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('县人社局');
    await form.getByRole('textbox', { name: 'Responsible leader (optional)', exact: true }).fill('李局长');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.locator('tbody tr').filter({ hasText: bureau }).getByText('李局长').waitFor();
    expect(await form.count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('renders the API reference (Swagger UI) under its Content-Security-Policy', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    page.on('pageerror', (error) => refused.push(error.message));
    const response = await page.goto(`${base}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.swagger-ui .info .title').getByText('Redress API').waitFor({ timeout: 15_000 });
    // The operations' tags are drawn, so the OpenAPI document loaded under connect-src. (The first
    // of them: Swagger UI draws tags only as they scroll into view and drops those scrolled past.)
    await page.locator('.opblock-tag').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('.opblock-tag').allTextContents()).resolves.toContain('system');
    await page.screenshot({ path: screenshotPath('web-api-docs') });
    expect(refused).toEqual([]);
  }, 60_000);
});
