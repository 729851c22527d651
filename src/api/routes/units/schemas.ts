import { Type } from 'typebox';
import { unitKinds } from '../../../core/types.js';
import { Id, Nullable, Time } from '../../schemas.js';

export const Unit = Type.Object({
  id: Id,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  kind: Type.Enum([...unitKinds]),
  parentId: Nullable(Id),
  createdAt: Time,
});

export const CreateUnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    kind: Type.Enum([...unitKinds]),
    parentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
