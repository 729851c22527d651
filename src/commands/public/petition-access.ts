import { accessCodeDigest, normaliseAccessCode, normaliseReference, sameDigest } from '../../core/access-code.js';
import { DomainError } from '../../core/errors.js';
import { findCase, type CaseRow } from '../../db/repositories/cases.js';
import type { Context, Trx } from '../../context/context.js';

/** What the petitioner presents: the reference and the private access code from their receipt. */
export interface PetitionKey {
  reference: string;
  accessCode: string;
}

/**
 * The one answer to a wrong code, an unknown reference, or a malformed one: the same status and the
 * same words, so an answer never tells which of the two was wrong.
 */
/**
 * A reference and access code that open no petition: a guess, as the guess throttle counts it. A
 * wrong notice or file id presented with the right key is an ordinary not_found, not a guess.
 */
export class NoSuchPetition extends DomainError {
  constructor() {
    super('not_found', 'No petition matches this reference and access code. Check both against your receipt.');
  }
}

function noSuchPetition(): DomainError {
  return new NoSuchPetition();
}

// Compared against when the reference is unknown, so both paths do the same work.
const absentDigest = accessCodeDigest('no petition has this digest');

/**
 * The case a reference and access code open, or `noSuchPetition`. The lookup, the hash and the
 * constant-time comparison run whether or not the reference exists. With `lock`, the case row is
 * held until the transaction ends.
 */
export async function petitionFor(ctx: Context, trx: Trx, key: PetitionKey, options: { lock?: boolean } = {}): Promise<CaseRow> {
  const reference = normaliseReference(key.reference) ?? key.reference.slice(0, 40);
  const code = normaliseAccessCode(key.accessCode);
  const stored = await trx
    .selectFrom('cases')
    .innerJoin('access_codes', 'access_codes.case_id', 'cases.id')
    .select(['cases.id as id', 'access_codes.digest as digest'])
    .where('cases.reference', '=', reference)
    .executeTakeFirst();
  const presented = accessCodeDigest(code ?? key.accessCode);
  const matches = sameDigest(presented, stored?.digest ?? absentDigest);
  if (!stored || !matches || code === null) throw noSuchPetition();
  const row = await findCase(trx, ctx.adapter, stored.id, { lock: options.lock ?? false });
  if (!row) throw noSuchPetition();
  // A duplicate merged into another case (commands/case-links.ts): its reference and code open the case that survives it.
  if (row.merged_into_id) {
    const survivor = await findCase(trx, ctx.adapter, row.merged_into_id, { lock: options.lock ?? false });
    if (!survivor) throw noSuchPetition();
    return survivor;
  }
  return row;
}
