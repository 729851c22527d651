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

export const NewToken = Type.Object({ token: Type.String(), item: Credential });
