import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseKinds, openTestStore } from '../../test/databases.js';
import { testContext } from '../../test/world.js';
import { calendarSource } from '../context/context.js';
import { verifyAudit } from '../commands/audit-verify.js';
import { createUnit } from '../commands/units.js';
import { emptyCalendar } from '../core/calendar.js';
import { sealAuditLog } from '../jobs/audit-sequencer.js';
import { generateAuditKeyPem, parseAuditKey } from '../security/audit-key.js';
import { backupDatabase, restoreDatabase, type BackupTarget } from './backup.js';
import { openStore, type Store } from './connect.js';
import { migrateToLatest } from './migrate.js';

const postgresUrl = process.env.REDRESS_TEST_POSTGRES_URL ?? '';
const key = parseAuditKey(generateAuditKeyPem());

/** A database on disk (a backup needs one) with a few audited writes, chained and signed. */
async function populated(kind: 'sqlite' | 'postgres', folder: string): Promise<{ store: Store; target: BackupTarget; dispose(): Promise<void> }> {
  let store: Store;
  let target: BackupTarget;
  let dispose: () => Promise<void>;
  if (kind === 'sqlite') {
    target = { url: `sqlite:${join(folder, 'live.db')}` };
    store = openStore(target.url);
    await migrateToLatest(store.db, store.adapter);
    dispose = () => store.close();
  } else {
    const test = await openTestStore('postgres');
    store = test;
    target = { url: postgresUrl, ...(test.schema ? { schema: test.schema } : {}) };
    dispose = () => test.dispose();
  }
  const ctx = testContext(store, () => new Date().toISOString(), calendarSource(emptyCalendar));
  for (const name of ['县信访局', '城关镇', '县人社局']) await createUnit(ctx, { actor: null, name, nameEn: null, kind: 'township' });
  await sealAuditLog({ db: store.db, adapter: store.adapter, now: ctx.now, key, checkpointEverySeconds: 0 });
  return { store, target, dispose };
}

/** A fresh, empty database to restore into, and how to open it. */
async function freshTarget(kind: 'sqlite' | 'postgres', folder: string, schema: string | undefined) {
  if (kind === 'sqlite') {
    const url = `sqlite:${join(folder, 'restored', 'redress.db')}`;
    return { target: { url }, open: () => openStore(url), drop: async () => {} };
  }
  const name = `redress_restore_${randomBytes(5).toString('hex')}`;
  const admin = openStore(postgresUrl);
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const address = new URL(postgresUrl);
  address.pathname = `/${name}`;
  const url = address.toString();
  return {
    target: { url },
    open: () => openStore(url, schema ? { schema } : {}),
    drop: async () => {
      const again = openStore(postgresUrl);
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(again.db);
      await again.close();
    },
  };
}

for (const kind of databaseKinds) {
  describe(`backup and restore on ${kind}`, () => {
    it('copies the database while it runs, and the copy restored into a fresh database verifies', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'redress-backup-'));
      const live = await populated(kind, folder);
      const fresh = await freshTarget(kind, folder, live.target.schema);
      try {
        const file = join(folder, kind === 'sqlite' ? 'backup.db' : 'backup.dump');
        await backupDatabase(live.target, file);
        // The live database carries on after the backup; the copy holds what it held then.
        await live.store.db.transaction().execute((trx) => sql`insert into audit_entries (at, actor_id, action, subject_type, subject_id, detail) values (${new Date().toISOString()}, null, 'after.backup', 'test', null, '{}')`.execute(trx));

        await restoreDatabase(fresh.target, file);
        const restored = fresh.open();
        try {
          const report = await verifyAudit(restored.db, { key });
          expect(report).toMatchObject({ ok: true, checkpoints: 1, audit: { pending: 0 } });
          expect(report.audit.entries).toBeGreaterThanOrEqual(3);
          expect(await restored.db.selectFrom('units').select('name').orderBy('name').execute()).toHaveLength(3);
          expect(await restored.db.selectFrom('audit_entries').select('id').where('action', '=', 'after.backup').execute()).toEqual([]);
        } finally {
          await restored.close();
        }
      } finally {
        await live.dispose();
        await fresh.drop();
      }
    });
  });
}
