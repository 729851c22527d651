import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../test/cli.js';
import { openStore } from '../db/connect.js';

/** The operator's audit and backup commands, in-process against a fresh SQLite file per test. */
describe('redress audit, backup and restore', () => {
  const { dir, run, printed, clear } = useCliSandbox('redress-audit-cli-');

  it('signs what a command wrote, verifies against the exported checkpoint, and catches a log cut back before it', async () => {
    await run('demo');
    const checkpointFile = join(dir(), 'audit-checkpoint.json');
    // The checkpoint file sits beside the keys by default, ready to copy off the machine.
    expect(existsSync(checkpointFile)).toBe(true);
    const kept = join(dir(), 'kept-elsewhere.json');
    writeFileSync(kept, readFileSync(checkpointFile));
    clear();
    await run('audit', 'verify', '--checkpoint', kept);
    expect(printed()).toMatch(/intact: \d+ entries and \d+ timeline events, 1 signed checkpoints/);
    expect(printed()).toContain('The log still reaches the exported checkpoint');

    // Someone with the database cuts the last entries and the checkpoint off, and fixes the head.
    const store = openStore(process.env.REDRESS_DATABASE_URL ?? '');
    const head = await store.db.selectFrom('chain_heads').select('seq').where('chain', '=', 'audit').executeTakeFirstOrThrow();
    const keep = head.seq - 2;
    const last = await store.db.selectFrom('audit_entries').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
    await store.db.deleteFrom('audit_entries').where('seq', '>', keep).execute();
    await store.db.updateTable('chain_heads').set({ seq: keep, hash: last.hash ?? '' }).where('chain', '=', 'audit').execute();
    await store.db.deleteFrom('audit_checkpoints').execute();
    await store.close();
    clear();
    await run('audit', 'verify', '--checkpoint', kept);
    expect(printed()).toContain('The checkpoint file covers the audit log up to place');
    expect(printed()).toContain('it was cut back');
    expect(process.exitCode).toBe(1);
  });

  it('prints the public key, which alone verifies the signatures', async () => {
    await run('demo');
    clear();
    await run('audit', 'public-key');
    const publicKey = join(dir(), 'audit-public.pem');
    writeFileSync(publicKey, printed());
    expect(printed()).toContain('BEGIN PUBLIC KEY');
    clear();
    await run('audit', 'verify', '--public-key', publicKey);
    expect(printed()).toMatch(/intact/);
  });

  it('backs up a running database and restores it into a fresh one where audit verify passes', async () => {
    await run('demo');
    const backup = join(dir(), 'backup.db');
    clear();
    await run('backup', backup);
    expect(printed()).toContain('Keep the encryption key and the audit signing key with it');

    const fresh = `sqlite:${join(dir(), 'restored', 'redress.db')}`;
    process.env.REDRESS_DATABASE_URL = fresh;
    clear();
    await run('restore', backup);
    expect(printed()).toContain('Restored');
    clear();
    await run('audit', 'verify');
    expect(printed()).toMatch(/The audit log is intact: \d+ entries/);
    expect(process.exitCode).toBeUndefined();
    const store = openStore(fresh);
    expect(await store.db.selectFrom('cases').select('id').execute()).toHaveLength(20);
    await store.close();

    // Restoring over a database that exists needs to be asked for.
    await expect(run('restore', backup)).rejects.toThrow(/--replace/);
  });
});
