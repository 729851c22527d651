import type { Kysely, Transaction } from 'kysely';
import { clocksIn, voidingStop, type Rest } from '../../core/clock-stops.js';
import { stages, type Stage } from '../../core/types.js';
import type { DialectAdapter } from '../adapter.js';
import { recordAudit } from '../audit.js';
import { appendEvent } from '../events.js';
import type { Database } from '../schema.js';

const resting = (stage: unknown): boolean => stages.includes(stage as Stage) && clocksIn[stage as Stage] === 'stop';
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * A case at rest stops its units' clocks (core/clock-stops.ts). Until now a closed or not-accepted case
 * kept them running, and the scanner recorded misses against units after the case was over. This
 * records when each unit's clocks stopped, stops the clocks still running on resting cases, and
 * voids every miss recorded against a clock the case had stopped before it ran out: a
 * `deadline.voided` event in the case's timeline (the report leaves voided misses out) and an audit entry.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('assignments').addColumn('clocks_stopped_at', adapter.timestamp).execute();
  const typed = db as unknown as Kysely<Database>;
  // PostgreSQL runs each migration in a transaction already; SQLite's migrator does not.
  if (typed.isTransaction) await repair(typed as Transaction<Database>);
  else await typed.transaction().execute((trx) => repair(trx));
}

/** Stops the clocks of cases at rest and voids the misses recorded against them; exported for its test. */
export async function repair(trx: Transaction<Database>, now = new Date().toISOString()): Promise<void> {
  const changes = await trx
    .selectFrom('events')
    .select(['case_id', 'at', 'data'])
    .where('type', '=', 'stage.changed')
    .orderBy('case_id')
    .orderBy('id')
    .execute();
  // Each case's spells at rest: when it entered a resting stage and when (if ever) it left it.
  const rests = new Map<string, Rest[]>();
  for (const change of changes) {
    const to = (JSON.parse(change.data) as Record<string, unknown>).to;
    const spells = rests.get(change.case_id) ?? [];
    const open = spells.at(-1);
    if (open && open.leftAt === null && !resting(to)) open.leftAt = change.at;
    if (resting(to) && (!open || open.leftAt !== null)) spells.push({ at: change.at, leftAt: null });
    rests.set(change.case_id, spells);
  }
  if (rests.size === 0) return;

  const assignments = await trx.selectFrom('assignments').select(['id', 'case_id', 'notified_at', 'released_at']).execute();
  const notified = new Map(assignments.map((assignment) => [assignment.id, assignment.notified_at]));
  for (const assignment of assignments) {
    const first = (rests.get(assignment.case_id) ?? []).find((spell) => spell.at >= assignment.notified_at);
    if (!first || (assignment.released_at !== null && assignment.released_at <= first.at)) continue;
    await trx.updateTable('assignments').set({ clocks_stopped_at: first.at }).where('id', '=', assignment.id).execute();
    await trx
      .updateTable('deadlines')
      .set({ done_at: first.at })
      .where('subject', '=', assignment.id)
      .where('done_at', 'is', null)
      .execute();
  }
  const restingCases = await trx
    .selectFrom('cases')
    .select(['id', 'stage', 'stage_changed_at'])
    .where('stage', 'in', stages.filter((stage) => clocksIn[stage] === 'stop'))
    .execute();
  for (const row of restingCases) {
    await trx
      .updateTable('deadlines')
      .set({ done_at: row.stage_changed_at })
      .where('case_id', '=', row.id)
      .where('subject', '=', 'case')
      .where('done_at', 'is', null)
      .execute();
  }

  const misses = await trx
    .selectFrom('events')
    .select(['case_id', 'at', 'data'])
    .where('type', '=', 'deadline.missed')
    .where('case_id', 'in', [...rests.keys()])
    .orderBy('id')
    .execute();
  const already = await trx.selectFrom('events').select('data').where('type', '=', 'deadline.voided').execute();
  const voidedBefore = new Set(already.map((row) => {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    return `${text(data.deadlineId)}|${text(data.missedAt)}`;
  }));
  for (const miss of misses) {
    const data = JSON.parse(miss.data) as Record<string, unknown>;
    const deadlineId = text(data.deadlineId);
    const subject = text(data.subject);
    const dueAt = text(data.dueAt);
    if (!deadlineId || !subject || !dueAt || voidedBefore.has(`${deadlineId}|${miss.at}`)) continue;
    const spells = rests.get(miss.case_id) ?? [];
    const notifiedAt = subject === 'case' ? null : (notified.get(subject) ?? null);
    const stoppedAt = voidingStop({ subject, dueAt, missedAt: miss.at }, spells, notifiedAt);
    if (stoppedAt === null) continue;
    const voided = { deadlineId, kind: data.kind, subject, unitId: data.unitId ?? null, unitName: data.unitName ?? null, dueAt, missedAt: miss.at, stoppedAt, reason: 'case_at_rest' };
    await appendEvent(trx, { caseId: miss.case_id, type: 'deadline.voided', actorId: null, at: now, data: voided });
    await recordAudit(trx, {
      at: now,
      actorId: null,
      action: 'deadline.voided',
      subjectType: 'case',
      subjectId: miss.case_id,
      detail: { deadlineId, kind: data.kind, missedAt: miss.at, stoppedAt, by: 'migration 005' },
    });
  }
}
