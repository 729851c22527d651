import createClient from 'openapi-fetch';
import type { paths } from './openapi';

/** An error answer from the server, in its `{error:{code,message,field,details}}` shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, field?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

type SessionEndedListener = () => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/** Called when any request answers 401: the session expired or was ended elsewhere. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; field?: string; details?: unknown } };
    const error = body.error ?? {};
    return new ApiError(response.status, error.code ?? 'error', error.message ?? response.statusText, error.field, error.details);
  } catch {
    return new ApiError(response.status, 'error', response.statusText);
  }
}

/**
 * Every request of the app goes through here: a network failure or an answer that is not 2xx
 * becomes an ApiError in the server's own terms, and a 401 (but to signing in) ends the session.
 */
async function send(input: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && new URL(input.url).pathname !== '/api/v1/auth/login') for (const listener of sessionEndedListeners) listener();
    throw error;
  }
  return response;
}

/**
 * The typed client: paths, parameters, bodies and answers come from the server's OpenAPI document
 * (openapi.d.ts, `npm run gen:api`), so a renamed field fails the typecheck. A call answers the
 * body or throws an ApiError; wrap it in `ok()` to get the body alone. YAML and CSV answers are asked
 * for by their Accept header and read with `parseAs: 'text'` or `'blob'`.
 */
export const client = createClient<paths, 'application/json'>({ baseUrl: '', credentials: 'same-origin', fetch: send });

/** The body of a typed call that succeeded (a failed one has already thrown an ApiError). */
export async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/** A query string from the set values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A multipart/form-data upload (the attachment routes), which the typed client does not describe:
 * the browser sets the boundary; the Idempotency-Key makes a resent upload attach its files once.
 * Answers the JSON body or throws an ApiError, as every other call does.
 */
export async function postForm<T>(path: string, form: FormData, idempotencyKey: string): Promise<T> {
  const url = new URL(path, window.location.origin).toString();
  const response = await send(new Request(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'idempotency-key': idempotencyKey } }));
  return (await response.json()) as T;
}
