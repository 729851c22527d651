/**
 * A million synthetic cases, seeded once and kept: the dashboard bench (bench/dashboard.ts) reuses
 * the SQLite file or PostgreSQL schema when it already holds the number of cases asked for, since
 * seeding a million takes minutes. The cases have the shape bench/run.ts gives its own.
 *   node dist/bench/seed.js [--cases N] [--db sqlite:PATH|postgres://…] [--schema NAME]
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { caseReference } from '../src/core/reference.js';
import { openStore, type Store } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { AssignmentsTable, CasesTable, Database, DeadlinesTable } from '../src/db/schema.js';
import type { Stage } from '../src/core/types.js';

export const benchNow = Date.parse('2026-11-29T00:00:00.000Z');
const day = 86_400_000;
const stages: Stage[] = ['prevention', 'reception', 'decision', 'resolution', 'closed', 'closed', 'closed', 'closed', 'not_accepted', 'review'];

export interface SeededStore extends Store {
  unitIds: string[];
  planId: string;
}

/** A case's reference from its number, so a million never collide (random ones would, once in two fills). */
function referenceOf(i: number): string {
  return caseReference(2027, Uint8Array.from({ length: 8 }, (_, k) => Math.floor(i / 32 ** k) % 32));
}

export async function fillCases(db: Kysely<Database>, total: number, unitIds: string[], planId: string, now = benchNow, from = 0): Promise<void> {
  const batch = 500;
  for (let start = from; start < total; start += batch) {
    const rows: CasesTable[] = [];
    const links: { id: string; case_id: string; unit_id: string; role: AssignmentsTable['role']; notified_at: string; acknowledge_due_at: string; proposal_due_at: string; case_received_at: string; objected_at: string | null }[] = [];
    const clocks: DeadlinesTable[] = [];
    for (let i = start; i < Math.min(total, start + batch); i += 1) {
      const received = new Date(now - (i % 1000) * day - (i % 86_400) * 1000).toISOString();
      const stage = stages[i % stages.length] ?? 'closed';
      const open = !['closed', 'not_accepted'].includes(stage);
      // Deadlines spread over the hours of 40 days around now, so the overdue share is large (a quarter).
      const due = new Date(now + ((i % 40) - 10) * day + (i % 24) * 3_600_000).toISOString();
      const id = randomUUID();
      rows.push({
        id, reference: referenceOf(i), plan_id: planId, kind: i % 7 === 0 ? 'collective' : 'individual', channel: 'letter',
        urgency: i % 50 === 0 ? 'major' : i % 20 === 7 ? 'urgent' : 'normal', category: ['wage-arrears', 'housing', 'social-security', 'land'][i % 4] ?? 'other',
        title: `Synthetic case ${i}`, description: 'Synthetic.',
        location: null, headcount: 1, stage, stage_changed_at: received, not_accepted_reason: null, receive_together: 0,
        received_at: received, created_at: received, created_by: null, updated_at: received, accept_due_at: due, accepted_at: null,
        conclude_due_at: null, concluded_at: null, review_request_due_at: null, review_count: 0, review_started_at: null,
        review_due_at: null, review_concluded_at: null, next_due_at: open ? due : null, closed_at: open ? null : received,
        petitioner_name_sealed: null, petitioner_contact_sealed: null, lead_unit_id: unitIds[i % unitIds.length] ?? null, extension_days: null, extension_reason: null, extended_at: null,
        extension_request_days: null, extension_request_reason: null, extension_requested_at: null, extension_requested_by: null, paused_at: null,
        flags: i % 2000 === 3 ? '["suspected_spam"]' : '[]',
      });
      clocks.push({
        id: randomUUID(), case_id: id, subject: 'case', kind: 'accept', unit_id: null, due_at: due,
        done_at: open ? null : received, missed_at: open && due < new Date(now).toISOString() ? due : null,
        escalate_at: null, escalated_at: null,
      });
      links.push({
        id: randomUUID(), case_id: id, unit_id: unitIds[i % unitIds.length] ?? '', role: 'lead', notified_at: received, acknowledge_due_at: received, proposal_due_at: received, case_received_at: received,
        objected_at: open && i % 5000 === 11 ? received : null,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values(rows).execute();
      await trx.insertInto('assignments').values(links).execute();
      await trx.insertInto('deadlines').values(clocks).execute();
    });
  }
}

/** Opens (and migrates) the bench database, seeding it when it does not hold `total` cases. */
export async function seededStore(url: string, total: number, schema = '', log = (line: string) => process.stdout.write(`${line}\n`)): Promise<SeededStore> {
  if (schema) {
    const admin = openStore(url);
    await sql`create schema if not exists ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
  }
  let store = openStore(url, schema ? { schema } : {});
  await migrateToLatest(store.db, store.adapter, schema || undefined);
  const count = async () => Number((await store.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const have = await count();
  const units = await store.db.selectFrom('units').select('id').where('name', 'like', 'Unit %').execute();
  // A fill cut short (batches commit one by one) is resumed where it stopped.
  const resumable = have > 0 && have < total && have % 500 === 0 && units.length === 40;
  if (have !== total && !resumable) {
    log(`seeding ${total} cases on ${store.adapter.name} (kept for later runs)…`);
    await store.close();
    if (url.startsWith('sqlite:')) {
      const path = url.slice('sqlite:'.length);
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    } else {
      const admin = openStore(url);
      await sql`drop schema if exists ${sql.id(schema || 'public')} cascade`.execute(admin.db);
      await sql`create schema ${sql.id(schema || 'public')}`.execute(admin.db);
      await admin.close();
    }
    store = openStore(url, schema ? { schema } : {});
    await migrateToLatest(store.db, store.adapter, schema || undefined);
    const planId = randomUUID();
    const unitIds = Array.from({ length: 40 }, () => randomUUID());
    const at = new Date(benchNow).toISOString();
    await store.db.insertInto('plans').values({ id: planId, key: 'bench', version: 1, status: 'published', name: 'bench', document: '{}', created_at: at, created_by: null, published_at: null, published_by: null }).execute();
    await store.db.insertInto('units').values(unitIds.map((id, i) => ({ id, name: `Unit ${String(i).padStart(2, '0')}`, name_en: null, kind: 'township', parent_id: null, created_at: at }))).execute();
  }
  if (have !== total) {
    const from = resumable ? have : 0;
    if (resumable) log(`resuming the fill at case ${from} of ${total}…`);
    const unitIds = (await store.db.selectFrom('units').select('id').where('name', 'like', 'Unit %').orderBy('name').execute()).map((row) => row.id);
    const plan = await store.db.selectFrom('plans').select('id').where('key', '=', 'bench').executeTakeFirstOrThrow();
    // A bench database is rebuilt, never recovered: no need to wait for the disk on each batch.
    if (store.adapter.name === 'sqlite') await sql`pragma synchronous = off`.execute(store.db);
    const started = performance.now();
    await fillCases(store.db, total, unitIds, plan.id, benchNow, from);
    await sql`analyze`.execute(store.db);
    log(`seeded ${total} cases on ${store.adapter.name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const unitIds = (await store.db.selectFrom('units').select('id').where('name', 'like', 'Unit %').orderBy('name').execute()).map((row) => row.id);
  const plan = await store.db.selectFrom('plans').select('id').where('key', '=', 'bench').executeTakeFirstOrThrow();
  return { ...store, unitIds, planId: plan.id };
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

if (process.argv[1]?.endsWith('seed.js') || process.argv[1]?.endsWith('seed.ts')) {
  const store = await seededStore(option('db', 'sqlite:./data/bench-dashboard.db'), Number(option('cases', '1000000')), option('schema', ''));
  await store.close();
}
