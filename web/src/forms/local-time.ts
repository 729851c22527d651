/**
 * A `datetime-local` field's value (the reader's own clock, no zone) as the UTC instant the API
 * takes. Left as typed when it is not a time, so the server's problem names the field.
 */
export function localTimeToIso(local: string): string {
  const parsed = new Date(local);
  return Number.isNaN(parsed.getTime()) ? local : parsed.toISOString();
}
