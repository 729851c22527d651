import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { days } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, letter, openCaseId, post, type Who } from '../../../../test/requests.js';

interface Item {
  id: string;
  reference: string;
  title: string;
  flags: string[];
  openObjection: boolean;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

/** Six letters: how many days ago each arrived, and how urgent it is. */
const batch = [
  { ago: 40, urgency: 'normal' },
  { ago: 2, urgency: 'major' },
  { ago: 30, urgency: 'urgent' },
  { ago: 10, urgency: 'normal' },
  { ago: 20, urgency: 'major' },
  { ago: 5, urgency: 'normal' },
] as const;

describe.each(databaseKinds)('the queue sorted, searched and filtered by the server on %s', (kind) => {
  let world: ApiWorld;
  const ids: string[] = [];
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    const now = Date.parse(world.time.now());
    for (const [index, { ago, urgency }] of batch.entries()) {
      const receivedAt = new Date(now - days(ago)).toISOString();
      ids.push(await openCaseId(world, letter({ title: `queuebatch ${index}`, urgency, receivedAt })));
    }
    // The oldest letter is declined: it owes nothing any more, so it sorts last by deadline.
    const declined = await post(world, 'coordinator', `/api/v1/cases/${ids[0]}/transitions`, { to: 'not_accepted', reason: '属于诉讼程序。' });
    expect(declined.statusCode, declined.body).toBe(200);
  });
  afterAll(() => world.dispose());

