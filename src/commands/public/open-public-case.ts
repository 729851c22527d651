import { refused } from '../../core/errors.js';
import type { CaseFlag } from '../../core/flags.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import { loadCurrentPlan } from '../../db/repositories/plans.js';
import type { Context, Trx } from '../../context/context.js';
import { claimIdempotencyKey, type IdempotencyKey } from '../support/idempotency.js';
import { insertCase } from '../support/insert-case.js';
import { petitionProblems, problemError, type PetitionInput } from './petition-input.js';

/** How a petition reached us from the public, for the case, its timeline and the audit log. */
interface PublicOrigin {
  channel: 'online' | 'open311';
  /** The door it came through. */
  via: 'portal' | 'public_api' | 'open311';
  flags?: CaseFlag[];
  /** More for the audit entry, e.g. which Open311 client sent it. */
  audit?: Record<string, unknown>;
}

/**
 * Registers a petition from the public as an ordinary case under the current published plan: it
 * opens in reception with the 15-day acceptance clock running, like a letter the office logs, but
 * no staff member did it, so the timeline and audit log name no actor. `attach` writes what the
 * door adds (an access code, an Open311 record, the answer kept under an idempotency key) in the
 * same transaction; the key itself is claimed before anything is written.
 *
 * Shares `insertCase` with `openCase`; `open-public-case.test.ts` checks the two write the same
 * kind of case.
 */
export async function openPublicCase<T>(
  ctx: Context,
  props: { input: PetitionInput; origin: PublicOrigin; idempotency?: IdempotencyKey | undefined },
  attach: (trx: Trx, row: CaseRow) => Promise<T>,
): Promise<{ row: CaseRow; attached: T }> {
  const { input, origin } = props;
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (props.idempotency) await claimIdempotencyKey(ctx, trx, props.idempotency);
    const loaded = await loadCurrentPlan(trx);
    if (!loaded) throw refused('no_published_plan', 'Petitions cannot be taken right now: no plan has been published.', {});
    const { row: plan, document } = loaded;
    const problems = petitionProblems(input, document.categories.map((category) => category.code));
    const first = problems[0];
    if (first) throw problemError(first);
    const flags = origin.flags ?? [];
    let attached: T | undefined;
    const row = await insertCase(ctx, trx, {
      plan: { id: plan.id, key: plan.key, document },
      routing: { areaUnitId: null },
      kind: input.kind,
      channel: origin.channel,
      urgency: 'normal',
      category: input.category,
      title: input.title,
      description: input.description,
      location: input.location ?? null,
      headcount: input.kind === 'individual' ? 1 : (input.headcount ?? null),
      receivedAt: now,
      receiveTogether: false,
      representatives: input.kind === 'collective' ? (input.representatives ?? []) : [],
      petitioner: input.petitioner ?? null,
      flags,
      actorId: null,
      eventData: { from: 'the public', via: origin.via, anonymous: !input.petitioner?.name && !input.petitioner?.contact },
      auditDetail: { from: 'the public', via: origin.via, flags, ...origin.audit },
      alongside: async (inner, created) => {
        attached = await attach(inner, created);
      },
    });
    return { row, attached: attached as T };
  });
  const caseId = result.row.id;
  ctx.changes.publish({ caseId, type: 'case.opened', at: now });
  return result;
}
