import type { Static } from 'typebox';
import type { PersonalChargeReport } from '../contract/leaders.js';
import { forbidden, invalid } from '../core/errors.js';
import { chargeOutcomes, satisfiedRating, type ChargedCase } from '../core/personal-charge.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import type { Context } from '../context/context.js';

/**
 * The report of cases in personal charge (包案), a section of the accountability report: per leader,
 * the cases whose charge was taken in [from, to) and still held, how many concluded by `to` and of
 * those on time, how many the petitioner rated and of those satisfied (rating 4 or 5).
 */
export async function personalChargeReport(ctx: Context, props: { actor: Actor; from?: string; to?: string }): Promise<Static<typeof PersonalChargeReport>> {
  if (!can(props.actor, 'report.read')) throw forbidden();
  const to = props.to ?? ctx.now();
  if (props.from !== undefined && props.from >= to) throw invalid('from', 'must be before to.', { code: 'invalid' });
  // Migration 041's cases_in_charge index holds only the cases in personal charge.
  let query = ctx.db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.leader_in_charge_id')
    .select(['cases.id', 'cases.leader_in_charge_id', 'users.name as leader_name', 'cases.concluded_at', 'cases.conclude_due_at'])
    .select((eb) =>
      eb.selectFrom('feedback').select('feedback.rating').whereRef('feedback.case_id', '=', 'cases.id').orderBy('feedback.created_at', 'desc').orderBy('feedback.id', 'desc').limit(1).as('rating'),
    )
    .where('cases.leader_in_charge_id', 'is not', null)
    .where('cases.leader_in_charge_at', '<', to);
  if (props.from !== undefined) query = query.where('cases.leader_in_charge_at', '>=', props.from);
  const rows = await query.execute();
  const names = new Map<string, string>();
  const cases: ChargedCase[] = [];
  for (const row of rows) {
    if (row.leader_in_charge_id === null || row.leader_in_charge_id === undefined) continue;
    names.set(row.leader_in_charge_id, row.leader_name);
    cases.push({ leaderId: row.leader_in_charge_id, concludedAt: row.concluded_at, concludeDueAt: row.conclude_due_at, rating: row.rating === null || row.rating === undefined ? null : Number(row.rating) });
  }
  const leaders = chargeOutcomes(cases, to)
    .map((outcome) => ({ ...outcome, leaderName: names.get(outcome.leaderId) ?? '' }))
    .sort((a, b) => b.cases - a.cases || a.leaderName.localeCompare(b.leaderName) || a.leaderId.localeCompare(b.leaderId));
  return { from: props.from ?? null, to, satisfiedRating, leaders };
}