  /** Every page of a query, two cases at a time, as the titles' batch numbers. */
  async function walk(who: Who, query: string): Promise<number[]> {
    const seen: Item[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const url: string = `/api/v1/cases?q=queuebatch&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = expectStatus<Page>(await get(world, who, url), 200);
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return seen.map((item) => Number(item.title.split(' ')[1]));
  }

  it('sorts the whole filtered set in every order, page after page', async () => {
    expect(await walk('coordinator', 'sort=newest')).toEqual([1, 5, 3, 4, 2, 0]);
    expect(await walk('coordinator', '')).toEqual([1, 5, 3, 4, 2, 0]);
    expect(await walk('coordinator', 'sort=oldest')).toEqual([0, 2, 4, 3, 5, 1]);
    // The letter 30 days old is 15 days overdue: first, though newest-first it would be on page 3.
    expect(await walk('coordinator', 'sort=deadline')).toEqual([2, 4, 3, 5, 1, 0]);
    expect(await walk('coordinator', 'sort=urgency')).toEqual([1, 4, 2, 5, 3, 0]);
    // Filtered, in every order and page after page: the open cases (the declined letter left out), and one urgency.
    expect(await walk('coordinator', 'sort=newest&stage=open')).toEqual([1, 5, 3, 4, 2]);
    expect(await walk('coordinator', 'sort=oldest&stage=open')).toEqual([2, 4, 3, 5, 1]);
    expect(await walk('coordinator', 'sort=deadline&stage=open')).toEqual([2, 4, 3, 5, 1]);
    expect(await walk('coordinator', 'sort=urgency&stage=open')).toEqual([1, 4, 2, 5, 3]);
    expect(await walk('coordinator', 'sort=urgency&urgency=normal')).toEqual([5, 3, 0]);
    expect(await walk('coordinator', 'sort=oldest&urgency=normal')).toEqual([0, 3, 5]);
    expect(await walk('coordinator', 'sort=urgency&urgency=major')).toEqual([1, 4]);
  });

  it("sorts a unit officer's own queue in every order too", async () => {
    for (const index of [5, 2, 3]) await assignId(world, ids[index] ?? '', world.units.township.id);
    expect(await walk('unit_officer', 'sort=newest')).toEqual([5, 3, 2]);
    expect(await walk('unit_officer', 'sort=oldest')).toEqual([2, 3, 5]);
    expect(await walk('unit_officer', 'sort=deadline')).toEqual([2, 3, 5]);
    expect(await walk('unit_officer', 'sort=urgency')).toEqual([2, 5, 3]);
    expect(await walk('coordinator', `sort=deadline&unit=${world.units.township.id}`)).toEqual([2, 3, 5]);
    // Declined, the case owes nothing: the unit's queue follows the case's deadline as it changes.
    const declined = await post(world, 'coordinator', `/api/v1/cases/${ids[3]}/transitions`, { to: 'not_accepted', reason: '属于诉讼程序。' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(await walk('unit_officer', 'sort=deadline')).toEqual([2, 5, 3]);
  });

  it('answers 400 naming the field for an order it does not offer, and for a cursor of another order', async () => {
    expectError(await get(world, 'coordinator', '/api/v1/cases?sort=alphabetical'), 400, 'validation_failed', 'sort');
    const page = expectStatus<Page>(await get(world, 'coordinator', '/api/v1/cases?q=queuebatch&limit=2&sort=deadline'), 200);
    const cursor = page.nextCursor ?? '';
    expectError(await get(world, 'coordinator', `/api/v1/cases?q=queuebatch&limit=2&sort=urgency&cursor=${cursor}`), 400, 'validation_failed', 'cursor');
    expectError(await get(world, 'coordinator', `/api/v1/cases?q=queuebatch&limit=2&cursor=${cursor}`), 400, 'validation_failed', 'cursor');
    expectError(await get(world, 'anonymous', '/api/v1/cases?sort=deadline'), 401, 'unauthenticated');
  });

  it('finds a case by the start of its reference, its random part or its second group, in any case, dashes optional', async () => {
    const detail = expectStatus<Item>(await get(world, 'coordinator', `/api/v1/cases/${ids[3]}`), 200);
    const reference = detail.reference;
    const [year, first, second] = reference.split('-') as [string, string, string];
    const typed = [
      `${year}-${first}`,
      `${year}-${first}`.toLowerCase(),
      `${first}-${second}`.toLowerCase(),
      `${first}${second}`.toLowerCase(),
      `${year}${first}${second}`.toLowerCase(),
      reference,
      second.toLowerCase(),
      first.slice(0, 3),
    ];
    for (const q of typed) {
      const page = expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?q=${encodeURIComponent(q)}`), 200);
      expect(page.items.map((item) => item.reference), q).toContain(reference);
    }
    // A reference that is not there finds nothing, rather than everything of that year.
    const last = second.slice(-1) === 'Z' ? 'Y' : 'Z';
    const missing = expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?q=${year}-${first}-${second.slice(0, 3)}${last}`), 200);
    expect(missing.items.map((item) => item.reference)).not.toContain(reference);
  });

  it('finds a case by letters of its title or description that could also be part of a reference, in any case', async () => {
    const titled = await openCaseId(world, letter({ title: 'Roof leak at block BT-DP', description: 'Water through the ceiling.' }));
    const described = await openCaseId(world, letter({ title: 'No heating', description: 'The CBTD boiler has failed since Monday.' }));
    const found = async (q: string) => expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?q=${encodeURIComponent(q)}&limit=100`), 200).items.map((item) => item.id);
    expect(await found('bt-dp')).toEqual([titled]);
    expect(await found('BT-DP')).toEqual([titled]);
    expect(await found('cbtd')).toEqual([described]);
    expect(await found('CEILING')).toEqual([titled]);
    // Three letters, and two (too short for a trigram index: read as LIKE).
    expect(await found('oil')).toContain(described);
    expect(await found('oi')).toContain(described);
    expect(await found('zqxj')).toEqual([]);
    // A title changed in the database is found by its new words only: the index follows it.
    await world.ctx.db.updateTable('cases').set({ title: 'Roof leak at block QX-WV' }).where('id', '=', titled).execute();
    expect(await found('bt-dp')).toEqual([]);
    expect(await found('qx-wv')).toEqual([titled]);
  });

  it('finds a case by a fragment of its reference that straddles its dashes, in any case, with or without them', async () => {
    const detail = expectStatus<Item>(await get(world, 'coordinator', `/api/v1/cases/${ids[4]}`), 200);
    const reference = detail.reference;
    const [year, first, second] = reference.split('-') as [string, string, string];
    const typed = [
      `${first.slice(2)}-${second.slice(0, 2)}`,
      `${first.slice(2)}${second.slice(0, 2)}`.toLowerCase(),
      `${first.slice(1)}${second}`.toLowerCase(),
      `${first.slice(3)}-${second.slice(0, 3)}`,
      `${year.slice(2)}-${first}`,
      `${year.slice(3)}${first.slice(0, 3)}`.toLowerCase(),
      second.slice(1),
    ];
    for (const q of typed) {
      const page = expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?q=${encodeURIComponent(q)}&limit=100`), 200);
      expect(page.items.map((item) => item.reference), q).toContain(reference);
      // A fragment that can only be a reference (letters and digits) finds only the cases that hold it.
      const compact = q.toUpperCase().replace(/-/g, '');
      if (compact.length >= 4 && /\d/.test(compact) && /[A-Z]/.test(compact)) {
        for (const item of page.items) expect(item.reference.replace(/-/g, ''), q).toContain(compact);
      }
    }
    const last = second.slice(1, 2) === 'Z' ? 'Y' : 'Z';
    const missing = expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?q=${first.slice(2)}-${second.slice(0, 1)}${last}`), 200);
    expect(missing.items.map((item) => item.reference)).not.toContain(reference);
  });

  it('filters by when cases were received and closed, from inclusive and to exclusive, and answers 400 naming a bad bound', async () => {
    const now = Date.parse(world.time.now());
    const at = (ago: number) => encodeURIComponent(new Date(now - days(ago)).toISOString());
    // Received 25 to 3 days ago: the letters of 20, 10 and 5 days.
    expect(await walk('coordinator', `receivedFrom=${at(25)}&receivedTo=${at(3)}`)).toEqual([5, 3, 4]);
    expect(await walk('coordinator', `receivedFrom=${at(25)}&receivedTo=${at(3)}&sort=oldest`)).toEqual([4, 3, 5]);
    // The bounds themselves: a case received exactly at `from` is in, exactly at `to` is out.
    const fifth = expectStatus<{ receivedAt: string }>(await get(world, 'coordinator', `/api/v1/cases/${ids[5]}`), 200).receivedAt;
    expect(await walk('coordinator', `receivedFrom=${encodeURIComponent(fifth)}&receivedTo=${at(0)}`)).toEqual([1, 5]);
    expect(await walk('coordinator', `receivedFrom=${at(25)}&receivedTo=${encodeURIComponent(fifth)}`)).toEqual([3, 4]);
    // An instant written with an offset is the same instant.
    const offset = new Date(Date.parse(fifth) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect(await walk('coordinator', `receivedFrom=${encodeURIComponent(offset)}&receivedTo=${at(0)}`)).toEqual([1, 5]);
    // A unit's queue (walked from its assignments) is filtered the same way.
    await assignId(world, ids[4] ?? '', world.units.township.id);
    const unitAll = await walk('unit_officer', '');
    expect(await walk('unit_officer', `receivedFrom=${at(25)}&receivedTo=${at(3)}`)).toEqual(unitAll.filter((index) => [3, 4, 5].includes(index)));

    // Closed: one case concluded now; the filter finds it and nothing closed at another time.
    const closedId = await openCaseId(world, letter({ title: 'closedwindow case' }));
    for (const [who, path, body] of [
      ['coordinator', 'assignments', { unitId: world.units.township.id, role: 'lead' }],
      ['coordinator', 'transitions', { to: 'resolution' }],
      ['coordinator', 'answers', { body: 'The answer.' }],
      ['coordinator', 'transitions', { to: 'closed' }],
    ] as const) {
      expect((await post(world, who, `/api/v1/cases/${closedId}/${path}`, body)).statusCode).toBeLessThan(300);
    }
    const closedAt = expectStatus<{ closedAt: string }>(await get(world, 'coordinator', `/api/v1/cases/${closedId}`), 200).closedAt;
    const closedIn = async (from: string, to: string) =>
      expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?closedFrom=${encodeURIComponent(from)}&closedTo=${encodeURIComponent(to)}&limit=200`), 200).items.map((item) => item.id);
    const later = new Date(Date.parse(closedAt) + 60_000).toISOString();
    expect(await closedIn(closedAt, later)).toEqual([closedId]);
    expect(await closedIn(new Date(Date.parse(closedAt) - days(7)).toISOString(), closedAt)).not.toContain(closedId);

    expectError(await get(world, 'coordinator', '/api/v1/cases?receivedFrom=last-week'), 400, 'validation_failed', 'receivedFrom');
    expectError(await get(world, 'coordinator', `/api/v1/cases?receivedFrom=${at(3)}&receivedTo=${at(25)}`), 400, 'validation_failed', 'receivedTo');
    expectError(await get(world, 'coordinator', `/api/v1/cases?closedFrom=${at(3)}&closedTo=${at(3)}`), 400, 'validation_failed', 'closedTo');
  });

  it("shows and filters a unit's open objection until the office reroutes the case", async () => {
    const caseId = ids[5] ?? '';
    const detail = expectStatus<{ assignments: { id: string; unitId: string }[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    const assignmentId = detail.assignments.find((item) => item.unitId === world.units.township.id)?.id ?? '';
    const objected = await post(world, 'unit_officer', `/api/v1/cases/${caseId}/assignments/${assignmentId}/object`, { reason: '不属于本镇职责。' });
    expect(objected.statusCode, objected.body).toBe(200);

    const queue = expectStatus<Page>(await get(world, 'coordinator', '/api/v1/cases?q=queuebatch'), 200);
    expect(queue.items.filter((item) => item.openObjection).map((item) => item.id)).toEqual([caseId]);
    const filtered = expectStatus<Page>(await get(world, 'coordinator', '/api/v1/cases?objection=true&sort=deadline'), 200);
    expect(filtered.items.map((item) => item.id)).toEqual([caseId]);
    expect(expectStatus<Item>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).openObjection).toBe(true);

    const rerouted = await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments/${assignmentId}/reroute`, { unitId: world.units.department.id });
    expect(rerouted.statusCode, rerouted.body).toBe(200);
    expect(expectStatus<Page>(await get(world, 'coordinator', '/api/v1/cases?objection=true'), 200).items).toEqual([]);
    expect(expectStatus<Item>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).openObjection).toBe(false);
  });

  it('filters the flagged cases, in any order, and answers 400 for a flag it does not know', async () => {
    const caseId = ids[4] ?? '';
    // Set as the portal sets it when the honeypot is filled (that path is tested with the portal).
    await world.store.db.updateTable('cases').set({ flags: '["suspected_spam"]' }).where('id', '=', caseId).execute();
    for (const sort of ['newest', 'oldest', 'deadline', 'urgency']) {
      const page = expectStatus<Page>(await get(world, 'coordinator', `/api/v1/cases?flag=suspected_spam&sort=${sort}`), 200);
      expect(page.items.map((item) => [item.id, item.flags]), sort).toEqual([[caseId, ['suspected_spam']]]);
    }
    expectError(await get(world, 'coordinator', '/api/v1/cases?flag=troublemaker'), 400, 'validation_failed', 'flag');
  });
});
