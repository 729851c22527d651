import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../test/cli.js';
import { openStore } from '../db/connect.js';

/** The CLI, run in-process against a fresh SQLite file per test. */
describe('the redress command', () => {
  const { dir, run, printed, clear } = useCliSandbox('redress-cli-');

  it('creates an admin and a token that is the last line printed', async () => {
    await run('admin', 'create', '--email', 'Chief@County.test', '--password', 'a long enough password');
    expect(printed()).toContain('Created admin chief@county.test.');
    clear();
    await run('token', 'create', '--email', 'chief@county.test', '--name', 'integration');
    const lines = printed().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^rt_[A-Za-z0-9_-]{40,}$/);
  });

  it('resets a locked-out admin’s password to a one-time password that must be changed, and refuses a weak first password', async () => {
    await expect(run('admin', 'create', '--email', 'weak@county.test', '--password', 'password1234')).rejects.toThrow(/common or breached/);
    await run('admin', 'create', '--email', 'chief@county.test', '--password', 'a long enough password');
    clear();
    await run('admin', 'reset-password', 'Chief@County.test', '--clear-totp');
    const temporary = /One-time password \(shown once; change it at the next sign-in\): (\S+)/.exec(printed())?.[1] ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(16);
    const store = openStore(process.env.REDRESS_DATABASE_URL ?? '');
    try {
      const row = await store.db.selectFrom('users').select(['must_change_password', 'password_hash']).where('email', '=', 'chief@county.test').executeTakeFirstOrThrow();
      expect(row.must_change_password).toBe(1);
      const { verifyPassword } = await import('../security/passwords.js');
      expect(await verifyPassword(temporary, row.password_hash)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('imports a plan from YAML, exports it back, and rejects a plan with a missing stage by line', async () => {
    const source = readFileSync('plans/county-major-urgent.yaml', 'utf8').replace('key: county-major-urgent', 'key: river-county');
    const file = join(dir(), 'plan.yaml');
    writeFileSync(file, source);
    await run('plan', 'import', file, '--publish');
    expect(printed()).toMatch(/Imported river-county version 1 \(published\)/);
    clear();
    await run('plan', 'export', 'river-county');
    expect(printed()).toContain('key: river-county');
    expect(printed()).toContain('stages:');

    const broken = source.replace(/ {2}- key: decision[\s\S]*?(?= {2}- key: resolution)/, '');
    writeFileSync(file, broken);
    await expect(run('plan', 'import', file)).rejects.toThrow(/line \d+, stages: missing stage "decision"/);
  });

  it('loads a demo whose audit log records only what happened: no reads nobody made', async () => {
    await run('demo');
    const store = openStore(process.env.REDRESS_DATABASE_URL ?? '');
    const reads = await store.db.selectFrom('audit_entries').select('seq').where('action', '=', 'case.personal_data.read').execute();
    expect(reads).toEqual([]);
    // Every entry about a case is one of that case's timeline events, at the same moment.
    const unmatched = await store.db
      .selectFrom('audit_entries')
      .select(['audit_entries.action', 'audit_entries.at'])
      .where('audit_entries.subject_type', '=', 'case')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('events')
              .select('events.id')
              .whereRef('events.case_id', '=', 'audit_entries.subject_id')
              .whereRef('events.at', '=', 'audit_entries.at'),
          ),
        ),
      )
      .execute();
    expect(unmatched).toEqual([]);
    // The README's description of the demo: twenty cases in all, spread over every stage.
    const byStage = await store.db.selectFrom('cases').select(['stage', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('stage').execute();
    expect(Object.fromEntries(byStage.map((row) => [row.stage, Number(row.n)]))).toEqual({
      prevention: 3, reception: 4, decision: 3, resolution: 4, closed: 3, not_accepted: 2, review: 1,
    });
    // Ten units, among them the discipline inspection unit the built-in plan sends reports to (Art. 30).
    const units = await store.db.selectFrom('units').select('name').execute();
    expect(units).toHaveLength(10);
    const plan = readFileSync('plans/county-major-urgent.yaml', 'utf8');
    const disciplineUnit = /disciplineUnit: "([^"]+)"/.exec(plan)?.[1];
    expect(units.map((unit) => unit.name)).toContain(disciplineUnit);
    await store.close();
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
    clear();
    await run('audit', 'verify');
    expect(printed()).toMatch(/intact: \d+ entries/);

    await store.db.updateTable('audit_entries').set({ action: 'case.nothing_to_see' }).where('seq', '=', 5).execute();
    await store.close();
    clear();
    await run('audit', 'verify');
    expect(printed()).toContain('broken at entry 5');
    expect(process.exitCode).toBe(1);
  });
});
