import { randomBytes } from 'node:crypto';
import { invalid, notFound, refused } from '../../core/errors.js';
import type { LocalText } from '../../core/plan.js';
import { openStages, type Stage } from '../../core/types.js';
import { loadCurrentPlan } from '../../db/repositories/plans.js';
import type { Context } from '../../context/context.js';
import { keepIdempotentResult, type IdempotencyKey } from '../support/idempotency.js';
import { openPublicCase } from './open-public-case.js';
import { publicLimits, typed, type PetitionInput } from './petition-input.js';
import { assignmentActive } from '../../db/repositories/assignments.js';

/** The services an Open311 client may file under: the current published plan's categories. */
export async function open311Services(
  ctx: Context,
): Promise<{ services: { code: string; name: LocalText }[]; changeset: string; acceptDays: number } | null> {
  const loaded = await loadCurrentPlan(ctx.db);
  if (!loaded) return null;
  const { row: plan, document } = loaded;
  return {
    services: document.categories.map((category) => ({ code: category.code, name: category.name })),
    changeset: plan.published_at ?? plan.created_at,
    acceptDays: document.deadlines.acceptDays,
  };
}

/** What an Open311 client posts, as the spec names it (attribute[code]=value gathered in `attributes`). */
interface Open311RequestInput {
  client: { id: string; name: string };
  service_code?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
  attributes: Record<string, string>;
}

/** GeoReport v2 limits the description to 4,000 characters. */
const open311DescriptionLimit = 4000;

function coordinate(field: 'lat' | 'long', value: string, bound: number): number {
  const parsed = Number(value);
  if (!/^-?\d+(\.\d+)?$/.test(value) || Math.abs(parsed) > bound) throw invalid(field, `must be a WGS84 ${field === 'lat' ? 'latitude' : 'longitude'}.`);
  return parsed;
}

function limited(field: string, value: string | undefined, limit: number): string | undefined {
  if (value !== undefined && [...value].length > limit) throw invalid(field, `must be at most ${limit} characters.`);
  return value;
}

/** The subject of a case from Open311, which has no title: the first line of the description. */
function titleFrom(description: string): string {
  const line = description.split(/\r?\n/)[0]?.trim() ?? '';
  return [...line].length > 60 ? `${[...line].slice(0, 59).join('')}…` : line;
}

/**
 * Registers an Open311 service request as an ordinary case (channel open311) under the current
 * plan. Its name, email and phone become the sealed petitioner details; device_id and account_id
 * identify a device or account, not the problem, so they are not kept.
 */
