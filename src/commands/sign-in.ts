import { DomainError, invalid } from '../core/errors.js';
import { countFailure, judgeSignIn, type FailureCount, type ThrottleCounts } from '../core/sign-in-throttle.js';
import { recordAudit } from '../db/audit.js';
import type { UsersTable } from '../db/schema.js';
import { digestSecret, newSecret, unknownAccountHash, verifyPassword } from '../security/passwords.js';
import type { Context, Trx } from '../context/context.js';
import { endCredentials } from '../context/revocations.js';
import { requiredTotpRoles, verifySecondFactor } from './totp.js';
import { userView, type UserView } from './users.js';
import { prepared } from '../db/prepared.js';

export const sessionHours = 12;
const defaultTokenDays = 90;

/** What a signed-in session must do before anything else: choose a new password, set up a second factor. */
export type PendingStep = 'password_change' | 'totp_enrolment';

interface SignInProps {
  email: string;
  password: string;
  /** The second factor: a 6-digit TOTP code or a recovery code, when the account has one. */
  code?: string | undefined;
  /** The client's address, as the server sees it (behind a proxy: from X-Forwarded-For). */
  client: string;
  userAgent?: string | undefined;
  /** Holds the answer back (the per-account slow-down); tests pass one that only records. */
  pause?: (ms: number) => Promise<void>;
}

const realPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function throttleKeys(email: string, client: string) {
  return { pair: `pair:${email}|${client}`, client: `client:${client}`, account: `account:${email}` } as const;
}

async function readCounts(ctx: Context, keys: ReturnType<typeof throttleKeys>): Promise<ThrottleCounts> {
  const rows = await ctx.db.selectFrom('sign_in_failures').selectAll().where('key', 'in', [keys.pair, keys.client, keys.account]).execute();
  const find = (key: string): FailureCount | null => {
    const row = rows.find((item) => item.key === key);
    return row ? { failures: Number(row.failures), lastAt: row.last_at } : null;
  };
  return { pair: find(keys.pair), client: find(keys.client), account: find(keys.account) };
}

async function recordFailure(ctx: Context, props: { email: string; client: string; user: UsersTable | undefined; factor: 'password' | 'code' }): Promise<void> {
  const keys = throttleKeys(props.email, props.client);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const counts = await readCounts({ ...ctx, db: trx }, keys);
    for (const [scope, key] of Object.entries(keys) as [keyof ThrottleCounts, string][]) {
      const next = countFailure(counts[scope], now);
      await trx
        .insertInto('sign_in_failures')
        .values({ key, failures: next.failures, last_at: next.lastAt })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ failures: next.failures, last_at: next.lastAt }))
        .execute();
    }
    if (props.user) {
      await recordAudit(trx, { at: now, actorId: null, action: 'auth.login_failed', subjectType: 'user', subjectId: props.user.id, detail: { factor: props.factor } });
    }
  });
}


/**
 * Checks a password (and the second factor, when the account has one) and opens a session. The
 * same answer for an unknown email, a deactivated account and a wrong password. Repeated failures
 * are slowed and refused by `core/sign-in-throttle.ts`, counted in the database.
 */
