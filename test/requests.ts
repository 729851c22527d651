import type { Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../src/db/schema.js';
import type { ApiWorld } from './api.js';
import { fiveRepresentatives } from './world.js';

export type Who = Parameters<ApiWorld['as']>[0];

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
}

/** Sends a JSON POST as one of the world's users; no payload sends no body at all. */
export function post(world: ApiWorld, who: Who, url: string, payload?: object): Promise<LightMyRequestResponse> {
  return world.as(who, { method: 'POST', url, ...(payload ? { payload } : {}) });
}

export function get(world: ApiWorld, who: Who, url: string): Promise<LightMyRequestResponse> {
  return world.as(who, { method: 'GET', url });
}

/**
 * Checks an error answer: its status, that the body is exactly our error shape with the expected
 * code, a human message and, when given, the field it names. Returns the error for further checks.
 */
export function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string): ErrorBody {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json<{ error: ErrorBody }>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).every((key) => ['code', 'message', 'field', 'details'].includes(key))).toBe(true);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/\w/);
  if (field !== undefined) expect(body.error.field).toBe(field);
  expect(response.body).not.toMatch(/\.(ts|js):\d+/);
  return body.error;
}

const countedTables = [
  'cases',
  'representatives',
  'assignments',
  'events',
  'meetings',
  'answers',
  'step_completions',
  'pauses',
  'written_notices',
  'deadlines',
  'catalogue_entries',
  'routing_proposals',
  'transfers',
  'case_links',
  'supervisions',
  'reception_days',
  'reception_bookings',
  'commitments',
  'callbacks',
  'reworks',
  'plans',
  'units',
  'users',
  'audit_entries',
] as const;

/** How many rows each table a request could write to holds right now. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

/** Sends a request that must fail, and checks it left every table exactly as it found it. */
export async function withoutWrites(
  world: ApiWorld,
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = await rowCounts(world.ctx.db);
  const response = await send();
  expect(await rowCounts(world.ctx.db), `rows written by a failed request: ${response.body}`).toEqual(before);
  return response;
}

/** A valid JSON body for POST /api/v1/cases: a collective visit with five representatives. */
export function collectiveVisit(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'collective',
    channel: 'visit',
    urgency: 'major',
    category: 'wage-arrears',
    title: 'Forty workers about unpaid wages',
    description: 'The contractor has not paid wages for four months.',
    headcount: 40,
    representatives: fiveRepresentatives,
    ...overrides,
  };
}

/** A valid JSON body for POST /api/v1/cases: an individual letter. */
export function letter(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'individual',
    channel: 'letter',
    category: 'wage-arrears',
    title: 'Unpaid wages at a construction site',
    description: 'Three months of wages unpaid since August.',
    petitioner: { name: '张三', contact: '13800000000' },
    ...overrides,
  };
}

/** Opens a case through the API as the coordinator and returns its id. */
export async function openCaseId(world: ApiWorld, body: Record<string, unknown> = collectiveVisit()): Promise<string> {
  const response = await post(world, 'coordinator', '/api/v1/cases', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** Assigns a unit to a case as the coordinator and returns the new assignment's id. */
export async function assignId(world: ApiWorld, caseId: string, unitId: string, role: 'lead' | 'assisting' = 'lead'): Promise<string> {
  const response = await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId, role });
  expect(response.statusCode, response.body).toBe(201);
  const assignments = response.json<{ assignments: { id: string; unitId: string }[] }>().assignments;
  const assignment = assignments.find((item) => item.unitId === unitId);
  if (!assignment) throw new Error(`No assignment for unit ${unitId} in ${response.body}`);
  return assignment.id;
}
