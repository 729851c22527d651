import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { databaseKinds } from '../../test/databases.js';
import { days } from '../../test/time.js';
import { assignUnit, recordAssignmentStep } from './assign-unit.js';
import { verifyAudit } from './audit-verify.js';
import { chains, genesisHash, verifyAuditChain, type ChainName } from '../db/chains.js';
import { latestCheckpoint, parseExportedCheckpoint, exportCheckpoint, type Checkpoint } from '../db/checkpoints.js';
import { recordAudit } from '../db/audit.js';
import { sealAuditLog } from '../jobs/audit-sequencer.js';
import { generateAuditKeyPem, parseAuditKey } from '../security/audit-key.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const key = parseAuditKey(generateAuditKeyPem());

/**
 * What an insider with only database access can do: renumber a chain's rows from 1 and recompute
 * every hash and the head from what the tables hold. No key is needed for that.
 */
async function rechain(db: Kysely<Database>, chain: ChainName): Promise<void> {
  const rows = await chains[chain].chained(db, 1, 2 ** 31 - 1, 1_000_000);
  await db.transaction().execute(async (trx) => {
    if (chain === 'audit') await trx.updateTable('audit_entries').set({ seq: null }).execute();
    else await trx.updateTable('events').set({ chain_seq: null }).execute();
    let prev = genesisHash;
    let seq = 0;
    for (const row of rows) {
      seq += 1;
      const hash = row.compute(prev, seq);
      await chains[chain].place(trx, row.id, seq, prev, hash);
      prev = hash;
    }
    await trx.updateTable('chain_heads').set({ seq, hash: prev }).where('chain', '=', chain).execute();
  });
}

const problemCodes = (report: { problems: { code: string }[] }) => [...new Set(report.problems.map((problem) => problem.code))];

for (const kind of databaseKinds) {
  describe(`the audit log against an insider, on ${kind}`, () => {
    let world: World;
    let exported: Checkpoint;
    const seal = () => sealAuditLog({ db: world.ctx.db, adapter: world.ctx.adapter, now: world.ctx.now, key, checkpointEverySeconds: 0 });

    beforeEach(async () => {
      world = await buildWorld(kind);
      for (let i = 0; i < 3; i += 1) await buildCase(world);
      await seal();
      const latest = await latestCheckpoint(world.ctx.db);
      if (!latest) throw new Error('No checkpoint was written.');
      // The copy kept off the machine goes through its export format, as an operator's file would.
      exported = parseExportedCheckpoint(exportCheckpoint(latest));
    });
    afterEach(() => world.dispose());

    it('finds an untouched log intact, signatures and all, and still reaching the exported checkpoint', async () => {
      await buildCase(world);
      const report = await verifyAudit(world.ctx.db, { key, exported });
      expect(report).toMatchObject({ ok: true, signaturesChecked: true, exportedChecked: true, problems: [] });
      // The case opened after the last pass is counted as waiting, not judged.
      expect(report.audit.pending).toBeGreaterThan(0);
      await seal();
      const after = await verifyAudit(world.ctx.db, { key, exported });
      expect(after).toMatchObject({ ok: true, unsigned: { audit: 0, events: 0 } });
      expect(after.audit.entries).toBeGreaterThan(exported.audit.seq);
    });

    it('detects entries deleted and the chain recomputed from what the database holds', async () => {
      await buildCase(world);
      await seal();
      await world.ctx.db.deleteFrom('audit_entries').where('seq', '=', 4).execute();
      await rechain(world.ctx.db, 'audit');
      // The chain alone now looks perfect: that is exactly what a database owner can fake.
      expect((await verifyAuditChain(world.ctx.db)).ok).toBe(true);
      const report = await verifyAudit(world.ctx.db, { key });
      expect(report.ok).toBe(false);
      expect(problemCodes(report)).toContain('checkpoint_mismatch');

      // Deleting the checkpoints too leaves none, and the exported copy still disagrees.
      await world.ctx.db.deleteFrom('audit_checkpoints').execute();
      expect(problemCodes(await verifyAudit(world.ctx.db, { key }))).toEqual(['no_checkpoint']);
      expect(problemCodes(await verifyAudit(world.ctx.db, { key, exported }))).toEqual(expect.arrayContaining(['exported_mismatch']));
    });

    it('detects a log cut back before the exported checkpoint, even with the later checkpoints removed', async () => {
      const head = exported.audit.seq;
      await world.ctx.db.deleteFrom('audit_entries').where('seq', '>', head - 3).execute();
      await rechain(world.ctx.db, 'audit');
      await world.ctx.db.deleteFrom('audit_checkpoints').where('audit_seq', '>', head - 3).execute();
      // An earlier checkpoint survives so the cut is not obvious from the database alone.
      expect((await verifyAudit(world.ctx.db, { key })).problems.every((problem) => problem.code !== 'chain_broken')).toBe(true);
      const report = await verifyAudit(world.ctx.db, { key, exported });
      expect(report.ok).toBe(false);
      expect(problemCodes(report)).toContain('exported_cut_back');
    });

    it('detects an acknowledgement moved back in time to look punctual, on the timeline', async () => {
      const opened = await buildCase(world);
      const assigned = await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
      const assignmentId = assigned.assignments[0]?.id ?? '';
      world.time.advance(days(5));
      await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: opened.id, assignmentId, step: 'acknowledge' });
      await seal();
      expect((await verifyAudit(world.ctx.db, { key })).ok).toBe(true);

      const ack = await world.ctx.db.selectFrom('events').selectAll().where('case_id', '=', opened.id).where('type', '=', 'assignment.acknowledged').executeTakeFirstOrThrow();
      expect(JSON.parse(ack.data)).toMatchObject({ late: true });
      const notified = await world.ctx.db.selectFrom('events').select('at').where('case_id', '=', opened.id).where('type', '=', 'assignment.notified').executeTakeFirstOrThrow();
      await world.ctx.db
        .updateTable('events')
        .set({ at: notified.at, data: ack.data.replace('"late":true', '"late":false') })
        .where('id', '=', ack.id)
        .execute();
      const edited = await verifyAudit(world.ctx.db, { key });
      expect(edited.ok).toBe(false);
      expect(edited.problems).toContainEqual(expect.objectContaining({ code: 'chain_broken', chain: 'events' }));

      await rechain(world.ctx.db, 'events');
      expect(problemCodes(await verifyAudit(world.ctx.db, { key }))).toContain('checkpoint_mismatch');
    });

    it('refuses checkpoints signed with any other key', async () => {
      const forger = parseAuditKey(generateAuditKeyPem());
      await world.ctx.db.transaction().execute((trx) => recordAudit(trx, { at: world.ctx.now(), actorId: null, action: 'case.nothing_to_see', subjectType: 'case', subjectId: null }));
      await sealAuditLog({ db: world.ctx.db, adapter: world.ctx.adapter, now: world.ctx.now, key: forger, checkpointEverySeconds: 0 });
      const report = await verifyAudit(world.ctx.db, { key });
      expect(problemCodes(report)).toEqual(['checkpoint_bad_signature']);
      // A forged file fails the same way.
      const forgedFile = { ...exported, signature: forger.sign('anything') };
      expect(problemCodes(await verifyAudit(world.ctx.db, { key, exported: forgedFile }))).toContain('exported_bad_signature');
    });
  });
}
