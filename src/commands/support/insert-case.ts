import { randomBytes } from 'node:crypto';
import { caseNextDueAt } from '../../core/case-deadlines.js';
import { acceptDueAt } from '../../core/deadlines.js';
import { storedFlags, type CaseFlag } from '../../core/flags.js';
import type { PlanDocument } from '../../core/plan.js';
import { caseReference } from '../../core/reference.js';
import type { CaseKind, Channel, Urgency } from '../../core/types.js';
import { recordAudit } from '../../db/audit.js';
import { appendEvent } from '../../db/events.js';
import { referenceTaken, type CaseRow } from '../../db/repositories/cases.js';
import { caseDueTimes } from '../../presenters/case-view.js';
import { jurisdiction, type Context, type Trx } from '../../context/context.js';
import { proposeRouting } from '../routing.js';
import { syncDeadlineRows } from './sync-deadline-rows.js';

async function uniqueReference(trx: Trx, year: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = caseReference(year, randomBytes(8));
    if (!(await referenceTaken(trx, reference))) return reference;
  }
  throw new Error('Could not find a free case reference.');
}

/** A case about to be written, already validated by the command that opens it. */
interface NewCase {
  plan: { id: string; key: string; document: PlanDocument };
  kind: CaseKind;
  channel: Channel;
  urgency: Urgency;
  category: string;
  title: string;
  description: string;
  location: string | null;
  headcount: number | null;
  receivedAt: string;
  receiveTogether: boolean;
  representatives: readonly { name: string; contact?: string | null }[];
  petitioner: { name?: string | null; contact?: string | null } | null;
  flags: readonly CaseFlag[];
  /** The staff member who registered it; null for a petition from the public. */
  actorId: string | null;
  /** What the opening event and the audit entry say besides the basics (e.g. which door it came through). */
  eventData?: Record<string, unknown>;
  auditDetail?: Record<string, unknown>;
  /**
   * The routing catalogue's proposal (commands/routing.ts): the area the petition comes from when the
   * door knows it (else read from the location); null when nothing is to be proposed (a unit's own report).
   */
  routing: { areaUnitId: string | null } | null;
  /** Writes that belong to the opening (a unit's own assignment, an access code) before clocks are set. */
  alongside?: (trx: Trx, row: CaseRow) => Promise<void>;
}

/**
 * Writes a new case — row, sealed personal data, clocks, opening event, audit entry — in the
 * caller's transaction. A unit's report of a forming grievance opens in prevention, where no
 * acceptance clock runs yet; everything else opens in reception with the clock running from when
 * it actually arrived. Every way a case is opened goes through here.
 */
export async function insertCase(ctx: Context, trx: Trx, input: NewCase): Promise<CaseRow> {
  const now = ctx.now();
  const seal = (value: string | null | undefined) => (value && value.trim() !== '' ? ctx.sealer.seal(value.trim()) : null);
  const stage = input.channel === 'unit_report' ? 'prevention' : 'reception';
  const row: CaseRow = {
    id: ctx.newId(),
    reference: await uniqueReference(trx, new Date(input.receivedAt).getUTCFullYear()),
    plan_id: input.plan.id,
    kind: input.kind,
    channel: input.channel,
    urgency: input.urgency,
    category: input.category,
    title: input.title.trim(),
    description: input.description.trim(),
    location: input.location?.trim() || null,
    headcount: input.headcount ?? (input.kind === 'individual' ? 1 : null),
    stage,
    stage_changed_at: now,
    not_accepted_reason: null,
    receive_together: input.receiveTogether ? 1 : 0,
    received_at: input.receivedAt,
    created_at: now,
    created_by: input.actorId,
    updated_at: now,
    accept_due_at: stage === 'reception' ? acceptDueAt(input.plan.document.deadlines, input.receivedAt, jurisdiction(ctx)) : null,
    accepted_at: null,
    conclude_due_at: null,
    concluded_at: null,
    review_request_due_at: null,
    review_count: 0,
    review_started_at: null,
    review_due_at: null,
    review_concluded_at: null,
    next_due_at: null,
    paused_at: null,
    closed_at: null,
    petitioner_name_sealed: seal(input.petitioner?.name),
    petitioner_contact_sealed: seal(input.petitioner?.contact),
    lead_unit_id: null,
    extension_days: null,
    extension_reason: null,
    extended_at: null,
    extension_request_days: null,
    extension_request_reason: null,
    extension_requested_at: null,
    extension_requested_by: null,
    flags: storedFlags([...input.flags]),
  };
  row.next_due_at = caseNextDueAt(caseDueTimes(row));
  await trx.insertInto('cases').values(row).execute();
  if (input.representatives.length > 0) {
    // One statement for all of them (a round trip each on PostgreSQL otherwise).
    await trx
      .insertInto('representatives')
      .values(
        input.representatives.map((rep, index) => ({
          id: ctx.newId(),
          case_id: row.id,
          position: index + 1,
          name_sealed: ctx.sealer.seal(rep.name.trim()),
          contact_sealed: seal(rep.contact),
          created_at: now,
        })),
      )
      .execute();
  }
  await appendEvent(trx, {
    caseId: row.id,
    type: 'case.opened',
    actorId: input.actorId,
    at: now,
    data: {
      stage,
      kind: row.kind,
      channel: row.channel,
      urgency: row.urgency,
      receivedAt: row.received_at,
      representatives: input.representatives.length,
      ...(input.flags.length > 0 ? { flags: [...input.flags] } : {}),
      ...input.eventData,
    },
  });
  await input.alongside?.(trx, row);
  if (input.routing) await proposeRouting(ctx, trx, row, { planKey: input.plan.key, areaUnitId: input.routing.areaUnitId });
  await syncDeadlineRows(ctx, trx, row);
  await recordAudit(trx, {
    at: now,
    actorId: input.actorId,
    action: 'case.open',
    subjectType: 'case',
    subjectId: row.id,
    detail: { reference: row.reference, receivedAt: row.received_at, ...input.auditDetail },
  });
  return row;
}
