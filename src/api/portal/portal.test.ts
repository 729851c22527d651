import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../test/api.js';
import { days } from '../../../test/time.js';
import { databaseKinds } from '../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form } from '../../../test/public.js';
import { get, post, withoutWrites } from '../../../test/requests.js';

interface QueueItem {
  id: string;
  reference: string;
  channel: string;
  flags: string[];
}

/** The fields of a complete, valid petition form as a browser sends it. */
function petitionForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    lang: 'zh',
    kind: 'individual',
    category: 'wage-arrears',
    title: '工地拖欠三个月工资',
    description: '东街学校工地的承包商自八月起没有发工资。',
    location: '城关镇东街',
    name: '孙七',
    contact: '13600000000',
    website: '',
    ...overrides,
  };
}

const between = (body: string, id: string) => new RegExp(`id="${id}">([^<]+)<`).exec(body)?.[1] ?? '';

describe.each(databaseKinds)('the petition portal on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const page = (url: string, headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
    world.app.inject({ method: 'GET', url, headers, cookies });
  const send = (url: string, fields: Record<string, string>, cookies: Record<string, string> = {}) =>
    world.app.inject({ method: 'POST', url, ...form(fields), cookies });
  /** Looks a petition up as a browser does: the POST is answered 303 with a sealed cookie, and the status page is a GET. */
  const lookUp = async (fields: Record<string, string>) => {
    const posted = await send('/petition/status', fields);
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    const location = String(posted.headers.location);
    const cookies = cookiesOf(posted);
    const response = await page(location, {}, cookies);
    return { posted, location, cookies, response };
  };
  const ratingsOf = async (reference: string) =>
    (await world.ctx.db.selectFrom('feedback').innerJoin('cases', 'cases.id', 'feedback.case_id').select('feedback.rating').where('cases.reference', '=', reference).execute()).map(
      (row) => row.rating,
    );
  const submitForm = async (fields: Record<string, string> = petitionForm()) => {
    const posted = await send('/petition/new', fields);
    expect(posted.statusCode, posted.body).toBe(303);
    const response = await page(String(posted.headers.location));
    expect(response.statusCode, response.body).toBe(200);
    return { response, receiptUrl: String(posted.headers.location), reference: between(response.body, 'reference'), accessCode: between(response.body, 'access-code') };
  };
  const formToken = async () => /name="once" value="([^"]+)"/.exec((await page('/petition/new')).body)?.[1] ?? '';
  const caseCount = async () => Number((await world.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const queueItem = async (reference: string) => {
    const queue = expectStatus<{ items: QueueItem[] }>(await get(world, 'coordinator', `/api/v1/cases?q=${reference}`), 200);
    const item = queue.items.find((candidate) => candidate.reference === reference);
    if (!item) throw new Error(`${reference} is not in the queue`);
    return item;
  };

  const expectPage = (response: LightMyRequestResponse, status: number, lang: 'zh-CN' | 'en') => {
    expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).not.toMatch(/<script/i);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
  };

  it('speaks Chinese by default and English when asked, with no script at all', async () => {
    const chinese = await page('/petition');
    expectPage(chinese, 200, 'zh-CN');
    expect(chinese.body).toContain('信访事项网上办理');
    const english = await page('/petition?lang=en');
    expectPage(english, 200, 'en');
    expect(english.body).toContain('Petitions online');
    expectPage(await page('/petition', { 'accept-language': 'en-US,en;q=0.9' }), 200, 'en');
    const css = await page('/petition/portal.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it("offers the plan's categories, marks what is required, and hides a honeypot from people", async () => {
    const response = await page('/petition/new?lang=en');
    expectPage(response, 200, 'en');
    expect(response.body).toContain('<option value="wage-arrears">Wage arrears</option>');
    expect(response.body).toMatch(/<div class="hp" aria-hidden="true">[\s\S]*name="website"[\s\S]*tabindex="-1"/);
    expect(response.body).toContain('maxlength="5000"');
    expect((await page('/petition/new')).body).toContain('<option value="wage-arrears">拖欠工资</option>');
  });

  it('takes a petition from a plain HTML form and shows the receipt, which the coordinator then sees in the queue', async () => {
    const { response, reference, accessCode } = await submitForm();
    expectPage(response, 200, 'zh-CN');
    expect(reference).toMatch(/^\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(accessCode).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
    expect(response.body).toContain('查询码只在这里显示一次');
    expect(await queueItem(reference)).toMatchObject({ channel: 'online', flags: [] });
  });

  it('redirects to the receipt, shows the access code once, and a reload files nothing and shows no code', async () => {
    const before = await caseCount();
    const { receiptUrl, reference, accessCode } = await submitForm(petitionForm({ once: await formToken() }));
    expect(receiptUrl).toMatch(/^\/petition\/receipt\/[A-Za-z0-9_-]{22}\?lang=zh$/);
    expect(accessCode).not.toBe('');
    const reload = await page(receiptUrl);
    expectPage(reload, 200, 'zh-CN');
    expect(reload.body).toContain('这张回执已经显示过');
    expect(between(reload.body, 'reference')).toBe(reference);
    expect(reload.body).not.toContain(accessCode);
    expect(reload.body).not.toContain('id="access-code"');
    expect(await caseCount()).toBe(before + 1);
    expect((await page('/petition/receipt/AAAAAAAAAAAAAAAAAAAAAA?lang=en')).statusCode).toBe(404);
  });

  it('files a form submitted twice (a double click, a resend) once, both answers leading to the same receipt', async () => {
    const before = await caseCount();
    const fields = petitionForm({ lang: 'en', once: await formToken() });
    const [first, second] = await Promise.all([send('/petition/new', fields), send('/petition/new', fields)]);
    expect(first?.statusCode).toBe(303);
    expect(second?.statusCode).toBe(303);
    expect(second?.headers.location).toBe(first?.headers.location);
    expect(await caseCount()).toBe(before + 1);
    const shown = await page(String(first?.headers.location));
    expect(shown.body).toContain('id="access-code"');
    expect((await send('/petition/new', fields)).headers.location).toBe(first?.headers.location);
    expect(await caseCount()).toBe(before + 1);
  });

  it('does not visibly refuse a form whose honeypot is filled, but flags the case for the coordinator', async () => {
    const { response, reference } = await submitForm(petitionForm({ website: 'http://cheap-pills.example' }));
    expect(response.body).toContain('查询码只在这里显示一次');
    expect(await queueItem(reference)).toMatchObject({ flags: ['suspected_spam'] });
  });

  it('sends a form with problems back filled in, each problem by its field, writing nothing', async () => {
    const response = await withoutWrites(world, () =>
      send('/petition/new', petitionForm({ lang: 'en', title: '', category: '', description: 'x'.repeat(5001), rep1_name: '李明' })),
    );
    expectPage(response, 400, 'en');
    expect(response.body).toContain('Please correct the following');
    expect(response.body).toContain('Subject: please fill this in.');
    expect(response.body).toContain('Category: please fill this in.');
    expect(response.body).toContain('What happened and what you ask for: at most 5000 characters.');
    expect(response.body).toContain('Representatives: only a group petition has this.');
    expect(response.body).toContain('value="城关镇东街"');
    expect(response.body).not.toContain('value="http');
  });

  it('keeps no name or contact for an anonymous petition, even when typed', async () => {
    const { reference } = await submitForm(petitionForm({ anonymous: 'on' }));
    const detail = expectStatus<{ petitioner: unknown }>(await get(world, 'coordinator', `/api/v1/cases/${(await queueItem(reference)).id}`), 200);
    expect(detail.petitioner).toBeNull();
  });

  it('answers a body over the limit with a page, not a stack trace', async () => {
    const response = await send('/petition/new?lang=en', petitionForm({ lang: 'en', description: 'x'.repeat(200_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('What you sent is too long');
  });

  it('shows the status in plain words in both languages, and the same page for a wrong code as for an unknown reference', async () => {
    const { reference, accessCode } = await submitForm();
    const chinese = await lookUp({ lang: 'zh', reference, accessCode: accessCode.toLowerCase() });
    expect(chinese.location).toBe('/petition/progress?lang=zh');
    expectPage(chinese.response, 200, 'zh-CN');
    expect(chinese.response.body).toContain('已登记，正在审查是否受理');
    expect(chinese.response.body).not.toContain('孙七');
    expect(chinese.response.body).not.toContain('13600000000');
    const english = await lookUp({ lang: 'en', reference, accessCode });
    expect(english.response.body).toContain('Registered; acceptance being decided');
    // The language switch is a plain link to the same page: the petition is in the cookie, not in the page.
    expect(english.response.body).toContain('href="/petition/progress?lang=zh"');
    expect((await page('/petition/progress?lang=zh', {}, english.cookies)).body).toContain('已登记，正在审查是否受理');

    const wrong = await send('/petition/status', { lang: 'en', reference, accessCode: 'AAAA-AAAA-AAAA-AAAA-AAAA' });
    const unknown = await send('/petition/status', { lang: 'en', reference: '2026-ZZZZ-ZZZZ', accessCode });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(cookiesOf(wrong)).toEqual({});
    const message = (body: string) => /<p class="notice bad" role="alert" id="lookup-error">([^<]+)<\/p>/.exec(body)?.[1];
    expect(message(wrong.body)).toBe('No petition matches this reference and access code. Please check both against your receipt.');
    expect(message(unknown.body)).toBe(message(wrong.body));
  });

  it('holds the access code in a sealed, HttpOnly, SameSite=Strict cookie for the portal only, never in an address or a page', async () => {
    const { reference, accessCode } = await submitForm();
    const { posted, location, cookies, response } = await lookUp({ lang: 'en', reference, accessCode });
    const cookie = posted.cookies.find((candidate) => candidate.name === 'redress_petition');
    expect(cookie).toMatchObject({ path: '/petition', httpOnly: true, sameSite: 'Strict', maxAge: 1800 });
    const compact = (text: string) => text.replace(/-/g, '').toUpperCase();
    expect(compact(cookie?.value ?? '')).not.toContain(compact(accessCode));
    expect(compact(location)).not.toContain(compact(accessCode));
    expect(response.body).not.toContain(accessCode);
    expect(response.body).not.toContain('name="accessCode"');
    // A cookie the browser changed is no key at all.
    const value = cookies.redress_petition ?? '';
    const forged = await page(location, {}, { redress_petition: `${value.slice(0, -2)}${value.endsWith('A') ? 'B' : 'A'}` });
    expect(forged.body).toContain('Please enter the reference and access code again');
    expect(forged.body).not.toContain(reference);
  });

  it('says what to do when the status page is reloaded after the cookie has ended, and when a form is sent without one', async () => {
    const { reference, accessCode } = await submitForm();
    const { location, cookies } = await lookUp({ lang: 'en', reference, accessCode });
    expect((await page(location, {}, cookies)).body).toContain(reference);
    world.time.advance(31 * 60_000);
    for (const response of [await page(location, {}, cookies), await page('/petition/progress?lang=en'), await send('/petition/feedback?lang=en', { lang: 'en', rating: '5' })]) {
      expectPage(response, response.statusCode, 'en');
      expect(response.body).toContain('this browser shows its progress for 30 minutes after the access code is entered, and that time has ended');
      expect(response.body).toContain('action="/petition/status?lang=en"');
      expect(response.body).not.toContain(reference);
    }
    expect((await page('/petition/progress?lang=zh')).body).toContain('输入查询码后本浏览器只显示 30 分钟的办理进展，现在时间已到');
    expect((await send('/petition/review?lang=zh', { lang: 'zh', reason: '不满意' })).statusCode).toBe(400);
  });

  it("shows the office's answer, takes a rating that offers the review, and takes the review, each by POST-redirect-GET so a reload sends nothing again", async () => {
    const { reference, accessCode } = await submitForm();
    const caseId = (await queueItem(reference)).id;
    for (const [who, path, body] of [
      ['coordinator', 'assignments', { unitId: world.units.township.id, role: 'lead' }],
      ['coordinator', 'transitions', { to: 'resolution' }],
      ['unit_officer', 'answers', { body: '经核实，工资已全额发放。' }],
      ['coordinator', 'transitions', { to: 'closed' }],
    ] as const) {
      expect((await post(world, who, `/api/v1/cases/${caseId}/${path}`, body)).statusCode).toBeLessThan(300);
    }
    const { cookies, response: closed } = await lookUp({ lang: 'zh', reference, accessCode });
    expect(closed.body).toContain('经核实，工资已全额发放。');
    expect(closed.body).toContain('已办结');
    expect(closed.body).toContain('action="/petition/feedback?lang=zh"');

    const noRating = await send('/petition/feedback', { lang: 'zh' }, cookies);
    expect(noRating.statusCode).toBe(400);
    expect(noRating.body).toContain('评价：必须填写。');
    expect(await ratingsOf(reference)).toEqual([]);

    const rated = await send('/petition/feedback', { lang: 'zh', rating: '1', comment: '只发了一半' }, cookies);
    expect(rated.statusCode).toBe(303);
    expect(rated.headers.location).toBe('/petition/progress?lang=zh&done=rated-review');
    // The page after the rating, and its reload: the same page, one rating recorded.
    for (let load = 0; load < 2; load += 1) {
      const shown = await page(String(rated.headers.location), {}, cookies);
      expectPage(shown, 200, 'zh-CN');
      expect(shown.body).toContain('您的评价已记录');
      expect(shown.body).toContain('您对答复不满意。可以在下方申请复查。');
      expect(shown.body).toContain('action="/petition/review?lang=zh"');
      expect(shown.body).not.toContain('action="/petition/feedback?lang=zh"');
      expect(shown.body).toContain('<strong>您的评价:</strong> 1');
    }
    expect(await ratingsOf(reference)).toEqual([1]);

    const noReason = await send('/petition/review', { lang: 'zh', reason: ' ' }, cookies);
    expect(noReason.body).toContain('请填写申请理由。');
    const reviewing = await send('/petition/review', { lang: 'zh', reason: '只发了一半工资。' }, cookies);
    expect(reviewing.statusCode).toBe(303);
    expect(reviewing.headers.location).toBe('/petition/progress?lang=zh&done=review');
    const reviewCount = async () => expectStatus<{ reviewCount: number }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).reviewCount;
    for (let load = 0; load < 2; load += 1) {
      const shown = await page(String(reviewing.headers.location), {}, cookies);
      expect(shown.body).toContain('您的申请已提交');
      expect(shown.body).toContain('复查中');
      expect(shown.body).not.toContain('action="/petition/review?lang=zh"');
    }
    expect(await reviewCount()).toBe(1);
    // The form sent twice (a resend from the history) asks for nothing a second time.
    const again = await send('/petition/review', { lang: 'zh', reason: '只发了一半工资。' }, cookies);
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(await reviewCount()).toBe(1);
  });

  it('offers the review as soon as the written answer is given, before the office closes the case, and after an unsatisfied rating', async () => {
    const { reference, accessCode } = await submitForm();
    const caseId = (await queueItem(reference)).id;
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' });
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' });
    const { response: unanswered } = await lookUp({ lang: 'en', reference, accessCode });
    expect(unanswered.body).not.toContain('action="/petition/review?lang=en"');
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/answers`, { body: 'The answer.' });
    const { cookies, response: answered } = await lookUp({ lang: 'en', reference, accessCode });
    expect(answered.body).toContain('action="/petition/review?lang=en"');
    expect(answered.body).toMatch(/You can ask until \d+ \w+ \d{4}/);
    const rated = await send('/petition/feedback', { lang: 'en', rating: '1' }, cookies);
    const shown = rated.statusCode === 303 ? await page(String(rated.headers.location), {}, cookies) : rated;
    expect(shown.body).toContain('You are not satisfied with the answer. You can ask for a review below.');
    expect(shown.body).toContain('action="/petition/review?lang=en"');
  });

  it('says plainly that the time to ask for a review has passed', async () => {
    const { reference, accessCode } = await submitForm();
    const caseId = (await queueItem(reference)).id;
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' });
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' });
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/answers`, { body: 'The answer.' });
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'closed' });
    world.time.advance(days(31));
    const { cookies, response: late } = await lookUp({ lang: 'en', reference, accessCode });
    expect(late.body).toMatch(/The time to ask for a review ended on \d+ \w+ \d{4}[^;]*; a review can no longer be requested/);
    expect(late.body).not.toContain('action="/petition/review?lang=en"');
    // A form kept open for a month and sent anyway gets the same words.
    const sent = await send('/petition/review', { lang: 'en', reason: 'Late.' }, cookies);
    expect(sent.body).toContain('a review can no longer be requested');
  });

  it('tells what is stored, why, for how long and who can see it', async () => {
    for (const [lang, headings] of [
      ['zh', ['我们保存什么', '为什么保存', '保存多久', '谁能看到']],
      ['en', ['What we store', 'Why', 'For how long', 'Who can see it']],
    ] as const) {
      const response = await page(`/petition/privacy?lang=${lang}`);
      for (const heading of headings) expect(response.body).toContain(`<h2>${heading}</h2>`);
    }
  });

  it('answers an unknown portal page with a page', async () => {
    const response = await page('/petition/nowhere?lang=en');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('There is no such page.');
  });
});
