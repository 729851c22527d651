import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.js';
import { statementCounter, type Statement } from '../../test/statements.js';
import { buildWorld, caseProps, fiveRepresentatives, type World } from '../../test/world.js';
import { assignUnit } from './assign-unit.js';
import type { Context } from '../context/context.js';
import { getCase } from './get-case.js';
import { openCase } from './open-case.js';

const selects = (statements: Statement[]) => statements.filter((statement) => statement.kind === 'select').map((statement) => statement.table);

// What a case read and an intake cost in statements: each is a round trip on PostgreSQL, so a
// change that reads a row twice, or the plan on every request, fails here.
describe.each(databaseKinds)('statements per request on %s', (kind) => {
  let world: World;
  let counted: Context;
  const counter = statementCounter();
  beforeAll(async () => {
    world = await buildWorld(kind);
    counted = { ...world.ctx, db: world.ctx.db.withPlugin(counter) };
  });
  afterAll(() => world.dispose());

  it('reads a collective case with its representatives and units in one statement per table, the plan not at all', async () => {
    const opened = await openCase(world.ctx, caseProps(world, { kind: 'collective', headcount: 40, representatives: fiveRepresentatives }));
    await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    const before = await getCase(world.ctx, { actor: world.actor(world.users.coordinator), caseId: opened.id });

    counter.reset();
    const read = await getCase(counted, { actor: world.actor(world.users.coordinator), caseId: opened.id });
    expect(read).toEqual(before);
    const tables = selects(counter.statements);
    // The case, its representatives, assignments (with their units), meetings, answers and ticked steps; its open commitments counted.
    expect(tables.sort()).toEqual(['answers', 'assignments', 'cases', 'commitments', 'meetings', 'pauses', 'representatives', 'step_completions', 'written_notices']);
    // And the one write a read of names makes: its audit entry.
    expect(counter.statements.filter((statement) => statement.kind !== 'select')).toEqual([{ kind: 'insert', table: 'audit_entries' }]);
  });

  it('opens a case asking only which plan is current, and reads back only what it did not just write', async () => {
    // Once read, the published plan is kept; an intake asks only for the current version's id.
    await openCase(world.ctx, caseProps(world));
    counter.reset();
    const opened = await openCase(counted, caseProps(world, { kind: 'collective', headcount: 40, representatives: fiveRepresentatives }));
    expect(opened.representatives).toHaveLength(5);
    const tables = selects(counter.statements);
    expect(tables.filter((table) => table === 'plans')).toHaveLength(1);
    // A case opened in this transaction has no meetings, answers or ticked steps to look for.
    expect(tables).not.toContain('meetings');
    expect(tables).not.toContain('answers');
    expect(tables).not.toContain('step_completions');
    expect(tables.filter((table) => table === 'cases')).toHaveLength(2); // the reference's uniqueness, then the row as stored
    // Written: the case, its five representatives in one statement, its event, the routing
    // catalogue's proposal, its clock, and two audit entries (the opening, the read of names). Read:
    // the plan's id, the reference, the catalogue's entries for the category and the unit tree the
    // area is found in, the assignments and clocks the clocks are set from, and the case as stored
    // with its people and units.
    expect(counter.statements.filter((statement) => statement.kind === 'insert').map((statement) => statement.table)).toEqual([
      'cases',
      'representatives',
      'events',
      'routing_proposals',
      'deadlines',
      'audit_entries',
      'audit_entries',
    ]);
    // 13 before the routing catalogue; its proposal costs three (two reads, one write), and only
    // for a category the catalogue has an entry for (one read otherwise).
    expect(tables.filter((table) => table === 'catalogue_entries')).toHaveLength(1);
    expect(tables.filter((table) => table === 'units')).toHaveLength(1);
    expect(counter.statements.length).toBe(16);
  });
});
