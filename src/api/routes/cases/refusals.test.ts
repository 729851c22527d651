import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, submit } from '../../../../test/public.js';
import { assignId, expectError, letter, openCaseId, post } from '../../../../test/requests.js';
import en from '../../../../web/src/i18n/en.json' with { type: 'json' };
import zh from '../../../../web/src/i18n/zh.json' with { type: 'json' };
import { portalMessages } from '../../portal/i18n/index.js';

/**
 * A refusal reaches the person as the reason it carries (`details.reason` and its parameters),
 * worded by the app in their language (the web app's `errors.reason.*`, which its errorText reads
 * before the code): never as the server's English sentence.
 */
describe.each(databaseKinds)('a refusal says why, as a code and parameters, on %s', (kind) => {
  let world: ApiWorld;
  let caseId = '';
  let assignmentId = '';
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    caseId = await openCaseId(world, letter());
    assignmentId = await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  const url = (path: string) => `/api/v1/cases/${caseId}${path}`;
  const inWords = (error: { details?: unknown }) => {
    const reason = (error.details as { reason: string }).reason;
    const words = (catalogue: { errors: { reason: object } }) => (catalogue.errors.reason as Record<string, string>)[reason];
    return { zh: words(zh), en: words(en) };
  };

  it('tells the office the unit is already on the case, and that a case has one lead', async () => {
    const twice = expectError(await post(world, 'coordinator', url('/assignments'), { unitId: world.units.township.id, role: 'assisting' }), 409, 'conflict', 'unitId');
    expect(twice.details).toEqual({ reason: 'unit_already_assigned' });
    expect(inWords(twice)).toEqual({ zh: '该单位已在办理此案件。', en: 'This unit is already on the case.' });

    const secondLead = expectError(await post(world, 'coordinator', url('/assignments'), { unitId: world.units.department.id, role: 'lead' }), 409, 'conflict', 'role');
    expect(secondLead.details).toEqual({ reason: 'lead_already_assigned' });
    expect((inWords(secondLead)).zh).toBe('此案件已有牵头单位，请将该单位作为协办单位交办。');
  });

  it('tells a unit it has objected already, with when', async () => {
    expectStatus(await post(world, 'unit_officer', url(`/assignments/${assignmentId}/object`), { reason: 'A court matter.' }), 200);
    const again = expectError(await post(world, 'unit_officer', url(`/assignments/${assignmentId}/object`), { reason: 'Still a court matter.' }), 409, 'already_done');
    expect(again.details).toEqual({ reason: 'already_objected', at: world.time.now() });
    expect(inWords(again)).toEqual({ zh: '本单位已对此案件提出过异议。', en: 'Your unit has already objected to this case.' });
  });

  it('says a written answer waits for its stage, and an extension is given once', async () => {
    const early = expectError(await post(world, 'coordinator', url('/answers'), { body: 'The answer.' }), 409, 'conflict');
    expect(early.details).toEqual({ reason: 'answer_stage', stage: 'reception' });
    expect((inWords(early)).en).toBe('A written answer is given in the resolution or review stage.');

    expectStatus(await post(world, 'coordinator', url('/transitions'), { to: 'decision' }), 200);
    const reason = 'Records must come from the provincial archive.';
    expectStatus(await post(world, 'coordinator', url('/extensions'), { days: 10, reason }), 200);
    const pending = expectError(await post(world, 'coordinator', url('/extensions'), { days: 5, reason }), 409, 'conflict');
    expect(pending.details).toEqual({ reason: 'extension_pending', days: 10 });
    expect(inWords(pending)).toEqual({ zh: '已申请延期，正待领导审批。', en: "An extension was already requested and waits for a leader's decision." });
    expectStatus(await post(world, 'leader', url('/extensions/approve')), 200);
    const twice = expectError(await post(world, 'coordinator', url('/extensions'), { days: 5, reason }), 409, 'conflict');
    expect(twice.details).toEqual({ reason: 'already_extended', days: 10 });
    expect((inWords(twice)).zh).toBe('此案件已延期过一次，按规定只能延期一次。');
  });

  it('tells a petitioner there is no answer to rate yet, in the public API and in the portal', async () => {
    const receipt = await submit(world);
    const headers = { 'x-access-code': receipt.accessCode };
    const feedback = await world.as('anonymous', { method: 'POST', url: `/public/v1/petitions/${receipt.reference}/feedback`, headers, payload: { rating: 4 } });
    expect(expectError(feedback, 409, 'conflict').details).toEqual({ reason: 'no_answer_to_rate' });

    const lookedUp = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang: 'zh', reference: receipt.reference, accessCode: receipt.accessCode }) });
    expect(lookedUp.statusCode, lookedUp.body.slice(0, 300)).toBe(303);
    const rated = await world.app.inject({ method: 'POST', url: '/petition/feedback?lang=zh', ...form({ lang: 'zh', rating: '4' }), cookies: cookiesOf(lookedUp) });
    expect(rated.statusCode).toBe(409);
    expect(rated.body).toContain(portalMessages.zh.errors.reasons.no_answer_to_rate);
    expect(rated.body).not.toContain('no answer to rate');
  });
});
