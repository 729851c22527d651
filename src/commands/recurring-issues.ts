import type { Static } from 'typebox';
import type { RecurringIssues } from '../contract/case-links.js';
import { areaFromLocation } from '../core/catalogue.js';
import { issueGroups } from '../core/case-links.js';
import { forbidden } from '../core/errors.js';
import { categoryName, localText, type PlanDocument } from '../core/plan.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { reportReads, type Context } from '../context/context.js';
import { reportPeriod } from './reports.js';

type Report = Static<typeof RecurringIssues>;
type Group = Report['groups'][number];

/**
 * The issues that recur most (每月一题), per category and area, over a period (default: the last
 * 30 days): the cases received in it, joined into issues by the office's links and merges
 * (core/case-links.ts), an issue counted once per case received — a merged duplicate is not
 * counted again. Only issues of two cases or more are listed, the most cases first; every group
 * also counts all its cases; `area` keeps one area unit's groups. No case text and no person: references only.
 */
export async function recurringIssues(ctx: Context, props: { actor: Actor; from?: string | undefined; to?: string | undefined; category?: string | undefined; area?: string | undefined }): Promise<Report> {
  if (!can(props.actor, 'report.read')) throw forbidden('The recurring-issues report is for the petition office, leaders, auditors and admins.');
  const { from, to, now } = reportPeriod(ctx, props);
  const db = reportReads(ctx);
  let query = db
    .selectFrom('cases')
    .select(['id', 'reference', 'category', 'location', 'received_at', 'merged_into_id'])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at')
    .orderBy('id');
  if (props.category) query = query.where('category', '=', props.category);
  const rows = await query.execute();
  const standing = rows.filter((row) => row.merged_into_id === null);
  const joins = (await db.selectFrom('case_links').select(['low_case_id', 'high_case_id']).where('status', 'in', ['linked', 'merged']).execute()).map((link) => ({
    low: link.low_case_id,
    high: link.high_case_id,
  }));
  const units = await db.selectFrom('units').select(['id', 'name', 'name_en', 'parent_id']).execute();
  const tree = units.map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.name_en, parentId: unit.parent_id }));
  const plans = await db.selectFrom('plans').select('document').where('status', '=', 'published').orderBy('published_at', 'desc').execute();
  const documents = plans.map((plan) => JSON.parse(plan.document) as PlanDocument);
  const planWith = (code: string) => documents.find((plan) => plan.categories.some((item) => item.code === code));

  const byId = new Map(standing.map((row) => [row.id, row]));
  const areaOf = new Map(standing.map((row) => [row.id, areaFromLocation(tree, row.location)]));
  const groups = new Map<string, Group>();
  const groupFor = (category: string, areaUnitId: string | null): Group => {
    const key = `${category}\u0000${areaUnitId ?? ''}`;
    const known = groups.get(key);
    if (known) return known;
    const unit = units.find((item) => item.id === areaUnitId);
    const name = categoryName(planWith(category), category);
    const group: Group = {
        category,
        categoryName: { zh: localText(name, 'zh'), en: localText(name, 'en') },
        areaUnitId,
        areaName: unit ? { zh: unit.name, en: unit.name_en ?? unit.name } : null,
        cases: 0,
        recurringCases: 0,
        issues: [],
      };
    groups.set(key, group);
    return group;
  };
  for (const row of standing) groupFor(row.category, areaOf.get(row.id) ?? null).cases += 1;
  for (const members of issueGroups([...byId.keys()], joins)) {
    const inPeriod = members.map((id) => byId.get(id)).filter((row) => row !== undefined);
    if (inPeriod.length < 2) continue;
    inPeriod.sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : a.id < b.id ? -1 : 1));
    const first = inPeriod[0] as (typeof inPeriod)[number];
    const last = inPeriod[inPeriod.length - 1] as (typeof inPeriod)[number];
    // An issue belongs where it first came from: its earliest case's category and area.
    const group = groupFor(first.category, areaOf.get(first.id) ?? null);
    group.recurringCases += inPeriod.length;
    group.issues.push({ cases: inPeriod.length, firstReceivedAt: first.received_at, lastReceivedAt: last.received_at, references: inPeriod.map((row) => ({ id: row.id, reference: row.reference })) });
  }
  // An area asked for is the issue's area (its earliest case's): the groups of that area unit only.
  const listed = [...groups.values()].filter((group) => group.issues.length > 0 && (props.area === undefined || group.areaUnitId === props.area));
  for (const group of listed) group.issues.sort((a, b) => b.cases - a.cases || (a.lastReceivedAt < b.lastReceivedAt ? 1 : -1));
  listed.sort((a, b) => (b.issues[0]?.cases ?? 0) - (a.issues[0]?.cases ?? 0) || b.recurringCases - a.recurringCases || a.category.localeCompare(b.category));
  return { from, to, generatedAt: now, groups: listed };
}
