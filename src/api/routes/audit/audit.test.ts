import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { collectiveVisit, expectError, get, openCaseId, post } from '../../../../test/requests.js';
import { sealAuditLog } from '../../../jobs/audit-sequencer.js';
import { generateAuditKeyPem, parseAuditKey } from '../../../security/audit-key.js';

interface Entry {
  id: number;
  seq: number | null;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectId: string | null;
  caseId: string | null;
  caseReference: string | null;
  detail: Record<string, unknown>;
}
interface AuditPage {
  items: Entry[];
  nextCursor: string | null;
}

const key = parseAuditKey(generateAuditKeyPem());

/** The leader's break-glass read of a case's names and contacts. */
const reveal = (world: ApiWorld, caseId: string) =>
  post(world, 'leader', `/api/v1/cases/${caseId}/personal-data/reveal`, { reason: 'Checking who leads the delegation before the meeting' });

describe.each(databaseKinds)('the audit log API on %s', (kind) => {
  let world: ApiWorld;
  let caseId = '';
  let reference = '';

  beforeAll(async () => {
    world = await buildApiWorld(kind, { auditKey: key });
    caseId = await openCaseId(world, collectiveVisit());
    world.time.advance(60_000);
    // A leader, who does not see names by default, reveals them with a reason: that read is in the
    // log with the reader.
    const detail = expectStatus<{ reference: string }>(await get(world, 'leader', `/api/v1/cases/${caseId}`), 200);
    reference = detail.reference;
    expectStatus(await reveal(world, caseId), 200);
    await sealAuditLog({ db: world.ctx.db, adapter: world.ctx.adapter, now: world.ctx.now, key, checkpointEverySeconds: 0 });
  });
  afterAll(() => world.dispose());

  it('is read by auditors and admins only', async () => {
    expectError(await get(world, 'anonymous', '/api/v1/audit'), 401, 'unauthenticated');
    for (const who of ['coordinator', 'unit_officer', 'leader'] as const) {
      expectError(await get(world, who, '/api/v1/audit'), 403, 'forbidden');
      expectError(await post(world, who, '/api/v1/audit/verify'), 403, 'forbidden');
    }
    expectError(await post(world, 'anonymous', '/api/v1/audit/verify'), 401, 'unauthenticated');
    expectStatus(await get(world, 'admin', '/api/v1/audit'), 200);
    expectStatus(await get(world, 'auditor', '/api/v1/audit'), 200);
  });

  it('names the field of a bad filter', async () => {
    expectError(await get(world, 'auditor', '/api/v1/audit?from=yesterday'), 400, 'validation_failed', 'from');
    expectError(await get(world, 'auditor', '/api/v1/audit?limit=0'), 400, 'validation_failed', 'limit');
    expectError(await get(world, 'auditor', '/api/v1/audit?action=DROP%20TABLE'), 400, 'validation_failed', 'action');
    expectError(await get(world, 'auditor', '/api/v1/audit?cursor=nonsense'), 400, 'validation_failed', 'cursor');
  });

  it('filters by actor, action, subject (id or case reference) and time, newest first, linking each entry to its case', async () => {
    const reads = expectStatus<AuditPage>(await get(world, 'auditor', `/api/v1/audit?action=case.personal_data.break_glass&actor=${world.users.leader.id}`), 200);
    expect(reads.items).toHaveLength(1);
    expect(reads.items[0]).toMatchObject({ actorName: world.users.leader.name, caseId, caseReference: reference, detail: { representatives: 5 } });
    expect(reads.items[0]?.seq).toEqual(expect.any(Number));

    const byReference = expectStatus<AuditPage>(await get(world, 'auditor', `/api/v1/audit?subject=${reference}`), 200);
    const byId = expectStatus<AuditPage>(await get(world, 'auditor', `/api/v1/audit?subject=${caseId}`), 200);
    expect(byReference.items.map((entry) => entry.action)).toEqual(byId.items.map((entry) => entry.action));
    // Opening the case showed its creator the names too, so that read is logged as well.
    expect(byId.items.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['case.personal_data.break_glass', world.users.leader.id],
      ['case.personal_data.read', world.users.coordinator.id],
      ['case.open', world.users.coordinator.id],
    ]);

    const prefix = expectStatus<AuditPage>(await get(world, 'auditor', '/api/v1/audit?action=case.*'), 200);
    expect(prefix.items.every((entry) => entry.action.startsWith('case.'))).toBe(true);
    const opened = byId.items[2]?.at ?? '';
    const later = expectStatus<AuditPage>(await get(world, 'auditor', `/api/v1/audit?subject=${caseId}&from=${new Date(Date.parse(opened) + 1).toISOString()}`), 200);
    expect(later.items.map((entry) => entry.actorId)).toEqual([world.users.leader.id]);
    const earlier = expectStatus<AuditPage>(await get(world, 'auditor', `/api/v1/audit?subject=${caseId}&to=${new Date(Date.parse(opened) + 1).toISOString()}`), 200);
    expect(earlier.items.map((entry) => entry.action)).toEqual(['case.personal_data.read', 'case.open']);
  });

  it('pages with a cursor through every entry once', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: AuditPage = expectStatus<AuditPage>(await get(world, 'auditor', `/api/v1/audit?limit=3${query}`), 200);
      seen.push(...page.items.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await world.ctx.db.selectFrom('audit_entries').select('id').orderBy('id', 'desc').execute();
    expect(seen).toEqual(all.map((row) => row.id));
  });

  it('exports the filtered log as CSV with a header row in the reader’s language', async () => {
    const response = await world.as('auditor', { method: 'GET', url: `/api/v1/audit?subject=${caseId}&lang=zh`, headers: { accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toContain('操作人');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('case.open');
    expect(lines[3]).toContain(reference);
    expect(lines[3]).toContain(world.users.leader.name);
    // The staff app's download link asks with ?format=csv, since a link cannot set Accept.
    const linked = await get(world, 'auditor', `/api/v1/audit?subject=${caseId}&format=csv&lang=en`);
    expect(linked.headers['content-type']).toMatch(/^text\/csv/);
    expect(linked.body).toContain('Case reference');
  });

  it('verifies the chains and signatures for the auditor, and reports entries still waiting to be chained', async () => {
    const report = expectStatus<{ ok: boolean; signaturesChecked: boolean; checkpoints: number; audit: { pending: number } }>(await post(world, 'auditor', '/api/v1/audit/verify'), 200);
    expect(report).toMatchObject({ ok: true, signaturesChecked: true, checkpoints: 1, audit: { pending: 0 } });
    await reveal(world, caseId);
    const waiting = expectStatus<{ ok: boolean; audit: { pending: number } }>(await post(world, 'admin', '/api/v1/audit/verify'), 200);
    expect(waiting).toMatchObject({ ok: true, audit: { pending: 1 } });

    await world.ctx.db.updateTable('audit_entries').set({ action: 'case.nothing_to_see' }).where('action', '=', 'case.open').execute();
    const broken = expectStatus<{ ok: boolean; problems: { code: string; chain: string }[] }>(await post(world, 'auditor', '/api/v1/audit/verify'), 200);
    expect(broken.ok).toBe(false);
    expect(broken.problems).toContainEqual(expect.objectContaining({ code: 'chain_broken', chain: 'audit' }));
  });
});
