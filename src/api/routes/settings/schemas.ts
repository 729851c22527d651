import { Type } from 'typebox';
import { Nullable } from '../../schemas.js';

export const Setting = Type.Object({
  name: Type.String({ description: 'The environment variable that sets it.' }),
  value: Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
});
