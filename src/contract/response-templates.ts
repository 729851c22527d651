import { Type } from 'typebox';
import { responseTemplateUses } from '../core/response-templates.js';
import { Id, Nullable, Time } from './common.js';

/** The office's response templates (答复模板, core/response-templates.ts): bodies and answers shared by the routes and the web app. */

const Body = Type.Object(
  {
    zh: Type.String({ minLength: 1, maxLength: 20_000 }),
    en: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false, description: 'The text in both languages; placeholders as {{reference}}, {{category}}, {{receivedDate}}, {{date}}, {{office}}, {{location}}.' },
);

export const ResponseTemplate = Type.Object({
  id: Id,
  name: Type.String(),
  use: Type.Enum([...responseTemplateUses]),
  /** Null: for every category. */
  category: Nullable(Type.String()),
  body: Type.Object({ zh: Type.String(), en: Type.String() }),
  active: Type.Boolean(),
  createdAt: Time,
  updatedAt: Time,
});

export const NewResponseTemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    use: Type.Enum([...responseTemplateUses], { description: 'answer (the written answer), or the reason of a non_acceptance, extension or transfer notice.' }),
    category: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    body: Body,
  },
  { additionalProperties: false },
);

export const ResponseTemplateEditBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    body: Type.Optional(Body),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A template filled in for one case, ready to put into the answer (or the reason) being written. */
export const FilledTemplate = Type.Object({ id: Id, name: Type.String(), use: Type.Enum([...responseTemplateUses]), category: Nullable(Type.String()), text: Type.Object({ zh: Type.String(), en: Type.String() }) });
