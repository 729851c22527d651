import { Type } from 'typebox';
import { noticeTopics } from '../core/notices.js';
import { roles, unitKinds } from '../core/types.js';
import { Id, Nullable } from './common.js';

/**
 * The bodies an admin sends to manage accounts, units, webhooks and Open311 keys, checked by the server and
 * by the web app's forms before sending: one schema each (see case-bodies.ts).
 */

const language = Type.Enum(['zh', 'en']);

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Enum([...roles]),
    unitId: Type.Optional(Nullable(Id)),
    /** The first password; the new user must replace it at their first sign-in. */
    password: Type.String({ minLength: 1, maxLength: 200 }),
    language: Type.Optional(language),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Type.Enum([...roles])),
    unitId: Type.Optional(Nullable(Id)),
    language: Type.Optional(language),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

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

export const CreateOpen311KeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

const Topic = Type.Enum([...noticeTopics], { description: 'A notice Redress sends; the body posted has it as `type`' });

/** `all` (every notice, including any added later) or the topics named, at least one. */
export const Topics = Type.Union([Type.Literal('all'), Type.Array(Topic, { minItems: 1, uniqueItems: true })], {
  description: 'The notices delivered: `"all"` (the default, including topics added later) or a list of topics',
});

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
