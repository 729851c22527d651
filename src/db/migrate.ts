import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { DialectAdapter } from './adapter.js';
import * as initial from './migrations/001-initial.js';
import * as deadlines from './migrations/002-deadlines.js';
import * as publicSide from './migrations/003-public.js';
import * as retention from './migrations/004-retention.js';
import * as clockStops from './migrations/005-clock-stops.js';
import * as queue from './migrations/006-queue.js';
import * as idempotency from './migrations/007-idempotency.js';
import * as auditSequencer from './migrations/009-audit-sequencer.js';
import * as accounts from './migrations/010-accounts.js';
import * as units from './migrations/011-units.js';
import * as limitCounters from './migrations/012-limit-counters.js';
import * as webhookDeliveries from './migrations/014-webhook-deliveries.js';
import * as tallyShards from './migrations/015-tally-shards.js';
import * as referenceFragments from './migrations/017-reference-fragments.js';
import * as webhookTopics from './migrations/018-webhook-topics.js';
import * as queueFilters from './migrations/019-queue-filters.js';
import * as textSearch from './migrations/020-text-search.js';
import * as extensionRequests from './migrations/021-extension-requests.js';
import * as pauses from './migrations/022-pauses.js';
import * as casePausedAt from './migrations/023-case-paused-at.js';
import * as writtenNotices from './migrations/024-written-notices.js';
import * as matterClass from './migrations/025-matter-class.js';
import * as catalogueTransfers from './migrations/026-catalogue-transfers.js';
import * as attachments from './migrations/027-attachments.js';
import * as responseTemplates from './migrations/030-response-templates.js';
import * as supervision from './migrations/032-supervision.js';
import * as reviews from './migrations/034-reviews.js';
import * as caseLinks from './migrations/035-case-links.js';
import * as commitments from './migrations/039-commitments.js';
import * as callbacks from './migrations/040-callbacks.js';
import * as indicatorIndexes from './migrations/043-indicator-indexes.js';
import * as leaders from './migrations/041-leaders.js';
import * as open311Media from './migrations/044-open311-media.js';
import type { Database } from './schema.js';

type AdapterMigration = { up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> };

const all: Record<string, AdapterMigration> = {
  '001-initial': initial,
  '002-deadlines': deadlines,
  '003-public': publicSide,
  '004-retention': retention,
  '005-clock-stops': clockStops,
  '006-queue': queue,
  '007-idempotency': idempotency,
  '009-audit-sequencer': auditSequencer,
  '010-accounts': accounts,
  '011-units': units,
  '012-limit-counters': limitCounters,
  '014-webhook-deliveries': webhookDeliveries,
  '015-tally-shards': tallyShards,
  '017-reference-fragments': referenceFragments,
  '018-webhook-topics': webhookTopics,
  '019-queue-filters': queueFilters,
  '020-text-search': textSearch,
  '021-extension-requests': extensionRequests,
  '022-pauses': pauses,
  '023-case-paused-at': casePausedAt,
  '024-written-notices': writtenNotices,
  '025-matter-class': matterClass,
  '026-catalogue-transfers': catalogueTransfers,
  '027-attachments': attachments,
  '030-response-templates': responseTemplates,
  '032-supervision': supervision,
  '034-reviews': reviews,
  '035-case-links': caseLinks,
  '039-commitments': commitments,
  '040-callbacks': callbacks,
  '043-indicator-indexes': indicatorIndexes,
  '041-leaders': leaders,
  '044-open311-media': open311Media,
};

/** Brings the schema up to date; the same migrations run on SQLite and PostgreSQL. */
export async function migrateToLatest(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  schema?: string,
  /** Only the migrations before this one (tests of a migration start from the schema it finds). */
  before?: string,
): Promise<MigrationResultSet> {
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(all).filter(([name]) => before === undefined || name < before).map(([name, migration]) => [name, { up: (trx: Kysely<unknown>) => migration.up(trx, adapter) }]),
  );
  // Kysely looks for its bookkeeping tables in every schema unless told which one; on a server
  // that also holds other schemas (another Redress, a test run) it would find theirs. Name ours.
  const tableSchema = schema ?? (adapter.name === 'postgres' ? await currentSchema(db) : undefined);
  const migrator = new Migrator({
    db: tableSchema && adapter.name === 'postgres' ? withSchemaIntrospection(db, tableSchema) : db,
    provider: { getMigrations: async () => migrations },
    // Migrations are numbered per piece of work and land in any order; each touches its own tables,
    // so a database already past a higher number still takes a lower one that landed later.
    allowUnorderedMigrations: true,
    ...(tableSchema ? { migrationTableSchema: tableSchema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

/**
 * The database as the Migrator sees it, its introspection kept to our schema. Kysely finds its
 * bookkeeping tables by listing every schema's tables with their columns; a schema dropped meanwhile
 * (another installation's cleanup, a parallel test run) failed that listing with "schema … does not
 * exist". The Migrator asks only whether a table exists, and in which schema.
 */
function withSchemaIntrospection(db: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => [{ name: schema }],
    getTables: async () => {
      const found = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
      return found.rows.map((row) => ({ name: row.name, schema, isView: false, columns: [] }));
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely's methods read private fields: call them on the instance itself, not the proxy.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema ?? 'public';
}
