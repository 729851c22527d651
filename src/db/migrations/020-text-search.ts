import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * A title or description containing a typed text, found from an index instead of reading every
 * case (issue 8, item 5: letters such as `cbtd` may be a reference fragment or a word, so both are
 * searched). PostgreSQL: trigram GIN indexes (pg_trgm) serve `ILIKE '%…%'` as the queue writes it.
 * SQLite: an FTS5 table with the trigram tokenizer (repositories/case-texts.ts), kept by triggers.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  if (adapter.textSearch === 'fts5') await caseTexts(db);
  else await trigramIndexes(db);
}

/**
 * The FTS5 table holds no copy of the text (contentless) and is keyed by an integer of its own,
 * mapped to the case in case_text_ids: a case's rowid is no key (VACUUM may renumber it).
 */
async function caseTexts(db: Kysely<unknown>): Promise<void> {
  await sql`create table case_text_ids (text_id integer primary key, case_id text not null unique)`.execute(db);
  await sql`create virtual table case_texts using fts5 (title, description, content = '', contentless_delete = 1, tokenize = 'trigram')`.execute(db);
  await sql`insert into case_text_ids (case_id) select id from cases`.execute(db);
  await sql`insert into case_texts (rowid, title, description) select t.text_id, c.title, c.description from case_text_ids t join cases c on c.id = t.case_id`.execute(db);
  const textId = (row: string) => `(SELECT text_id FROM case_text_ids WHERE case_id = ${row}.id)`;
  await sql
    .raw(`CREATE TRIGGER cases_text_insert AFTER INSERT ON cases BEGIN
      INSERT INTO case_text_ids (case_id) VALUES (NEW.id);
      INSERT INTO case_texts (rowid, title, description) VALUES (${textId('NEW')}, NEW.title, NEW.description);
    END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER cases_text_update AFTER UPDATE OF title, description ON cases
      WHEN OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description BEGIN
      DELETE FROM case_texts WHERE rowid = ${textId('NEW')};
      INSERT INTO case_texts (rowid, title, description) VALUES (${textId('NEW')}, NEW.title, NEW.description);
    END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER cases_text_delete AFTER DELETE ON cases BEGIN
      DELETE FROM case_texts WHERE rowid = ${textId('OLD')};
      DELETE FROM case_text_ids WHERE case_id = OLD.id;
    END`)
    .execute(db);
}

/**
 * pg_trgm is a trusted extension: the database's owner may create it. It goes into `public` (a
 * schema of one Redress is dropped with it, and would take the extension from every other); where it
 * is already installed its schema is used. A role that may not create it leaves the search as it
 * was, correct but reading every case (docs/DEPLOY.md says how to add the indexes by hand).
 */
async function trigramIndexes(db: Kysely<unknown>): Promise<void> {
  const installed = async () =>
    (await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(db)).rows[0]?.schema;
  let schema = await installed();
  if (!schema) {
    const may = await sql<{ ok: boolean }>`
      select exists (select 1 from pg_available_extensions where name = 'pg_trgm')
        and has_database_privilege(current_database(), 'CREATE')
        and has_schema_privilege('public', 'CREATE') as ok`.execute(db);
    if (!may.rows[0]?.ok) return;
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    schema = await installed();
  }
  if (!schema) return;
  for (const column of ['title', 'description']) {
    await sql.raw(`create index cases_${column}_trigrams on cases using gin (${column} ${schema}.gin_trgm_ops)`).execute(db);
  }
}
