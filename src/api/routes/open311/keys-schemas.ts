import { Type } from 'typebox';
import { Id, Nullable, Time } from '../../schemas.js';

export const Open311Key = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: Time,
  revokedAt: Nullable(Time),
  lastUsedAt: Nullable(Time),
});

/** A new key: the only answer that ever holds the key itself. */
export const NewOpen311Key = Type.Intersect([Open311Key, Type.Object({ key: Type.String() })]);

export const Open311KeyParams = Type.Object({ id: Id }, { additionalProperties: false });
