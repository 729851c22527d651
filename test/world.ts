import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calendarSource, type Context } from '../src/context/context.js';
import { parseCalendarYaml } from '../src/core/calendar.js';
import { builtinCalendarPath } from '../src/paths.js';
import { openCase, type OpenCaseProps } from '../src/commands/open-case.js';
import { seedCurrentCatalogue } from '../src/commands/catalogue.js';
import { ensureBuiltinPlan } from '../src/commands/setup.js';
import { createUnit, type UnitView } from '../src/commands/units.js';
import { createUser, type UserView } from '../src/commands/users.js';
import type { Actor, Role } from '../src/core/types.js';
import { createChangeFeed } from '../src/context/change-feed.js';
import { createSealer } from '../src/security/sealer.js';
import { testTime, type TestTime } from './time.js';
import { openTestStore, type TestStore } from './databases.js';
import type { Store } from '../src/db/connect.js';

export const password = 'correct horse battery';

export interface World {
  store: TestStore;
  ctx: Context;
  time: TestTime;
  planId: string;
  units: { office: UnitView; leadership: UnitView; township: UnitView; department: UnitView };
  users: Record<Role, UserView> & { otherOfficer: UserView };
  actor(user: UserView): Actor;
  dispose(): Promise<void>;
}

/** What commands need, on a test database: the county's zone and calendar, a fresh key, no email. */
export function testContext(store: Pick<Store, 'db' | 'adapter'>, now: () => string, calendar?: Context['calendar']): Context {
  return {
    db: store.db,
    adapter: store.adapter,
    now,
    newId: randomUUID,
    timeZone: 'Asia/Shanghai',
    calendar: calendar ?? calendarSource(parseCalendarYaml(readFileSync(builtinCalendarPath(), 'utf8'))),
    changes: createChangeFeed(),
    channels: { email: false },
    sealer: createSealer(randomBytes(32)),
  };
}

/** A county in miniature: units, one user of each role, and the built-in plan published. */
export async function buildWorld(kind: 'sqlite' | 'postgres', start = '2026-11-02T08:00:00.000Z'): Promise<World> {
  const store = await openTestStore(kind);
  const time = testTime(start);
  const ctx = testContext(store, time.now);
  const plan = await ensureBuiltinPlan(ctx);
  if (!plan) throw new Error('The built-in plan did not load.');
  const unit = (name: string, nameEn: string, kindName: UnitView['kind']) => createUnit(ctx, { actor: null, name, nameEn, kind: kindName });
  const units = {
    leadership: await unit('县信访工作领导小组', 'County leadership group', 'leadership_group'),
    office: await unit('县信访局', 'County petition bureau', 'office'),
    township: await unit('城关镇', 'Chengguan township', 'township'),
    department: await unit('县人社局', 'County human resources and social security bureau', 'department'),
  };
  // The built-in plan's routing catalogue names units by name; those this county has are seeded now.
  await seedCurrentCatalogue(ctx);
  const user = (role: Role, email: string, unitId: string) =>
    createUser(ctx, { actor: null, email, name: `${role} ${email.split('@')[0]}`, role, unitId, password });
  const users = {
    admin: await user('admin', 'admin@county.test', units.office.id),
    coordinator: await user('coordinator', 'coordinator@county.test', units.office.id),
    unit_officer: await user('unit_officer', 'officer@county.test', units.township.id),
    otherOfficer: await user('unit_officer', 'other@county.test', units.department.id),
    leader: await user('leader', 'leader@county.test', units.leadership.id),
    auditor: await user('auditor', 'auditor@county.test', units.office.id),
  };
  return {
    store,
    ctx,
    time,
    planId: plan.id,
    units,
    users,
    actor: (view) => ({ id: view.id, role: view.role, unitId: view.unitId }),
    dispose: () => store.dispose(),
  };
}

/** A valid individual letter; override what the test is about. */
export function caseProps(world: World, overrides: Partial<OpenCaseProps> = {}): OpenCaseProps {
  return {
    actor: world.actor(world.users.coordinator),
    kind: 'individual',
    channel: 'letter',
    category: 'wage-arrears',
    title: 'Unpaid wages at a construction site',
    description: 'Three months of wages unpaid since August.',
    petitioner: { name: '张三', contact: '13800000000' },
    ...overrides,
  };
}

export function buildCase(world: World, overrides: Partial<OpenCaseProps> = {}) {
  return openCase(world.ctx, caseProps(world, overrides));
}

/** Five representatives of a collective visit. */
export const fiveRepresentatives = ['李明', '王芳', '赵强', '陈静', '刘洋'].map((name, index) => ({
  name,
  contact: `1390000000${index}`,
}));
