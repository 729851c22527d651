import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache.js';

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once, keeps only the most recently used, and survives a statement still being iterated', () => {
    const raw = new SQLite(':memory:');
    const database = cachingStatements(raw, 2);
    database.prepare('create table t (n integer)').run([]);
    const insert = database.prepare('insert into t (n) values (?)');
    insert.run([1]);
    expect(database.prepare('insert into t (n) values (?)')).toBe(insert);
    database.prepare('insert into t (n) values (?)').run([2]);

    // While one read of the table is being iterated, the same SQL gets a statement of its own.
    const select = 'select n from t order by n';
    const rows: unknown[] = [];
    for (const row of database.prepare(select).iterate([])) rows.push(row, database.prepare(select).all([]));
    expect(rows).toEqual([{ n: 1 }, [{ n: 1 }, { n: 2 }], { n: 2 }, [{ n: 1 }, { n: 2 }]]);

    // The capacity is two: the oldest text goes, and coming back to it prepares it anew.
    database.prepare('select 1');
    expect(database.cached()).toBe(2);
    expect(database.prepare('insert into t (n) values (?)')).not.toBe(insert);
    database.close();
    expect(raw.open).toBe(false);
  });
});
