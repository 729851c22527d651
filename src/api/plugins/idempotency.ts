import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { once, type IdempotencyKey } from '../../commands/support/idempotency.js';
import type { Context } from '../../context/context.js';
import { invalid } from '../../core/errors.js';

/** The same JSON whatever order its object keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The `Idempotency-Key` a request carries, as the caller `scope`'s key (a staff user, a client
 * address, an Open311 key), fingerprinted with the method, path and body; undefined without one.
 * A key is 1–255 visible ASCII characters, optionally in double quotes (a structured-field string).
 */
function idempotencyKeyOf(request: FastifyRequest, scope: string, body: unknown): IdempotencyKey | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  const key = /^"(.*)"$/.exec(raw)?.[1] ?? raw;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw invalid('Idempotency-Key', 'must be 1 to 255 visible ASCII characters, e.g. a UUID.');
  }
  const path = request.url.split('?')[0] ?? request.url;
  const fingerprint = createHash('sha256').update(`${request.method} ${path}\n${canonical(body)}`).digest('hex');
  return { scope, key, fingerprint };
}

/**
 * Runs a command that opens a case under the request's Idempotency-Key: a retry gets what the
 * first request got, marked `Idempotent-Replayed: true`, and never a second case.
 */
export async function idempotently<T>(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  run: (key: IdempotencyKey | undefined) => Promise<T>,
  /** What the request sent, where its parsed body does not say it (a multipart upload: its files' digests). */
  body: unknown = request.body,
): Promise<T> {
  const { result, replayed } = await once(ctx, idempotencyKeyOf(request, scope, body), run);
  if (replayed) reply.header('idempotent-replayed', 'true');
  return result;
}
