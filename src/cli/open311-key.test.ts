import { describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../test/cli.js';
import { openStore } from '../db/connect.js';
import { digestSecret } from '../security/passwords.js';

describe('redress open311 key', () => {
  const { run, printed, clear } = useCliSandbox('redress-open311-');
  const lines = () => printed().trim().split('\n');

  it('creates a key whose last printed line is the key, stored only as its digest; lists and revokes it', async () => {
    await run('open311', 'key', 'create', 'City app');
    const key = lines().at(-1) ?? '';
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
    const store = openStore(process.env.REDRESS_DATABASE_URL ?? '');
    const row = await store.db.selectFrom('open311_keys').selectAll().executeTakeFirstOrThrow();
    await store.close();
    expect(row).toMatchObject({ name: 'City app', digest: digestSecret(key), revoked_at: null });

    clear();
    await run('open311', 'key', 'list');
    expect(printed()).toContain(`${row.id}  City app`);
    expect(printed()).not.toContain(key);
    clear();
    await run('open311', 'key', 'revoke', row.id);
    expect(lines().at(-1)).toBe('Revoked Open311 key "City app".');
  });
});