export async function login(ctx: Context, props: SignInProps): Promise<{ token: string; user: UserView; pending: PendingStep[] }> {
  const email = props.email.trim().toLowerCase();
  const keys = throttleKeys(email, props.client);
  const verdict = judgeSignIn(await readCounts(ctx, keys), ctx.now());
  if (!verdict.allowed) {
    throw new DomainError('too_many_attempts', `Too many failed sign-ins; try again in ${verdict.retryAfterSeconds} seconds.`, {
      details: { retryAfterSeconds: verdict.retryAfterSeconds },
    });
  }
  if (verdict.pauseMs > 0) await (props.pause ?? realPause)(verdict.pauseMs);

  const row = await ctx.db.selectFrom('users').selectAll().where('email', '=', email).where('disabled_at', 'is', null).executeTakeFirst();
  const ok = await verifyPassword(props.password, row?.password_hash ?? unknownAccountHash());
  if (!row || !ok) {
    await recordFailure(ctx, { email, client: props.client, user: row, factor: 'password' });
    throw new DomainError('invalid_credentials', 'The email or password is not right.');
  }
  if (row.totp_enabled_at) {
    if (!props.code) throw new DomainError('second_factor_required', 'Enter the code from your authenticator app, or a recovery code.', { field: 'code' });
    const accepted = await verifySecondFactor(ctx, row, props.code);
    if (!accepted) {
      await recordFailure(ctx, { email, client: props.client, user: row, factor: 'code' });
      throw new DomainError('invalid_credentials', 'code: the code is not right, or was already used.', { field: 'code' });
    }
  }

  const { secret, digest } = newSecret('rs');
  const now = ctx.now();
  const expires = new Date(Date.parse(now) + sessionHours * 3600_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sign_in_failures').where('key', '=', keys.pair).execute();
    await trx
      .insertInto('credentials')
      .values({
        id: digest,
        user_id: row.id,
        kind: 'session',
        name: null,
        created_at: now,
        expires_at: expires,
        last_used_at: now,
        client: props.client.slice(0, 100),
        user_agent: props.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await recordAudit(trx, { at: now, actorId: row.id, action: 'auth.login', subjectType: 'user', subjectId: row.id });
  });
  return { token: secret, user: userView(row), pending: await pendingSteps(ctx, row) };
}

/** The steps a session of this user must take first; tokens are made deliberately and skip them. */
async function pendingSteps(ctx: Context, row: UsersTable): Promise<PendingStep[]> {
  const steps: PendingStep[] = [];
  if (row.must_change_password) steps.push('password_change');
  if (!row.totp_enabled_at && (await requiredTotpRoles(ctx)).includes(row.role)) steps.push('totp_enrolment');
  return steps;
}

export interface Authenticated {
  user: UserView;
  credential: { id: string; kind: 'session' | 'token' };
  pending: PendingStep[];
}

// Writing "last used" on every request would turn every read into a write; once a minute is enough to show.
const lastUsedEveryMs = 60_000;

// Every authenticated request runs it: compiled once (db/prepared.ts).
const credentialInForce = prepared((db, p: { digest: string; now: string }) =>
  db
    .selectFrom('credentials')
    .innerJoin('users', 'users.id', 'credentials.user_id')
    .selectAll('users')
    .select(['credentials.id as credential_id', 'credentials.kind as credential_kind', 'credentials.last_used_at as credential_used_at'])
    .where('credentials.id', '=', p.digest)
    .where('users.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('credentials.expires_at', 'is', null), eb('credentials.expires_at', '>', p.now)])),
);

/** The user and credential behind a session cookie or bearer token, if it is valid now. */
export async function authenticateCredential(ctx: Context, secret: string): Promise<Authenticated | null> {
  const now = ctx.now();
  const row = await credentialInForce.executeTakeFirst(ctx.db, { digest: digestSecret(secret), now });
  if (!row) return null;
  const { credential_id: id, credential_kind: kind, credential_used_at: usedAt, ...user } = row;
  if (!usedAt || Date.parse(now) - Date.parse(usedAt) > lastUsedEveryMs) {
    await ctx.db.updateTable('credentials').set({ last_used_at: now }).where('id', '=', id).execute();
  }
  const session = kind === 'session';
  return { user: userView(user), credential: { id, kind: session ? 'session' : 'token' }, pending: session ? await pendingSteps(ctx, user) : [] };
}

/** The user behind a session cookie or bearer token, if it is valid now. */
export async function authenticate(ctx: Context, secret: string): Promise<UserView | null> {
  return (await authenticateCredential(ctx, secret))?.user ?? null;
}

export async function logout(ctx: Context, secret: string): Promise<void> {
  const row = await ctx.db
    .deleteFrom('credentials')
    .where('id', '=', digestSecret(secret))
    .where('kind', '=', 'session')
    .returning('user_id')
    .executeTakeFirst();
  if (row) endCredentials(row.user_id);
}

export interface TokenView {
  id: string;
  kind: 'session' | 'token';
  name: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  client: string | null;
  userAgent: string | null;
}

/** Issues an API token (`Authorization: Bearer …`) that expires after `days` (90 unless given). */
export async function issueToken(
  ctx: Context,
  trx: Trx,
  props: { userId: string; name: string; days?: number; actorId: string | null },
): Promise<{ token: string; view: TokenView }> {
  const days = props.days ?? defaultTokenDays;
  if (!Number.isInteger(days) || days < 1) throw invalid('expiresInDays', 'must be a whole number of days, at least 1.');
  const name = props.name.trim();
  if (name === '' || name.length > 100) throw invalid('name', 'must be 1 to 100 characters.');
  const { secret, digest } = newSecret('rt');
  const now = ctx.now();
  const expiresAt = new Date(Date.parse(now) + days * 86_400_000).toISOString();
  await trx
    .insertInto('credentials')
    .values({ id: digest, user_id: props.userId, kind: 'token', name, created_at: now, expires_at: expiresAt, last_used_at: null })
    .execute();
  await recordAudit(trx, { at: now, actorId: props.actorId, action: 'token.create', subjectType: 'user', subjectId: props.userId, detail: { name, expiresAt } });
  return {
    token: secret,
    view: { id: digest, kind: 'token', name, createdAt: now, expiresAt, lastUsedAt: null, client: null, userAgent: null },
  };
}

/** Issues an API token for a user by email (the CLI's `redress token create`). */
export async function createToken(ctx: Context, props: { email: string; name: string; days?: number }): Promise<{ token: string; user: UserView; expiresAt: string | null }> {
  const row = await ctx.db.selectFrom('users').selectAll().where('email', '=', props.email.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw invalid('email', 'no user has this email.');
  const issued = await ctx.db.transaction().execute((trx) =>
    issueToken(ctx, trx, { userId: row.id, name: props.name, actorId: null, ...(props.days === undefined ? {} : { days: props.days }) }),
  );
  return { token: issued.token, user: userView(row), expiresAt: issued.view.expiresAt };
}
