import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.js';
import { buildWorld } from '../../test/world.js';
import { verifyAuditChain } from './audit.js';

describe.each(databaseKinds)('storage on %s', (kind) => {
  it('migrates, loads the built-in plan and keeps an intact audit chain', async () => {
    const world = await buildWorld(kind);
    try {
      const plans = await world.ctx.db.selectFrom('plans').selectAll().execute();
      expect(plans.map((plan) => [plan.key, plan.status])).toEqual([['county-major-urgent', 'published']]);
      const verdict = await verifyAuditChain(world.ctx.db);
      expect(verdict.ok).toBe(true);
      expect(verdict.entries).toBeGreaterThan(5);
    } finally {
      await world.dispose();
    }
  });
});
