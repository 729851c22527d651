import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { hours } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import {
  assignId,
  collectiveVisit,
  expectError,
  get,
  letter,
  openCaseId,
  post,
  withoutWrites,
} from '../../../../test/requests.js';

interface Page {
  items: { id: string; receivedAt: string }[];
  nextCursor: string | null;
}

describe.each(databaseKinds)('bad input to the case routes on %s', (kind) => {
  let world: ApiWorld;
  /** A collective visit assigned only to the township, with the township's assignment. */
  let townshipCase: string;
  let townshipAssignment: string;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    townshipCase = await openCaseId(world);
    townshipAssignment = await assignId(world, townshipCase, world.units.township.id);
  });
  afterAll(() => world.dispose());

  const open = (body: unknown) => () =>
    world.as('coordinator', { method: 'POST', url: '/api/v1/cases', payload: body as Record<string, unknown> });

  describe('opening a case', () => {
    it('refuses malformed JSON', async () => {
      const response = await withoutWrites(world, () =>
        world.as('coordinator', {
          method: 'POST',
          url: '/api/v1/cases',
          headers: { 'content-type': 'application/json' },
          payload: '{"kind": "collective", "channel": ',
        }),
      );
      expectError(response, 400, 'invalid_json');
    });

    it('names a field of the wrong type', async () => {
      expectError(await withoutWrites(world, open(collectiveVisit({ headcount: 'forty' }))), 400, 'validation_failed', 'headcount');
    });

    it('names every wrong field at once, each as a code and its parameters', async () => {
      const body = collectiveVisit({ title: '', category: '', headcount: 'forty', urgency: 'now', representatives: [{ name: '' }] });
      const error = expectError(await withoutWrites(world, open(body)), 400, 'validation_failed', 'urgency');
      expect(error.details).toEqual({
        problems: [
          { field: 'urgency', code: 'one_of', params: { values: ['normal', 'urgent', 'major'] } },
          { field: 'category', code: 'required' },
          { field: 'title', code: 'required' },
          { field: 'headcount', code: 'not_integer' },
          { field: 'representatives[0].name', code: 'required' },
        ],
      });
    });

    it('says a rule of the command as a code too, never only as a sentence', async () => {
      const error = expectError(await withoutWrites(world, open(collectiveVisit({ headcount: 1 }))), 400, 'validation_failed', 'headcount');
      expect(error.details).toEqual({ problems: [{ field: 'headcount', code: 'collective_headcount' }] });
    });

    it('names an unknown field', async () => {
      const error = expectError(await withoutWrites(world, open(letter({ priority: 'high' }))), 400, 'validation_failed', 'priority');
      expect(error.message).toMatch(/priority/);
    });

    it('refuses a sixth representative', async () => {
      const six = [...(collectiveVisit().representatives as object[]), { name: '周六', contact: '13900000009' }];
      expectError(await withoutWrites(world, open(collectiveVisit({ representatives: six }))), 400, 'validation_failed', 'representatives');
    });

    it('refuses representatives on an individual case', async () => {
      const body = letter({ representatives: [{ name: '李明' }] });
      expectError(await withoutWrites(world, open(body)), 400, 'validation_failed', 'representatives');
    });

    it('refuses a receivedAt in the future, but takes one in the past', async () => {
      const tomorrow = new Date(Date.parse(world.time.now()) + hours(24)).toISOString();
      expectError(await withoutWrites(world, open(letter({ receivedAt: tomorrow }))), 400, 'validation_failed', 'receivedAt');
      const yesterday = new Date(Date.parse(world.time.now()) - hours(24)).toISOString();
      const opened = expectStatus<{ receivedAt: string }>(await open(letter({ receivedAt: yesterday }))(), 201);
      expect(opened.receivedAt).toBe(yesterday);
    });

    it('refuses a category the plan does not have', async () => {
      const error = expectError(await withoutWrites(world, open(letter({ category: 'parking-tickets' }))), 400, 'validation_failed', 'category');
      expect(error.message).toMatch(/parking-tickets/);
    });
  });

  describe('moving a case', () => {
    it('names `to` when the stage does not exist', async () => {
      const response = await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${townshipCase}/transitions`, { to: 'archived' }));
      expectError(response, 400, 'validation_failed', 'to');
    });

    it('answers 409 to a move the stage machine forbids', async () => {
      const response = await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${townshipCase}/transitions`, { to: 'closed' }));
      const error = expectError(response, 409, 'move_not_allowed');
      expect(error.message).toMatch(/reception.*closed/);
      const detail = expectStatus<{ stage: string }>(await get(world, 'coordinator', `/api/v1/cases/${townshipCase}`), 200);
      expect(detail.stage).toBe('reception');
    });
  });

  describe("another unit's case", () => {
    const base = () => `/api/v1/cases/${townshipCase}`;

    it('is neither shown to nor readable by the department officer', async () => {
      expectError(await get(world, 'otherOfficer', base()), 403, 'forbidden');
      expectError(await get(world, 'otherOfficer', `${base()}/events`), 403, 'forbidden');
      const queue = expectStatus<Page>(await get(world, 'otherOfficer', '/api/v1/cases'), 200);
      expect(queue.items.map((item) => item.id)).not.toContain(townshipCase);
      // The township's own officer does see and read it: the rule is the unit, not the role.
      expectStatus(await get(world, 'unit_officer', base()), 200);
    });

    it('cannot be acted on by the department officer', async () => {
      const attempts: [string, object | undefined][] = [
        [`${base()}/notes`, { body: 'Looked into it.' }],
        [`${base()}/transitions`, { to: 'not_accepted', reason: 'Not ours.' }],
        [`${base()}/meetings`, { heldAt: world.time.now(), attendees: 'Us', summary: 'Met.' }],
        [`${base()}/steps/reception.receive-and-listen/done`, undefined],
        [`${base()}/assignments/${townshipAssignment}/acknowledge`, undefined],
        [`${base()}/assignments/${townshipAssignment}/arrive`, undefined],
      ];
      for (const [url, payload] of attempts) {
        expectError(await withoutWrites(world, () => post(world, 'otherOfficer', url, payload)), 403, 'forbidden');
      }
    });

    it("does not let one assigned unit record another unit's arrival", async () => {
      const caseId = await openCaseId(world);
      await assignId(world, caseId, world.units.township.id, 'lead');
      const departmentAssignment = await assignId(world, caseId, world.units.department.id, 'assisting');
      const url = `/api/v1/cases/${caseId}/assignments/${departmentAssignment}/arrive`;
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url)), 403, 'forbidden');
    });
  });

  describe('things that do not exist', () => {
    it('answers 404 for an unknown case, to reads and writes alike', async () => {
      const missing = `/api/v1/cases/${randomUUID()}`;
      expectError(await get(world, 'coordinator', missing), 404, 'not_found');
      expectError(await get(world, 'coordinator', `${missing}/events`), 404, 'not_found');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', `${missing}/notes`, { body: 'Hello?' })), 404, 'not_found');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', `${missing}/transitions`, { to: 'decision' })), 404, 'not_found');
    });

    it('answers 404 for an unknown assignment', async () => {
      const url = `/api/v1/cases/${townshipCase}/assignments/${randomUUID()}/acknowledge`;
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url)), 404, 'not_found');
    });

    it('answers 404 for an unknown checklist step', async () => {
      for (const step of ['reception.no-such-step', 'nowhere.receive-and-listen', 'no-dot-at-all']) {
        const url = `/api/v1/cases/${townshipCase}/steps/${step}/done`;
        expectError(await withoutWrites(world, () => post(world, 'unit_officer', url)), 404, 'not_found');
      }
    });
  });

  describe('things done twice', () => {
    it('refuses to tick the same checklist step twice', async () => {
      const url = `/api/v1/cases/${townshipCase}/steps/reception.designate-waiting-place/done`;
      expectStatus(await post(world, 'unit_officer', url), 200);
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url)), 409, 'already_done');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url)), 409, 'already_done');
    });

    it('refuses to acknowledge twice', async () => {
      const url = `/api/v1/cases/${townshipCase}/assignments/${townshipAssignment}/acknowledge`;
      expectStatus(await post(world, 'unit_officer', url), 200);
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url)), 409, 'already_done');
    });
  });

  describe('the case list', () => {
    it('names limit when it is out of range, and cursor when it is not ours', async () => {
      for (const limit of ['0', '201', 'ten']) {
        expectError(await get(world, 'coordinator', `/api/v1/cases?limit=${limit}`), 400, 'validation_failed', 'limit');
      }
      const forged = Buffer.from(JSON.stringify({ id: 7 })).toString('base64url');
      for (const cursor of ['not-a-cursor', forged]) {
        expectError(await get(world, 'coordinator', `/api/v1/cases?cursor=${cursor}`), 400, 'validation_failed', 'cursor');
      }
    });

    it('pages through seven cases three at a time, newest first, each exactly once', async () => {
      const now = Date.parse(world.time.now());
      // Received out of order, and two at the same moment across the first page boundary.
      const hoursAgo = [5, 1, 7, 3, 3, 6, 2];
      for (const [index, ago] of hoursAgo.entries()) {
        const receivedAt = new Date(now - hours(ago)).toISOString();
        await openCaseId(world, letter({ title: `pagingbatch letter ${index}`, receivedAt }));
      }
      const seen: Page['items'] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/api/v1/cases?q=pagingbatch&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page: Page = expectStatus<Page>(await get(world, 'coordinator', query), 200);
        seen.push(...page.items);
        sizes.push(page.items.length);
        cursor = page.nextCursor;
      } while (cursor !== null && sizes.length < 10);
      expect(sizes).toEqual([3, 3, 1]);
      expect(new Set(seen.map((item) => item.id)).size).toBe(7);
      const expected = [...hoursAgo].sort((a, b) => a - b).map((ago) => new Date(now - hours(ago)).toISOString());
      expect(seen.map((item) => item.receivedAt)).toEqual(expected);
      const onePage = expectStatus<Page>(await get(world, 'coordinator', '/api/v1/cases?q=pagingbatch&limit=200'), 200);
      expect(seen.map((item) => item.id)).toEqual(onePage.items.map((item) => item.id));
    });
  });
});
