import { Type, type TSchema } from 'typebox';
import { guardCodes } from '../core/stages.js';

/** Shapes every wire schema uses; pure TypeBox, so the server and the web app import the same ones. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One property per name, each of the same schema, typed by name (`Object.fromEntries` alone types them as any string). */
export const eachNamed = <K extends string, T extends TSchema>(names: readonly K[], schema: T) =>
  Object.fromEntries(names.map((name) => [name, schema])) as Record<K, T>;

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Time = Type.String({ format: 'date-time' });

/** What holds a stage move back: a stable code (core/stages.ts `guardCodes`), translated by the apps. */
export const GuardCode = Type.Enum([...guardCodes]);

/** The petitioner's window to request a review (core/stages.ts `reviewWindow`): the same in the portal, the public API and the staff view. */
export const ReviewWindow = Type.Object({
  opensAt: Nullable(Time),
  until: Nullable(Time),
  possible: Type.Boolean(),
  blockedBy: Nullable(GuardCode),
});