export async function createOpen311Request(
  ctx: Context,
  props: Open311RequestInput,
  idempotency?: IdempotencyKey,
): Promise<{ reference: string; token: string; acceptDays: number }> {
  const serviceCode = typed(props.service_code);
  if (!serviceCode) throw invalid('service_code', 'was not provided.');
  const offered = await open311Services(ctx);
  if (!offered) throw refused('no_published_plan', 'Requests cannot be taken right now: no plan has been published.', {});
  if (!offered.services.some((service) => service.code === serviceCode)) throw notFound(`service_code ${serviceCode}`);
  const lat = typed(props.lat);
  const long = typed(props.long);
  const addressString = limited('address_string', typed(props.address_string), publicLimits.location);
  const addressId = limited('address_id', typed(props.address_id), 100);
  if ((lat === undefined) !== (long === undefined)) throw invalid(lat === undefined ? 'lat' : 'long', 'lat and long are sent together.');
  const latitude = lat === undefined ? null : coordinate('lat', lat, 90);
  const longitude = long === undefined ? null : coordinate('long', long, 180);
  if (latitude === null && !addressString && !addressId) throw invalid('lat', 'a location is required: lat and long, address_string or address_id.');
  const description = limited('description', typed(props.description), open311DescriptionLimit);
  if (!description) throw invalid('description', 'is required: a petition says what it is about.');
  const mediaUrl = limited('media_url', typed(props.media_url), 2000);
  if (mediaUrl && !/^https?:\/\/\S+$/i.test(mediaUrl)) throw invalid('media_url', 'must be an http or https URL.');
  const kind = typed(props.attributes.kind) ?? 'individual';
  if (kind !== 'individual' && kind !== 'collective') throw invalid('attribute[kind]', 'must be individual or collective.');
  const headcountText = typed(props.attributes.headcount);
  if (headcountText !== undefined && !/^\d{1,9}$/.test(headcountText)) throw invalid('attribute[headcount]', 'must be a whole number.');
  const title = limited('attribute[title]', typed(props.attributes.title), publicLimits.title) ?? titleFrom(description);
  const name = [typed(props.first_name), typed(props.last_name)].filter(Boolean).join(' ') || undefined;
  const contact = [typed(props.email), typed(props.phone)].filter(Boolean).join(' / ') || undefined;
  const location = addressString ?? (latitude !== null ? `${latitude}, ${longitude}` : undefined);
  const input: PetitionInput = {
    kind: kind,
    category: serviceCode,
    title,
    description,
    ...(location ? { location } : {}),
    ...(headcountText !== undefined ? { headcount: Number(headcountText) } : {}),
    ...(name || contact ? { petitioner: { ...(name ? { name } : {}), ...(contact ? { contact } : {}) } } : {}),
  };
  const token = randomBytes(16).toString('base64url');
  const { attached } = await openPublicCase(
    ctx,
    { input, origin: { channel: 'open311', via: 'open311', audit: { open311Client: props.client.name, open311KeyId: props.client.id } }, idempotency },
    async (trx, opened) => {
      await trx
        .insertInto('open311_requests')
        .values({
          case_id: opened.id,
          key_id: props.client.id,
          token,
          latitude,
          longitude,
          address_string: addressString ?? null,
          address_id: addressId ?? null,
          media_url: mediaUrl ?? null,
          // The worker fetches it into an attachment (open311-media.ts).
          media_state: mediaUrl ? 'pending' : null,
          created_at: opened.created_at,
        })
        .execute();
      await trx.updateTable('open311_keys').set({ last_used_at: opened.created_at }).where('id', '=', props.client.id).execute();
      const created = { reference: opened.reference, token, acceptDays: offered.acceptDays };
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, opened.id, created);
      return created;
    },
  );
  return attached;
}

export interface Open311Filters {
  references?: string[];
  serviceCodes?: string[];
  start?: string;
  end?: string;
  statuses?: ('open' | 'closed')[];
}

/** What Open311 shows of a request. `sent` — what the client sent and the answer — only to that client. */
export interface Open311RequestFacts {
  reference: string;
  stage: Stage;
  category: string;
  receivedAt: string;
  updatedAt: string;
  expectedAt: string | null;
  leadUnit: { name: string; nameEn: string | null } | null;
  sent: {
    description: string;
    addressString: string | null;
    addressId: string | null;
    latitude: number | null;
    longitude: number | null;
    mediaUrl: string | null;
    latestAnswer: string | null;
  } | null;
}

const maxDays = 90;
const dayMs = 86_400_000;

function w3cTime(field: string, value: string): string {
  const parsed = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(parsed)) {
    throw invalid(field, 'must be a W3C date-time such as 2026-01-01T00:00:00Z.');
  }
  return new Date(parsed).toISOString();
}

/** The requested-time window: the 90 days the spec allows, the most recent 90 by default. */
function window(filters: Open311Filters, now: string): { from: string; to: string } {
  const start = filters.start ? w3cTime('start_date', filters.start) : null;
  const end = filters.end ? w3cTime('end_date', filters.end) : null;
  const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * dayMs).toISOString();
  const from = start ?? shift(end ?? now, -maxDays);
  const to = end ?? (start ? shift(start, maxDays) : now);
  if (from > to) throw invalid('start_date', 'must be before end_date.');
  if (Date.parse(to) - Date.parse(from) > maxDays * dayMs) throw invalid('end_date', `the range may not span more than ${maxDays} days.`);
  return { from, to };
}

