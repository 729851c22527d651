import { Type } from 'typebox';
import { unitKinds } from '../../../core/types.js';
import { Id, Nullable, Time } from '../../schemas.js';

export const Unit = Type.Object({
  id: Id,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  kind: Type.Enum([...unitKinds]),
  parentId: Nullable(Id),
  leaderName: Nullable(Type.String({ description: 'The responsible leader (责任领导), normally the head of the unit.' })),
  leaderDuty: Nullable(Type.String({ description: 'What the responsible leader answers for.' })),
  active: Type.Boolean(),
  deactivatedAt: Nullable(Time),
  createdAt: Time,
});

const leader = {
  leaderName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  leaderDuty: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const CreateUnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    kind: Type.Enum([...unitKinds]),
    parentId: Type.Optional(Nullable(Id)),
    ...leader,
  },
  { additionalProperties: false },
);

/** Only the fields sent change; `parentId: null` makes the unit a root of the tree. */
export const UpdateUnitBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    kind: Type.Optional(Type.Enum([...unitKinds])),
    parentId: Type.Optional(Nullable(Id)),
    ...leader,
  },
  { additionalProperties: false, minProperties: 1 },
);
