import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { password } from '../../test/world.js';
import { startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)('the staff web app: accounts', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  /** A code from the secret shown on the page, at the server's (test) clock. */
  const codeFor = async (page: Page) => {
    const secret = (await page.locator('.totp-secret').textContent()) ?? '';
    return new TOTP({ secret: Secret.fromBase32(secret.trim()), digits: 6, period: 30 }).generate({ timestamp: Date.parse(harness.world.ctx.now()) });
  };

  it('walks an admin creating an officer, the officer changing their password and enabling TOTP, and the admin deactivating them', async () => {
    const { base, world } = harness;
    const admin = await (await harness.context({ locale: 'en-GB' })).newPage();
    const adminProblems = watchForErrors(admin, [400]);

    // The admin must set up two-step verification at their first sign-in (admins are required by default).
    await admin.goto(`${base}/sign-in?lang=en`);
    await admin.getByLabel('Email').fill('admin@county.test');
    await admin.getByLabel('Password').fill(password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
    await admin.getByRole('button', { name: 'Set up two-step verification' }).click();
    await admin.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await admin.screenshot({ path: screenshotPath('web-totp-setup'), fullPage: true });
    await admin.getByLabel('The 6-digit code the app shows').fill(await codeFor(admin));
    await admin.getByRole('button', { name: 'Turn on' }).click();
    await admin.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await expect(admin.locator('.recovery-codes li').count()).resolves.toBe(10);
    await admin.getByRole('button', { name: 'I have kept them' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();

    // Users: add an officer of the township with a first password.
    await admin.goto(`${base}/admin/users`);
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await admin.getByRole('button', { name: 'Add a user' }).click();
    const form = admin.getByRole('form', { name: 'Add a user' });
    // Sent empty, every field says at once what it lacks, before anything reaches the server.
    await form.getByRole('button', { name: 'Add' }).click();
    await form.locator('.field-error').first().waitFor();
    await expect(form.locator('.field-error').allTextContents()).resolves.toEqual([
      'Error: Write at least 3 characters.',
      'Error: Fill this in.',
      'Error: Fill this in.',
    ]);
    await form.getByLabel('Email').fill('zhou.min@county.test');
    await form.getByLabel('Name').fill('周敏');
    await form.getByLabel('Role').selectOption('unit_officer');
    await form.getByLabel('Unit').selectOption(world.units.township.id);
    await form.getByLabel('First password').fill('password1234');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByText('This password is on the list of common or breached passwords').waitFor();
    await form.getByLabel('First password').fill('township spring rain 2026');
    await form.getByRole('button', { name: 'Add' }).click();
    await admin.getByText('zhou.min@county.test').waitFor();
    await admin.screenshot({ path: screenshotPath('web-admin-users'), fullPage: true });

    // The officer signs in, must choose their own password, then turns on two-step verification.
    const officer = await (await harness.context()).newPage();
    const officerProblems = watchForErrors(officer, [400]);
    await officer.goto(`${base}/sign-in?lang=zh`);
    await officer.getByLabel('邮箱').fill('zhou.min@county.test');
    await officer.getByLabel('密码').fill('township spring rain 2026');
    await officer.getByRole('button', { name: '登录' }).click();
    await officer.getByRole('heading', { level: 1, name: '设置您自己的密码' }).waitFor();
    await officer.getByRole('button', { name: '修改密码' }).click();
    await officer.locator('.field-error').first().waitFor();
    await expect(officer.locator('.field-error').allTextContents()).resolves.toEqual(['错误：此项为必填项。', '错误：此项为必填项。']);
    await officer.getByLabel('您收到的密码').fill('township spring rain 2026');
    await officer.getByLabel(/^新密码/).fill('my own lotus pond path');
    await officer.getByLabel('再次输入新密码').fill('my own lotus pond path');
    await officer.getByRole('button', { name: '修改密码' }).click();
    await officer.getByRole('heading', { level: 1, name: '案件列表' }).waitFor();
    await officer.getByRole('link', { name: /我的账号/ }).click();
    await officer.getByRole('heading', { level: 1, name: '我的账号' }).waitFor();
    await officer.getByRole('button', { name: '设置两步验证' }).click();
    await officer.getByLabel('应用显示的 6 位验证码').fill(await codeFor(officer));
    await officer.getByRole('button', { name: '开启', exact: true }).click();
    await officer.getByRole('button', { name: '我已保存' }).click();
    await officer.getByText('两步验证已开启，还剩 10 个恢复码。').waitFor();
    await officer.locator('.live-dot.live-on').waitFor();
    await officer.screenshot({ path: screenshotPath('web-my-account'), fullPage: true });

    // The admin deactivates the officer: the officer's open page goes back to the sign-in page.
    await admin.reload();
    await admin.getByRole('button', { name: 'Deactivate 周敏' }).click();
    await admin.getByRole('button', { name: 'Reactivate 周敏' }).waitFor();
    await officer.getByText('登录已失效，请重新登录。').waitFor({ timeout: 10_000 });
    await officer.getByRole('heading', { level: 1 }).first().waitFor();
    expect(officer.url()).toContain('/sign-in');
    expect(adminProblems).toEqual([]);
    expect(officerProblems).toEqual([]);
  });
});
