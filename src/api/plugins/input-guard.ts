import type { FastifyInstance } from 'fastify';
import { invalid } from '../../core/errors.js';
import { segmentsToPath } from '../../contract/problems.js';

type Segment = string | number;

/** Where in a parsed value the first NUL character is, as path segments; null when there is none. */
function nulAt(value: unknown, segments: Segment[] = [], depth = 0): Segment[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? segments : null;
  // Bodies are at most a megabyte; a nesting this deep is no request we answer anyway.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulAt(item, [...segments, index], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...segments, key];
    const found = nulAt(item, [...segments, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a NUL character (U+0000) anywhere in a request's path parameters, query or body with a
 * 400 naming the field, before any route sees it. No text we keep has a use for it, and
 * PostgreSQL cannot store it in text at all: left alone it turns a typo into a 500 on one
 * database and a stored NUL on the other. One hook on every route, so no field can be forgotten.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const segments = nulAt(value);
      if (segments) throw invalid(segmentsToPath(segments) || part, 'must not contain a NUL character (U+0000).');
    }
  });
}
