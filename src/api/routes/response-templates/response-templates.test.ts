import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';

interface Template {
  id: string;
  name: string;
  use: string;
  category: string | null;
  body: { zh: string; en: string };
  active: boolean;
}
interface Filled {
  id: string;
  name: string;
  category: string | null;
  text: { zh: string; en: string };
}

/** Response templates (答复模板, issue 13 item 8): kept by the office per category and use, filled in for a case when an answer is written. */
describe.each(databaseKinds)('response templates on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const patch = (id: string, payload: object) => world.as('coordinator', { method: 'PATCH', url: `/api/v1/response-templates/${id}`, payload });
  const wages = {
    name: '欠薪答复',
    use: 'answer',
    category: 'wage-arrears',
    body: {
      zh: '关于您 {{receivedDate}} 反映的{{category}}问题（编号 {{reference}}），{{office}}经调查核实：',
      en: 'On the {{category}} matter you raised on {{receivedDate}} (reference {{reference}}), {{office}} found:',
    },
  };

  it('refuses a template with an unknown placeholder, naming the field, and writes nothing', async () => {
    const wrong = expectError(
      await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/response-templates', { ...wages, body: { zh: '{{petitionerName}}：您好', en: 'Dear {{name}}' } })),
      400,
      'validation_failed',
      'body.zh',
    );
    expect(wrong.details).toMatchObject({ problems: [{ field: 'body.zh', code: 'unknown_placeholder', params: { name: 'petitionerName' } }] });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/response-templates', { ...wages, body: { zh: '好', en: 'Dear {{title}}' } })), 400, 'validation_failed', 'body.en');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/response-templates', { ...wages, category: 'no-such-category' })), 400, 'validation_failed', 'category');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/response-templates', { ...wages, use: 'poem' })), 400, 'validation_failed');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/response-templates', { ...wages, name: '  ' })), 400, 'validation_failed', 'name');
    // Only the office keeps them; a unit officer may read them to answer, not write them.
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', '/api/v1/response-templates', wages)), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'leader', '/api/v1/response-templates', wages)), 403, 'forbidden');
  });

  it("offers a case its category's templates first, then those for every category, filled in for the case", async () => {
    const own = expectStatus<Template>(await post(world, 'coordinator', '/api/v1/response-templates', wages), 201);
    expect(own).toMatchObject({ name: '欠薪答复', use: 'answer', category: 'wage-arrears', active: true });
    const general = expectStatus<Template>(
      await post(world, 'coordinator', '/api/v1/response-templates', { name: '通用答复', use: 'answer', body: { zh: '{{office}}已于 {{date}} 作出处理意见。', en: '{{office}} decided on {{date}}.' } }),
      201,
    );
    const housing = expectStatus<Template>(await post(world, 'coordinator', '/api/v1/response-templates', { ...wages, name: '住房答复', category: 'housing' }), 201);
    const reason = expectStatus<Template>(await post(world, 'coordinator', '/api/v1/response-templates', { name: '延期理由', use: 'extension', body: { zh: '需调取材料。', en: 'Records are needed.' } }), 201);

    world.time.set('2026-11-20T02:00:00.000Z');
    const caseId = await openCaseId(world, letter({ receivedAt: '2026-11-18T01:00:00.000Z' }));
    const reference = expectStatus<{ reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).reference;
    const offered = expectStatus<{ items: Filled[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/response-templates?use=answer`), 200).items;
    expect(offered.map((item) => item.id)).toEqual([own.id, general.id]);
    expect(offered.map((item) => item.id)).not.toContain(housing.id);
    expect(offered.map((item) => item.id)).not.toContain(reason.id);
    expect(offered[0]?.text.zh).toBe(`关于您 2026年11月18日 反映的拖欠工资问题（编号 ${reference}），领导小组办公室（设在县信访局）经调查核实：`);
    expect(offered[0]?.text.en).toContain(`(reference ${reference})`);
    expect(offered[0]?.text.en).toContain('18 November 2026');
    expect(offered[1]?.text.zh).toContain('2026年11月20日');
    const reasons = expectStatus<{ items: Filled[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/response-templates?use=extension`), 200).items;
    expect(reasons.map((item) => item.id)).toEqual([reason.id]);

    // Deactivated, it is no longer offered, but the office still lists it.
    expectStatus(await patch(general.id, { active: false }), 200);
    const after = expectStatus<{ items: Filled[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/response-templates`), 200).items;
    expect(after.map((item) => item.id)).toEqual([own.id]);
    const listed = expectStatus<{ items: Template[] }>(await get(world, 'coordinator', '/api/v1/response-templates?all=true'), 200).items;
    expect(listed.find((item) => item.id === general.id)?.active).toBe(false);
    const active = expectStatus<{ items: Template[] }>(await get(world, 'unit_officer', '/api/v1/response-templates'), 200).items;
    expect(active.map((item) => item.id)).not.toContain(general.id);

    // An edit with an unknown placeholder changes nothing.
    expectError(await withoutWrites(world, () => patch(own.id, { body: { zh: '{{accessCode}}', en: 'x' } })), 400, 'validation_failed', 'body.zh');
    const edited = expectStatus<Template>(await patch(own.id, { name: '欠薪答复（新）' }), 200);
    expect(edited).toMatchObject({ name: '欠薪答复（新）', body: wages.body });

    // Each write is in the audit log.
    const audit = await world.ctx.db.selectFrom('audit_entries').select('action').where('subject_type', '=', 'response_template').execute();
    expect(audit.map((row) => row.action).sort()).toEqual([...Array(4).fill('response_template.create'), 'response_template.update', 'response_template.update']);
  });
});
