import type { CaseAction } from '../../core/policy.js';
import type { Actor } from '../../core/types.js';
import { recordAudit } from '../../db/audit.js';
import { appendEvent } from '../../db/events.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import type { CasesTable } from '../../db/schema.js';
import { caseFor } from './case-access.js';
import { updateCase } from './case-update.js';
import { syncDeadlineRows } from './sync-deadline-rows.js';
import type { CaseDetail } from '../../presenters/case-view.js';
import type { Context, Trx } from '../../context/context.js';
import { caseDetail } from '../get-case.js';

/** What a case write did, for the timeline and the audit log. */
export interface CaseChange {
  event: { type: string; data?: Record<string, unknown> };
  audit: { action: string; detail?: Record<string, unknown> };
  /**
   * Case fields the change sets: the case is marked updated and its clocks brought in line with them.
   * Absent when the write leaves the case row alone (a rating, a recorded miss, a purge).
   */
  changes?: Partial<CasesTable>;
}

/**
 * Who makes a write: a signed-in staff user, the petitioner (no account: the case's reference and
 * access code, checked by whoever locks the case), or the system itself (a job).
 */
type Writer = { kind: 'staff'; actor: Actor } | { kind: 'petitioner' } | { kind: 'system' };

/** The writer as the timeline and the audit log name it: a user's id, or no one (the petitioner, the system). */
function writerId(by: Writer): string | null {
  return by.kind === 'staff' ? by.actor.id : null;
}

/** The petitioner's writes say so in the timeline and the audit log, since they carry no user id. */
function signed(by: Writer, data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return by.kind === 'petitioner' ? { ...data, by: 'the petitioner' } : data;
}

/**
 * The steps every write to a case takes after its own work, inside the transaction that holds the
 * case's lock: the case's changed fields, its clocks, the timeline event and the audit entry.
 * `row` may be null for a change that sets no case field.
 * Returns the case as it now stands (null when no row was given).
 */
async function applyCaseChange(
  ctx: Context,
  trx: Trx,
  by: Writer,
  target: { caseId: string; row: CaseRow | null },
  change: CaseChange,
  now: string,
): Promise<CaseRow | null> {
  let updated = target.row;
  if (change.changes !== undefined) {
    if (target.row === null) throw new Error(`A change to case ${target.caseId} sets fields but was given no case row.`);
    updated = await updateCase(trx, target.row, change.changes, now);
    await syncDeadlineRows(ctx, trx, updated);
  }
  await appendEvent(trx, { caseId: target.caseId, type: change.event.type, actorId: writerId(by), at: now, data: signed(by, change.event.data) });
  await recordAudit(trx, {
    at: now,
    actorId: writerId(by),
    action: change.audit.action,
    subjectType: 'case',
    subjectId: target.caseId,
    detail: signed(by, change.audit.detail),
  });
  return updated;
}

/** One write to one case, by any writer. */
interface CaseWrite<Locked extends { row: CaseRow }, Result> {
  by: Writer;
  /** Finds the case and locks its row until the transaction ends, checking the writer may act on it. */
  lock: (trx: Trx) => Promise<Locked>;
  /** The write's own work: its rows, and what it changes on the case. */
  work: (trx: Trx, locked: Locked, now: string) => Promise<CaseChange>;
  /** What the caller gets back, read in the same transaction from the case as it now stands. */
  result: (trx: Trx, updated: CaseRow, locked: Locked, now: string) => Promise<Result>;
}

/**
 * The frame every write to a case shares, whoever makes it: one transaction, the case locked and
 * checked, the write's own work, then the case's fields, its clocks, its event and its audit entry —
 * all or nothing — and, once committed, the live views told.
 */
export async function runCaseWrite<Locked extends { row: CaseRow }, Result>(ctx: Context, write: CaseWrite<Locked, Result>): Promise<Result> {
  const now = ctx.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const locked = await write.lock(trx);
    const change = await write.work(trx, locked, now);
    const updated = (await applyCaseChange(ctx, trx, write.by, { caseId: locked.row.id, row: locked.row }, change, now)) as CaseRow;
    return { result: await write.result(trx, updated, locked, now), caseId: locked.row.id, type: change.event.type };
  });
  ctx.changes.publish({ caseId: done.caseId, type: done.type, at: now });
  return done.result;
}

/**
 * The same frame for a job that writes to many cases: each batch is one transaction, whose rows the
 * job claims (locked, skipping those another worker holds); each claimed item's change goes through
 * `applyCaseChange`, and the live views hear of every change once the batch is committed.
 * Returns how many items were claimed and which were changed (`work` returns null to pass one by).
 */
export async function runCaseBatch<Item>(
  ctx: Context,
  batch: {
    by: Writer;
    claim: (trx: Trx, now: string) => Promise<Item[]>;
    work: (trx: Trx, item: Item, now: string) => Promise<{ caseId: string; row: CaseRow | null; change: CaseChange } | null>;
  },
): Promise<{ claimed: number; done: Item[] }> {
  const now = ctx.now();
  const handled = await ctx.db.transaction().execute(async (trx) => {
    const items = await batch.claim(trx, now);
    const done: { item: Item; caseId: string; type: string }[] = [];
    for (const item of items) {
      const write = await batch.work(trx, item, now);
      if (write === null) continue;
      await applyCaseChange(ctx, trx, batch.by, write, write.change, now);
      done.push({ item, caseId: write.caseId, type: write.change.event.type });
    }
    return { claimed: items.length, done };
  });
  for (const item of handled.done) ctx.changes.publish({ caseId: item.caseId, type: item.type, at: now });
  return { claimed: handled.claimed, done: handled.done.map((item) => item.item) };
}

/**
 * The frame for staff writes: the case locked and checked for the action by `caseFor`, every
 * write marking the case updated, and the case as the actor may see it returned.
 */
export async function runCaseCommand(
  ctx: Context,
  props: { actor: Actor; caseId: string; action: CaseAction; reviewRequest?: boolean },
  work: (trx: Trx, row: CaseRow, unitIds: string[], now: string) => Promise<CaseChange>,
): Promise<CaseDetail> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { ...props, lock: true }),
    work: async (trx, { row, unitIds }, now) => {
      const change = await work(trx, row, unitIds, now);
      return { ...change, changes: change.changes ?? {} };
    },
    // The view reads the assignments anyway; the units still assigned come from those rows.
    result: (trx, updated) => caseDetail(ctx, trx, props.actor, updated),
  });
}
