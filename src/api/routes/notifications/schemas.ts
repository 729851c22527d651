import { Type } from 'typebox';
import { Id, Nullable, Time } from '../../schemas.js';

/** An in-app notification, rendered in the reader's language. */
export const Notification = Type.Object({
  id: Id,
  caseId: Nullable(Id),
  template: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  createdAt: Time,
  readAt: Nullable(Time),
});
