import { sql } from 'kysely';
import { forbidden } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import type { AuditKey } from '../security/audit-key.js';
import { verifyAudit, type AuditReport } from './audit-verify.js';
import type { Context } from '../context/context.js';
import { decodeCursor, encodeCursor } from './list-cases.js';

export interface AuditFilters {
  /** The user who acted (their id). */
  actor?: string;
  /** An action, e.g. `case.personal_data.read`; a trailing `*` matches every action it begins. */
  action?: string;
  /** What the entry is about: a record's id, or a case's reference. */
  subject?: string;
  from?: string;
  to?: string;
}

interface AuditEntryView {
  id: number;
  /** The entry's place in the hash chain; null until the sequencer has chained it. */
  seq: number | null;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** The case the entry is about, when it is about one. */
  caseId: string | null;
  caseReference: string | null;
  detail: Record<string, unknown>;
}

const isIdCursor = (value: unknown): value is { id: number } => typeof (value as { id?: unknown } | null)?.id === 'number';

function authorise(actor: Actor): void {
  if (!can(actor, 'audit.read')) throw forbidden('Only auditors and admins read the audit log.');
}

function entriesQuery(ctx: Context, filters: AuditFilters) {
  let query = ctx.db
    .selectFrom('audit_entries')
    .leftJoin('users', 'users.id', 'audit_entries.actor_id')
    .leftJoin('cases', (join) => join.onRef('cases.id', '=', 'audit_entries.subject_id').on('audit_entries.subject_type', '=', 'case'))
    .select([
      'audit_entries.id',
      'audit_entries.seq',
      'audit_entries.at',
      'audit_entries.actor_id',
      'users.name as actor_name',
      'audit_entries.action',
      'audit_entries.subject_type',
      'audit_entries.subject_id',
      'cases.id as case_id',
      'cases.reference as case_reference',
      'audit_entries.detail',
    ]);
  if (filters.actor) query = query.where('audit_entries.actor_id', '=', filters.actor);
  if (filters.action?.endsWith('*')) {
    const prefix = filters.action.slice(0, -1).replace(/[\\%_]/g, (char) => `\\${char}`);
    query = query.where(sql<boolean>`audit_entries.action like ${`${prefix}%`} escape '\\'`);
  } else if (filters.action) {
    query = query.where('audit_entries.action', '=', filters.action);
  }
  const subject = filters.subject;
  if (subject) {
    query = query.where((eb) =>
      eb.or([
        eb('audit_entries.subject_id', '=', subject),
        eb('audit_entries.subject_id', 'in', eb.selectFrom('cases').select('cases.id').where('cases.reference', '=', subject.toUpperCase())),
      ]),
    );
  }
  if (filters.from) query = query.where('audit_entries.at', '>=', filters.from);
  if (filters.to) query = query.where('audit_entries.at', '<', filters.to);
  return query;
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

function entryView(row: EntryRow): AuditEntryView {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

/** One page of the audit log, newest first, for auditors and admins. */
export async function listAuditEntries(
  ctx: Context,
  props: { actor: Actor; filters: AuditFilters; limit?: number; cursor?: string },
): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  authorise(props.actor);
  const limit = props.limit ?? 50;
  let query = entriesQuery(ctx, props.filters).orderBy('audit_entries.id', 'desc').limit(limit + 1);
  if (props.cursor) query = query.where('audit_entries.id', '<', decodeCursor(props.cursor, isIdCursor).id);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(entryView);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}

/** Every entry the filters match, oldest first (for CSV export), in pages so memory stays small. */
export async function* allAuditEntries(ctx: Context, props: { actor: Actor; filters: AuditFilters }): AsyncGenerator<AuditEntryView> {
  authorise(props.actor);
  for (let after = 0; ; ) {
    const rows = await entriesQuery(ctx, props.filters).where('audit_entries.id', '>', after).orderBy('audit_entries.id').limit(2000).execute();
    for (const row of rows) yield entryView(row);
    const last = rows.at(-1);
    if (!last || rows.length < 2000) return;
    after = last.id;
  }
}

/** The same check as `redress audit verify`, run for an auditor or admin from the staff app. */
export async function verifyAuditFor(ctx: Context, props: { actor: Actor; key: AuditKey | null }): Promise<AuditReport> {
  authorise(props.actor);
  return verifyAudit(ctx.db, { key: props.key });
}
