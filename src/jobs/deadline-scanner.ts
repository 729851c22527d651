import { escalationChain } from '../core/deadline-rows.js';
import { addMinutes, defaultEscalateAfterMinutes } from '../core/deadlines.js';
import { runCaseBatch } from '../commands/support/case-command.js';
import type { Context, Trx } from '../context/context.js';
import { loadPlan } from '../db/repositories/plans.js';
import { enqueue, type Audience } from '../notifications/outbox.js';

const audienceOf = (level: 'office' | 'leadership_group'): Audience => ({ role: level === 'office' ? 'coordinator' : 'leader' });

interface DueRow {
  id: string;
  case_id: string;
  subject: string;
  kind: string;
  unit_id: string | null;
  due_at: string;
  reference: string;
  title: string;
  plan_id: string;
  unit_name: string | null;
}

async function claim(ctx: Context, trx: Trx, which: 'missed' | 'escalate', now: string, batch: number): Promise<DueRow[]> {
  let query = trx
    .selectFrom('deadlines')
    .innerJoin('cases', 'cases.id', 'deadlines.case_id')
    .leftJoin('units', 'units.id', 'deadlines.unit_id')
    .select([
      'deadlines.id',
      'deadlines.case_id',
      'deadlines.subject',
      'deadlines.kind',
      'deadlines.unit_id',
      'deadlines.due_at',
      'cases.reference',
      'cases.title',
      'cases.plan_id',
      'units.name as unit_name',
    ])
    .where('deadlines.done_at', 'is', null);
  query =
    which === 'missed'
      ? query.where('deadlines.missed_at', 'is', null).where('deadlines.due_at', '<', now).orderBy('deadlines.due_at')
      : query.where('deadlines.escalated_at', 'is', null).where('deadlines.escalate_at', 'is not', null).where('deadlines.escalate_at', '<', now).orderBy('deadlines.escalate_at');
  query = query.limit(batch);
  // Several workers on PostgreSQL each take different rows; SQLite has one writer at a time anyway.
  if (ctx.adapter.supportsRowLocks) query = query.forUpdate('deadlines').skipLocked();
  return query.execute();
}

async function escalateAfter(trx: Trx, planId: string, cache: Map<string, number>): Promise<number> {
  const known = cache.get(planId);
  if (known !== undefined) return known;
  const plan = await loadPlan(trx, planId);
  if (!plan) throw new Error(`No plan ${planId}.`);
  const minutes = plan.document.deadlines.escalateAfterMinutes ?? defaultEscalateAfterMinutes;
  cache.set(planId, minutes);
  return minutes;
}

/**
 * Records every clock that has run out, once: a `deadline.missed` event, an audit entry, and a
 * notification to the next level of the plan's chain (unit → office → leadership group). A unit's
 * clock still not done some time later goes up once more. Work grows with the number of due
 * clocks, not of cases; each batch is one transaction, so a crash loses nothing and repeats nothing.
 */
export async function scanDeadlines(ctx: Context, batch = 100): Promise<{ missed: number; escalated: number }> {
  const planCache = new Map<string, number>();
  const totals = { missed: 0, escalated: 0 };
  for (const which of ['missed', 'escalate'] as const) {
    for (;;) {
      const handled = await runCaseBatch(ctx, {
        by: { kind: 'system' },
        claim: (trx, now) => claim(ctx, trx, which, now, batch),
        work: async (trx, row, now) => {
          const chain = escalationChain(row.subject);
          const level = which === 'missed' ? chain.first : chain.then;
          if (level === null) return null;
          const data = { deadlineId: row.id, kind: row.kind, subject: row.subject, unitId: row.unit_id, unitName: row.unit_name, dueAt: row.due_at, reference: row.reference, title: row.title, notified: level };
          if (which === 'missed') {
            const escalateAt = chain.then ? addMinutes(now, await escalateAfter(trx, row.plan_id, planCache)) : null;
            const updated = await trx
              .updateTable('deadlines')
              .set({ missed_at: now, escalate_at: escalateAt })
              .where('id', '=', row.id)
              .where('missed_at', 'is', null)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) return null;
          } else {
            const updated = await trx
              .updateTable('deadlines')
              .set({ escalated_at: now })
              .where('id', '=', row.id)
              .where('escalated_at', 'is', null)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) return null;
          }
          const type = which === 'missed' ? 'deadline.missed' : 'deadline.escalated';
          const audiences: Audience[] = [audienceOf(level)];
          // The late unit hears of it too, so it can still act.
          if (which === 'missed' && row.unit_id && row.subject !== 'case') audiences.push({ unitId: row.unit_id });
          await enqueue(ctx, trx, audiences, { template: type, caseId: row.case_id, data });
          // The miss is the deadline row's own; the case row and its clocks are left as they are.
          return {
            caseId: row.case_id,
            row: null,
            change: { event: { type, data }, audit: { action: type, detail: { deadlineId: row.id, kind: row.kind } } },
          };
        },
      });
      totals[which === 'missed' ? 'missed' : 'escalated'] += handled.done.length;
      if (handled.claimed < batch) break;
    }
  }
  return totals;
}
