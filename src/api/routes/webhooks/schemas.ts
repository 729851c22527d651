import { Type } from 'typebox';
import { Topics } from '../../../contract/admin-bodies.js';
import { Id, Nullable, Time } from '../../schemas.js';

export const Webhook = Type.Object({
  id: Id,
  url: Type.String(),
  description: Nullable(Type.String()),
  createdAt: Time,
  disabledAt: Nullable(Time),
  topics: Topics,
  pending: Type.Integer({ description: 'Deliveries waiting for their first or next attempt' }),
  failed: Type.Integer({ description: 'Deliveries given up after the last retry' }),
  lastSentAt: Nullable(Time),
});

/** A new webhook: the only answer that ever holds its signing secret. */
export const NewWebhook = Type.Intersect([Webhook, Type.Object({ secret: Type.String() })]);

const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]);

export const DeliveriesQuery = Type.Object(
  { status: Type.Optional(DeliveryStatus), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

export const Delivery = Type.Object({
  id: Id,
  template: Type.String({ description: 'The notification, e.g. `case.assigned`; the body posted has it as `type`' }),
  caseId: Nullable(Id),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  lastErrorCode: Nullable(
    Type.Union(
      [
        Type.Literal('http_status'),
        Type.Literal('timeout'),
        Type.Literal('unreachable'),
        Type.Literal('webhook_disabled'),
        Type.Literal('unsubscribed'),
        Type.Literal('email_not_configured'),
        Type.Literal('error'),
      ],
      { description: "Why the last attempt failed; `http_status` with the receiver's status in `lastHttpStatus`; `unsubscribed`: the webhook dropped the topic before it was sent (given up at once)" },
    ),
  ),
  lastHttpStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String({ description: "The receiver's or the network's own words, for the operator" })),
  nextAttemptAt: Nullable(Time),
  createdAt: Time,
  sentAt: Nullable(Time),
});
