import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../db/connect.js';
import { digestSecret } from '../security/passwords.js';
import { program } from './main.js';

describe('redress open311 key', () => {
  let dir: string;
  let output: string[];
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redress-open311-'));
    process.env.REDRESS_DATABASE_URL = `sqlite:${join(dir, 'redress.db')}`;
    process.env.REDRESS_ENCRYPTION_KEY_FILE = join(dir, 'redress.key');
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env = { ...saved };
  });

  const run = (...args: string[]) => program().exitOverride().parseAsync(['node', 'redress', ...args]);
  const lines = () => output.join('').trim().split('\n');

  it('creates a key whose last printed line is the key, stored only as its digest; lists and revokes it', async () => {
    await run('open311', 'key', 'create', 'City app');
    const key = lines().at(-1) ?? '';
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
    const store = openStore(process.env.REDRESS_DATABASE_URL ?? '');
    const row = await store.db.selectFrom('open311_keys').selectAll().executeTakeFirstOrThrow();
    await store.close();
    expect(row).toMatchObject({ name: 'City app', digest: digestSecret(key), revoked_at: null });

    output = [];
    await run('open311', 'key', 'list');
    expect(output.join('')).toContain(`${row.id}  City app`);
    expect(output.join('')).not.toContain(key);
    output = [];
    await run('open311', 'key', 'revoke', row.id);
    expect(lines().at(-1)).toBe('Revoked Open311 key "City app".');
  });
});
