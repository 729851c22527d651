import { Type } from 'typebox';
import { noticeTopics } from '../../../core/notices.js';
import { Id, Nullable, Time } from '../../schemas.js';

const Topic = Type.Enum([...noticeTopics], { description: 'A notice Redress sends; the body posted has it as `type`' });

/** `all` (every notice, including any added later) or the topics named, at least one. */
export const Topics = Type.Union([Type.Literal('all'), Type.Array(Topic, { minItems: 1, uniqueItems: true })], {
  description: 'The notices delivered: `"all"` (the default, including topics added later) or a list of topics',
});

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

export const CreateWebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'An http:// or https:// URL' }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    topics: Type.Optional(Topics),
  },
  { additionalProperties: false },
);

export const UpdateWebhookBody = Type.Object(
  {
    active: Type.Optional(Type.Boolean({ description: '`false` stops deliveries (they wait, then fail); `true` resumes them' })),
    topics: Type.Optional(Topics),
  },
  { additionalProperties: false, minProperties: 1 },
);

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
