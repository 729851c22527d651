import { Type, type TSchema } from 'typebox';

/** Shapes every wire schema uses; pure TypeBox, so the server and the web app import the same ones. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Time = Type.String({ format: 'date-time' });
