import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignUnit } from '../commands/assign-unit.js';
import { recordCallback } from '../commands/callbacks.js';
import { addAnswer } from '../commands/case-records.js';
import { getCase } from '../commands/get-case.js';
import { moveStage } from '../commands/move-stage.js';
import { chainAndVerify } from '../../test/audit.js';
import { days } from '../../test/time.js';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, fiveRepresentatives, type World } from '../../test/world.js';
import { purgePersonalData } from './purge.js';

describe.each(databaseKinds)('the personal-data purge on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(kind, '2024-01-10T02:00:00.000Z');
  });
  afterAll(() => world.dispose());

  async function closedCollectiveCase() {
    const coordinator = world.actor(world.users.coordinator);
    const opened = await buildCase(world, { kind: 'collective', channel: 'visit', headcount: 20, representatives: fiveRepresentatives });
    await assignUnit(world.ctx, { actor: coordinator, caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    await moveStage(world.ctx, { actor: coordinator, caseId: opened.id, to: 'resolution' });
    await addAnswer(world.ctx, { actor: coordinator, caseId: opened.id, body: 'Resolved.' });
    await recordCallback(world.ctx, { actor: coordinator, caseId: opened.id, outcome: 'satisfied', notes: '李明说工资已经到账' });
    await moveStage(world.ctx, { actor: coordinator, caseId: opened.id, to: 'closed' });
    return opened.id;
  }

  it('erases names and contacts two years after closing, keeps the record, and only once', async () => {
    const old = await closedCollectiveCase();
    world.time.advance(days(400));
    const recent = await closedCollectiveCase();
    const stillOpen = (await buildCase(world)).id;

    world.time.advance(days(331)); // 731 days after the first case closed, 331 after the second
    expect(await purgePersonalData(world.ctx, 730)).toBe(1);
    expect(await purgePersonalData(world.ctx, 730)).toBe(0);
    // What was said on the call-back goes with the names; its outcome stays in the record.
    const callbackOf = (caseId: string) => world.ctx.db.selectFrom('callbacks').select(['outcome', 'notes_sealed']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(await callbackOf(old)).toEqual({ outcome: 'satisfied', notes_sealed: null });
    expect((await callbackOf(recent)).notes_sealed).not.toBeNull();

    // The office reads names and contacts (an admin would see them withheld).
    const admin = world.actor(world.users.coordinator);
    const purged = await getCase(world.ctx, { actor: admin, caseId: old });
    expect(purged.representatives).toEqual([]);
    expect(purged.petitioner).toBeNull();
    expect(purged.answers.map((answer) => answer.body)).toEqual(['Resolved.']);
    expect(purged.stage).toBe('closed');
    expect((await getCase(world.ctx, { actor: admin, caseId: recent })).representatives).toHaveLength(5);
    expect((await getCase(world.ctx, { actor: admin, caseId: stillOpen })).petitioner).toEqual({ name: '张三', contact: '13800000000' });

    const events = await world.ctx.db.selectFrom('events').select(['type', 'data']).where('case_id', '=', old).where('type', '=', 'personal_data.purged').execute();
    expect(events.map((event) => JSON.parse(event.data) as unknown)).toEqual([{ representatives: 5, attachments: 0, retentionDays: 730 }]);
    const raw = await world.ctx.db.selectFrom('cases').select(['petitioner_name_sealed', 'petitioner_contact_sealed']).where('id', '=', old).executeTakeFirstOrThrow();
    expect(raw).toEqual({ petitioner_name_sealed: null, petitioner_contact_sealed: null });
    expect((await chainAndVerify(world.ctx)).ok).toBe(true);
  });
});
