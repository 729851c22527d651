import { Type, type TSchema } from 'typebox';
import { GuardCode, Id, Nullable, ReviewWindow, Time } from '../contract/common.js';

/** Shapes shared by every resource's schemas (the ones the web app shares too live in src/contract). */
export { GuardCode, Id, Nullable, ReviewWindow, Time };

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Unknown()),
  }),
});

/** The error answers every authenticated route may give. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const LocalTextOut = Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });

