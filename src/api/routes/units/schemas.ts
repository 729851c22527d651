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

