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
});

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Enum([...roles]),
    unitId: Type.Optional(Nullable(Id)),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    language: Type.Optional(Type.Enum(['zh', 'en'])),
  },
  { additionalProperties: false },
);
