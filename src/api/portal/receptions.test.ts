import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../test/api.js';
import { databaseKinds } from '../../../test/databases.js';
import { buildPublicWorld, form, petition, submit } from '../../../test/public.js';
import { post, withoutWrites } from '../../../test/requests.js';
import { days, hours } from '../../../test/time.js';

/** The portal's schedule of leader reception days (领导接访日) and its booking form, in zh and en, without script. */
describe.each(databaseKinds)('the portal’s reception days on %s', (kind) => {
  let world: ApiWorld;
  let dayId: string;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    const startsAt = new Date(Date.parse(world.time.now()) + days(2)).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + hours(3)).toISOString();
    const body = { leaderId: world.users.leader.id, title: '副县长', titleEn: 'Deputy county head', startsAt, endsAt, place: '县信访局三楼接待室', capacity: 5 };
    dayId = expectStatus<{ id: string }>(await post(world, 'coordinator', '/api/v1/reception-days', body), 201).id;
  });
  afterAll(() => world.dispose());

  const page = (lang: 'zh' | 'en', query = '') => world.as('anonymous', { method: 'GET', url: `/petition/receptions?lang=${lang}${query}` });
  const book = (fields: Record<string, string>) => world.as('anonymous', { method: 'POST', url: '/petition/receptions?lang=zh', ...form({ lang: 'zh', ...fields }) });

  it('publishes the schedule in both languages: the leader, their office, when and where, the places left; no petitioner', async () => {
    const receipt = await submit(world, petition({ petitioner: { name: '赵六', contact: '13600000000' } }));
    expect((await book({ reference: receipt.reference, accessCode: receipt.accessCode, dayId })).statusCode).toBe(303);
    const zh = await page('zh');
    expect(zh.statusCode).toBe(200);
    expect(zh.body).toContain('领导接访日');
    expect(zh.body).toContain(`副县长 ${world.users.leader.name}`);
    expect(zh.body).toContain('县信访局三楼接待室');
    expect(zh.body).toContain('4 / 5');
    expect(zh.body).not.toContain('赵六');
    expect(zh.body).not.toContain(receipt.reference);
    expect(zh.body).not.toMatch(/<script/i);
    const en = await page('en');
    expect(en.body).toContain('Leader reception days');
    expect(en.body).toContain(`Deputy county head ${world.users.leader.name}`);
    expect(en.body).toContain('4 of 5');
  });

  it('books a petition with its reference and access code, then says so; a wrong code or no day books nothing; twice is refused in words', async () => {
    const receipt = await submit(world);
    const wrong = await withoutWrites(world, () => book({ reference: receipt.reference, accessCode: 'AAAA-BBBB-CCCC-DDDD-EEEE', dayId }));
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('没有找到与该事项编号和查询码相符的事项');
    expect(wrong.body).not.toContain('AAAA-BBBB');
    const noDay = await withoutWrites(world, () => book({ reference: receipt.reference, accessCode: receipt.accessCode, dayId: '' }));
    expect(noDay.statusCode).toBe(400);
    expect(noDay.body).toContain('请选择接访日');

    const done = await book({ reference: receipt.reference, accessCode: receipt.accessCode, dayId });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/petition/receptions?lang=zh&booked=${dayId}`);
    const shown = await page('zh', `&booked=${dayId}`);
    expect(shown.body).toContain('已预约');
    expect(shown.body).toContain('县信访局三楼接待室');

    const twice = await withoutWrites(world, () => book({ reference: receipt.reference, accessCode: receipt.accessCode, dayId }));
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('已预约了一个尚未举行的领导接访日');
    // The reference comes back in the form; the access code never does.
    expect(twice.body).toContain(`value="${receipt.reference}"`);
    expect(twice.body).not.toContain(receipt.accessCode);
  });
});
