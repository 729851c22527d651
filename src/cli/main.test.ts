import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../db/connect.js';
import { program } from './main.js';

/** Runs the CLI in-process against a fresh SQLite file and returns what it printed. */
describe('the redress command', () => {
  let dir: string;
  let output: string[];
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redress-cli-'));
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
    process.exitCode = undefined;
  });

  const run = (...args: string[]) => program().exitOverride().parseAsync(['node', 'redress', ...args]);
  const printed = () => output.join('');

  it('creates an admin and a token that is the last line printed', async () => {
    await run('admin', 'create', '--email', 'Chief@County.test', '--password', 'a long enough password');
    expect(printed()).toContain('Created admin chief@county.test.');
    output = [];
    await run('token', 'create', '--email', 'chief@county.test', '--name', 'integration');
    const lines = printed().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^rt_[A-Za-z0-9_-]{40,}$/);
  });

  it('imports a plan from YAML, exports it back, and rejects a plan with a missing stage by line', async () => {
    const source = readFileSync('plans/county-major-urgent.yaml', 'utf8').replace('key: county-major-urgent', 'key: river-county');
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, source);
    await run('plan', 'import', file, '--publish');
    expect(printed()).toMatch(/Imported river-county version 1 \(published\)/);
    output = [];
    await run('plan', 'export', 'river-county');
    expect(printed()).toContain('key: river-county');
    expect(printed()).toContain('stages:');

    const broken = source.replace(/ {2}- key: decision[\s\S]*?(?= {2}- key: resolution)/, '');
    writeFileSync(file, broken);
    await expect(run('plan', 'import', file)).rejects.toThrow(/line \d+, stages: missing stage "decision"/);
  });

  it('loads the demo county and finds the audit log intact, then detects tampering', async () => {
    await run('demo');
    expect(printed()).toMatch(/Password: \S+/);
    const store = openStore(process.env.REDRESS_DATABASE_URL ?? '');
    const stages = await store.db.selectFrom('cases').select('stage').execute();
    expect(stages).toHaveLength(20);
    const latest = await store.db.selectFrom('events').select((eb) => eb.fn.max('at').as('at')).executeTakeFirstOrThrow();
    expect(String(latest.at) <= new Date().toISOString()).toBe(true);
    expect(new Set(stages.map((row) => row.stage))).toEqual(
      new Set(['prevention', 'reception', 'decision', 'resolution', 'closed', 'not_accepted', 'review']),
    );
    output = [];
    await run('audit', 'verify');
    expect(printed()).toMatch(/intact: \d+ entries/);

    await store.db.updateTable('audit_entries').set({ action: 'case.nothing_to_see' }).where('seq', '=', 5).execute();
    await store.close();
    output = [];
    await run('audit', 'verify');
    expect(printed()).toContain('broken at entry 5');
    expect(process.exitCode).toBe(1);
  });
});
