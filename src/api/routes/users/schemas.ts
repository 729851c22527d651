import { Type } from 'typebox';
import { roles } from '../../../core/types.js';
import { Id, Nullable, Time } from '../../schemas.js';

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum([...roles]),
  unitId: Nullable(Id),
  language: Type.Enum(['zh', 'en']),
  createdAt: Time,
  active: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Enum([...roles]),
    unitId: Type.Optional(Nullable(Id)),
    /** The first password; the new user must replace it at their first sign-in. */
    password: Type.String({ minLength: 1, maxLength: 200 }),
    language: Type.Optional(Type.Enum(['zh', 'en'])),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Type.Enum([...roles])),
    unitId: Type.Optional(Nullable(Id)),
    language: Type.Optional(Type.Enum(['zh', 'en'])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TemporaryPassword = Type.Object({ temporaryPassword: Type.String() });

/** A session or an API token, as its owner and admins see it; the secret itself is never shown again. */
export const Credential = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['session', 'token']),
  name: Nullable(Type.String()),
  createdAt: Time,
  expiresAt: Nullable(Time),
  lastUsedAt: Nullable(Time),
  client: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  /** The session or token this request came with. */
  current: Type.Boolean(),
});

export const CredentialParams = Type.Object({ id: Id, credentialId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) },
  { additionalProperties: false },
);

export const NewToken = Type.Object({ token: Type.String(), item: Credential });
