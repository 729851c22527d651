import { Type } from 'typebox';

export const CalendarDay = Type.Object({ date: Type.String({ format: 'date' }), name: Type.String() });
/** The calendar in force, year by year. */
export const CalendarYears = Type.Object({
  name: Type.String(),
  years: Type.Array(Type.Object({ year: Type.Integer(), holidays: Type.Array(CalendarDay), workdays: Type.Array(CalendarDay, { description: 'Weekend days worked instead (调休)' }) })),
});
