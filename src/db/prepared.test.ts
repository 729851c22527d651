import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestStore, type TestStore } from '../../test/databases.js';
import { statementCounter } from '../../test/statements.js';
import { prepared } from './prepared.js';

describe.each(databaseKinds)('prepared queries on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const at = '2026-12-01T00:00:00.000Z';
    await store.db
      .insertInto('units')
      .values([
        { id: 'u1', name: '甲镇', name_en: 'Town A', kind: 'township', parent_id: null, created_at: at },
        { id: 'u2', name: '乙镇', name_en: null, kind: 'township', parent_id: null, created_at: at },
        { id: 'u3', name: '丙局', name_en: null, kind: 'department', parent_id: null, created_at: at },
      ])
      .execute();
  });
  afterAll(() => store.dispose());

  // Each run fills in its own values; a constant of the query (the kind) stays what it was built with.
  const townsNamed = prepared((db, p: { id: string; after: string }) =>
    db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'township').where((eb) => eb.or([eb('id', '=', p.id), eb('created_at', '>', p.after)])).orderBy('id'),
  );

  it('answers as the same query built afresh would, run after run', async () => {
    expect(await townsNamed.execute(store.db, { id: 'u2', after: '2027-01-01T00:00:00.000Z' })).toEqual([{ id: 'u2', name: '乙镇' }]);
    expect(await townsNamed.execute(store.db, { id: 'u3', after: '2027-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await townsNamed.execute(store.db, { id: 'none', after: '2020-01-01T00:00:00.000Z' })).toEqual([
      { id: 'u1', name: '甲镇' },
      { id: 'u2', name: '乙镇' },
    ]);
    expect(await townsNamed.executeTakeFirst(store.db, { id: 'u1', after: '2027-01-01T00:00:00.000Z' })).toEqual({ id: 'u1', name: '甲镇' });
  });

  it('runs inside a transaction, and plugins still see each run', async () => {
    const counter = statementCounter();
    const insert = prepared((db, p: { id: string; name: string }) =>
      db.insertInto('units').values({ id: p.id, name: p.name, name_en: null, kind: 'office', parent_id: null, created_at: '2026-12-02T00:00:00.000Z' }),
    );
    await expect(
      store.db.transaction().execute(async (trx) => {
        await insert.execute(trx.withPlugin(counter), { id: 'u4', name: '信访局' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(counter.statements).toEqual([{ kind: 'insert', table: 'units' }]);
    expect(await store.db.selectFrom('units').select('id').where('id', '=', 'u4').execute()).toEqual([]);
  });

  it('refuses, when first run, a parameter that would be written into the SQL text', async () => {
    const inlined = prepared((db, p: { name: string }) => db.selectFrom('units').select('id').where('name', '=', sql.lit(p.name)));
    await expect(inlined.execute(store.db, { name: '甲镇' })).rejects.toThrow(/parameter reached its SQL text/);
  });
});
