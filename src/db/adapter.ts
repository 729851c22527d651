import { sql, type ColumnDataType, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/**
 * What differs between the databases we run on, as a few capability flags and column types.
 * Queries and migrations ask the adapter; nothing else checks which database it is.
 */
export interface DialectAdapter {
  name: 'sqlite' | 'postgres';
  /** Column type for an ISO 8601 UTC time. */
  timestamp: ColumnDataType;
  /** Column type for bytes (sealed attachments): BLOB on SQLite, bytea on PostgreSQL; both read back as a Buffer. */
  bytes: ColumnDataType;
  /** Column type for an auto-incrementing integer key. */
  serial: ColumnDataType;
  /** Whether that key also needs the AUTOINCREMENT keyword (PostgreSQL's serial types imply it). */
  serialNeedsAutoIncrement: boolean;
  /** Whether `SELECT … FOR UPDATE` exists; SQLite serialises writers instead. */
  supportsRowLocks: boolean;
  /** Case-insensitive LIKE operator. */
  ilike: 'like' | 'ilike';
  /**
   * How a title or description containing a text is found from an index (migration 020): SQLite's
   * FTS5 trigram table, asked with MATCH; on PostgreSQL `ilike` itself, which pg_trgm indexes serve.
   */
  textSearch: 'fts5' | 'ilike';
  /** The UTC hour of a time column as text, `YYYY-MM-DDTHH`, for grouping counts by time. */
  hourOf(column: string): RawBuilder<string>;
}

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  timestamp: 'text',
  bytes: 'blob',
  serial: 'integer',
  serialNeedsAutoIncrement: true,
  supportsRowLocks: false,
  ilike: 'like',
  textSearch: 'fts5',
  hourOf: (column) => sql<string>`substr(${sql.ref(column)}, 1, 13)`,
};

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  timestamp: 'timestamptz',
  bytes: 'bytea',
  serial: 'bigserial',
  serialNeedsAutoIncrement: false,
  supportsRowLocks: true,
  ilike: 'ilike',
  textSearch: 'ilike',
  hourOf: (column) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`,
};

/** Adds `FOR UPDATE` where the database has row locks. */
export function forUpdate<DB, TB extends keyof DB, O>(
  adapter: DialectAdapter,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return adapter.supportsRowLocks ? query.forUpdate() : query;
}