/**
 * Service requests that came in through Open311 — never petitions from other channels — newest
 * first, at most 1,000. `clientId` is the caller's key, if any: only its own requests show `sent`.
 */
export async function listOpen311Requests(ctx: Context, props: { filters: Open311Filters; clientId: string | null }): Promise<Open311RequestFacts[]> {
  const { filters } = props;
  let query = ctx.db
    .selectFrom('cases')
    .innerJoin('open311_requests', 'open311_requests.case_id', 'cases.id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.stage',
      'cases.category',
      'cases.description',
      'cases.received_at',
      'cases.updated_at',
      'cases.accept_due_at',
      'cases.conclude_due_at',
      'cases.review_due_at',
      'open311_requests.key_id',
      'open311_requests.latitude',
      'open311_requests.longitude',
      'open311_requests.address_string',
      'open311_requests.address_id',
      'open311_requests.media_url',
    ])
    .where('cases.channel', '=', 'open311');
  if (filters.references && filters.references.length > 0) {
    // Named requests override every other filter (GeoReport v2).
    query = query.where('cases.reference', 'in', filters.references);
  } else {
    const { from, to } = window(filters, ctx.now());
    query = query.where('cases.received_at', '>=', from).where('cases.received_at', '<=', to);
    if (filters.serviceCodes && filters.serviceCodes.length > 0) query = query.where('cases.category', 'in', filters.serviceCodes);
    const statuses = new Set(filters.statuses ?? []);
    if (statuses.size === 1) query = query.where('cases.stage', statuses.has('open') ? 'in' : 'not in', [...openStages]);
  }
  const rows = await query.orderBy('cases.received_at', 'desc').orderBy('cases.id', 'desc').limit(1000).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [leads, answers] = await Promise.all([
    ctx.db
      .selectFrom('assignments')
      .innerJoin('units', 'units.id', 'assignments.unit_id')
      .select(['assignments.case_id', 'units.name', 'units.name_en'])
      .where('assignments.case_id', 'in', ids)
      .where('assignments.role', '=', 'lead')
      .where(assignmentActive())
      .execute(),
    ctx.db.selectFrom('answers').select(['case_id', 'body']).where('case_id', 'in', ids).orderBy('created_at').execute(),
  ]);
  const leadOf = new Map(leads.map((lead) => [lead.case_id, { name: lead.name, nameEn: lead.name_en }]));
  const answerOf = new Map(answers.map((answer) => [answer.case_id, answer.body]));
  return rows.map((row) => {
    const stage = row.stage;
    const open = openStages.includes(stage);
    return {
      reference: row.reference,
      stage,
      category: row.category,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      expectedAt: open ? (stage === 'review' ? row.review_due_at : (row.conclude_due_at ?? row.accept_due_at)) : null,
      leadUnit: leadOf.get(row.id) ?? null,
      sent:
        props.clientId !== null && row.key_id === props.clientId
          ? {
              description: row.description,
              addressString: row.address_string,
              addressId: row.address_id,
              latitude: row.latitude,
              longitude: row.longitude,
              mediaUrl: row.media_url,
              latestAnswer: answerOf.get(row.id) ?? null,
            }
          : null,
    };
  });
}

/** The request a token stands for (GeoReport v2 `tokens/{token}`). */
export async function open311Token(ctx: Context, token: string): Promise<{ reference: string; token: string }> {
  const row = await ctx.db
    .selectFrom('open311_requests')
    .innerJoin('cases', 'cases.id', 'open311_requests.case_id')
    .select(['cases.reference', 'open311_requests.token'])
    .where('open311_requests.token', '=', token)
    .executeTakeFirst();
  if (!row) throw notFound(`token ${token}`);
  return row;
}
