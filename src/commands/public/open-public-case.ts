import { randomBytes } from 'node:crypto';
import { caseNextDueAt } from '../../core/case-clock.js';
import { acceptDueAt } from '../../core/deadlines.js';
import { DomainError } from '../../core/errors.js';
import { storedFlags, type CaseFlag } from '../../core/flags.js';
import { caseReference } from '../../core/reference.js';
import { recordAudit } from '../../db/audit.js';
import { appendEvent } from '../../db/events.js';
import { referenceTaken, type CaseRow } from '../../db/repositories/cases.js';
import { findCurrentPlan, planDocument } from '../../db/repositories/plans.js';
import { caseClock } from '../case-view.js';
import { jurisdiction, type Context, type Trx } from '../context.js';
import { syncClocks } from '../sync-clocks.js';
import { petitionProblems, problemError, type PetitionInput } from './petition-input.js';

/** How a petition reached us from the public, for the case, its timeline and the audit log. */
export interface PublicOrigin {
  channel: 'online' | 'open311';
  /** The door it came through. */
  via: 'portal' | 'public_api' | 'open311';
  flags?: CaseFlag[];
  /** More for the audit entry, e.g. which Open311 client sent it. */
  audit?: Record<string, unknown>;
}

async function uniqueReference(trx: Trx, year: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = caseReference(year, randomBytes(8));
    if (!(await referenceTaken(trx, reference))) return reference;
  }
  throw new Error('Could not find a free case reference.');
}

/**
 * Registers a petition from the public as an ordinary case under the current published plan: it
 * opens in reception with the 15-day acceptance clock running, like a letter the office logs, but
 * no staff member did it, so the timeline and audit log name no actor. `attach` writes what the
 * door adds (an access code, an Open311 record) in the same transaction.
 *
 * Mirrors `openCase` (open-case.ts), which needs a staff actor; `open-public-case.test.ts` checks
 * the two still write the same kind of case.
 */
export async function openPublicCase<T>(
  ctx: Context,
  props: { input: PetitionInput; origin: PublicOrigin },
  attach: (trx: Trx, row: CaseRow) => Promise<T>,
): Promise<{ row: CaseRow; attached: T }> {
  const { input, origin } = props;
  const now = ctx.now();
  const caseId = ctx.newId();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const plan = await findCurrentPlan(trx);
    if (!plan) throw new DomainError('conflict', 'Petitions cannot be taken right now: no plan has been published.');
    const document = planDocument(plan);
    const problems = petitionProblems(input, document.categories.map((category) => category.code));
    const first = problems[0];
    if (first) throw problemError(first);
    const seal = (value: string | undefined) => (value ? ctx.sealer.seal(value) : null);
    const representatives = input.kind === 'collective' ? (input.representatives ?? []) : [];
    const row: CaseRow = {
      id: caseId,
      reference: await uniqueReference(trx, new Date(now).getUTCFullYear()),
      plan_id: plan.id,
      kind: input.kind,
      channel: origin.channel,
      urgency: 'normal',
      category: input.category,
      title: input.title,
      description: input.description,
      location: input.location ?? null,
      headcount: input.kind === 'individual' ? 1 : (input.headcount ?? null),
      stage: 'reception',
      stage_changed_at: now,
      not_accepted_reason: null,
      receive_together: 0,
      received_at: now,
      created_at: now,
      created_by: null,
      updated_at: now,
      accept_due_at: acceptDueAt(document.deadlines, now, jurisdiction(ctx)),
      accepted_at: null,
      conclude_due_at: null,
      concluded_at: null,
      review_request_due_at: null,
      review_count: 0,
      review_started_at: null,
      review_due_at: null,
      review_concluded_at: null,
      next_due_at: null,
      closed_at: null,
      petitioner_name_sealed: seal(input.petitioner?.name),
      petitioner_contact_sealed: seal(input.petitioner?.contact),
      extension_days: null,
      extension_reason: null,
      extended_at: null,
      lead_unit_id: null,
      flags: storedFlags(origin.flags ?? []),
    };
    row.next_due_at = caseNextDueAt(caseClock(row));
    await trx.insertInto('cases').values(row).execute();
    for (const [index, rep] of representatives.entries()) {
      await trx
        .insertInto('representatives')
        .values({
          id: ctx.newId(),
          case_id: caseId,
          position: index + 1,
          name_sealed: ctx.sealer.seal(rep.name),
          contact_sealed: seal(rep.contact),
          created_at: now,
        })
        .execute();
    }
    const flags = origin.flags ?? [];
    await appendEvent(trx, {
      caseId,
      type: 'case.opened',
      actorId: null,
      at: now,
      data: {
        stage: row.stage,
        kind: row.kind,
        channel: row.channel,
        urgency: row.urgency,
        receivedAt: now,
        representatives: representatives.length,
        from: 'the public',
        via: origin.via,
        anonymous: !input.petitioner?.name && !input.petitioner?.contact,
        ...(flags.length > 0 ? { flags } : {}),
      },
    });
    await syncClocks(ctx, trx, row);
    const attached = await attach(trx, row);
    await recordAudit(trx, {
      at: now,
      actorId: null,
      action: 'case.open',
      subjectType: 'case',
      subjectId: caseId,
      detail: { reference: row.reference, receivedAt: now, from: 'the public', via: origin.via, flags, ...origin.audit },
    });
    return { row, attached };
  });
  ctx.changes.publish({ caseId, type: 'case.opened', at: now });
  return result;
}
