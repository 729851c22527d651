import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitDialect } from './group-commit.js';

interface Db {
  letters: { id: number; body: string };
}

/** A file database through the group-commit dialect, a second connection to look from, and a count of COMMITs. */
function open() {
  const path = join(mkdtempSync(join(tmpdir(), 'redress-group-')), 'db.sqlite');
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.exec('create table letters (id integer primary key, body text not null)');
  let commits = 0;
  const counted = {
    prepare(text: string) {
      if (text === 'commit') commits += 1;
      return database.prepare(text);
    },
    close: () => database.close(),
  };
  const db = new Kysely<Db>({ dialect: new GroupCommitDialect({ database: counted }) });
  const other = new SQLite(path, { readonly: true });
  const seenFromOutside = (id: number) => other.prepare('select count(*) as n from letters where id = ?').get(id) as { n: number };
  return { db, commits: () => commits, seenFromOutside, close: async () => (other.close(), await db.destroy()) };
}

describe('group commit on SQLite', () => {
  let store: ReturnType<typeof open> | undefined;
  afterEach(() => store?.close());

  it('answers each transaction only once it is committed, and shares one COMMIT among those that waited together', async () => {
    store = open();
    const { db, seenFromOutside } = store;
    const durableWhenAnswered = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        db
          .transaction()
          .execute(async (trx) => {
            await trx.insertInto('letters').values({ id: index + 1, body: `letter ${index + 1}` }).execute();
          })
          .then(() => seenFromOutside(index + 1).n),
      ),
    );
    expect(durableWhenAnswered).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(store.commits()).toBeLessThan(8);
    expect(store.commits()).toBeGreaterThan(0);
  });

  it('rolls back a failed transaction alone, keeping the others of its group', async () => {
    store = open();
    const { db, seenFromOutside } = store;
    const results = await Promise.allSettled(
      [1, 2, 3].map((id) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('letters').values({ id, body: `letter ${id}` }).execute();
          if (id === 2) throw new Error('the second letter is refused');
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([1, 2, 3].map((id) => seenFromOutside(id).n)).toEqual([1, 0, 1]);
  });

  it('commits one transaction after another when they do not overlap', async () => {
    store = open();
    const { db, seenFromOutside } = store;
    for (const id of [1, 2, 3]) {
      await db.transaction().execute((trx) => trx.insertInto('letters').values({ id, body: 'x' }).execute());
      expect(seenFromOutside(id).n).toBe(1);
    }
    expect(store.commits()).toBe(3);
  });

  it('runs a write outside a transaction on its own, after committing the open group', async () => {
    store = open();
    const { db, seenFromOutside } = store;
    const inGroup = db.transaction().execute((trx) => trx.insertInto('letters').values({ id: 1, body: 'x' }).execute());
    const lone = db.insertInto('letters').values({ id: 2, body: 'y' }).execute();
    await lone;
    // The lone insert is committed as it returns, and it committed the transaction before it.
    expect([seenFromOutside(1).n, seenFromOutside(2).n]).toEqual([1, 1]);
    await inGroup;
    await sql`pragma user_version = 7`.execute(db);
    const version = await sql<{ user_version: number }>`pragma user_version`.execute(db);
    expect(version.rows[0]?.user_version).toBe(7);
  });
});
