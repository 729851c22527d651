import { randomBytes } from 'node:crypto';
import { maxRepresentatives, type CaseKind } from '../../core/types.js';
import { typed, type PetitionInput, type Problem } from '../../commands/public/petition-input.js';
import type { Messages } from './i18n/index.js';

/** The hidden field carrying a petition form's one-time token. */
export const formTokenField = 'once';

/** A fresh one-time token for a petition form (128 random bits). */
export function newFormToken(): string {
  return randomBytes(16).toString('base64url');
}

/** The token a posted form carries, when it is one we could have issued. */
export function formToken(body: Record<string, unknown>): string | undefined {
  const value = single(body[formTokenField]);
  return /^[A-Za-z0-9_-]{22}$/.test(value) ? value : undefined;
}

/** The form field a person should leave empty; only software fills in a field it cannot see. */
export const honeypotField = 'website';

/** A submitted petition form: what to register, and what was typed, to show again if it is refused. */
interface PetitionForm {
  input: PetitionInput;
  /** The typed values by field name (the honeypot excluded), for re-rendering the form. */
  values: Record<string, string>;
  honeypotFilled: boolean;
}

const textFields = ['kind', 'category', 'title', 'description', 'location', 'headcount', 'name', 'contact', 'anonymous'];

const repFields = Array.from({ length: maxRepresentatives }, (_, index) => [`rep${index + 1}_name`, `rep${index + 1}_contact`]).flat();

function single(value: unknown): string {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : '';
}

/** Reads the urlencoded petition form into a petition; nothing is validated here but the shape. */
export function readPetitionForm(body: Record<string, unknown>): PetitionForm {
  const values: Record<string, string> = {};
  for (const field of [...textFields, ...repFields]) values[field] = single(body[field]);
  // The radio starts on "individual"; anything else a client sends is read as that too.
  const kind: CaseKind = values.kind === 'collective' ? 'collective' : 'individual';
  const representatives = Array.from({ length: maxRepresentatives }, (_, index) => ({
    name: typed(values[`rep${index + 1}_name`]) ?? '',
    contact: typed(values[`rep${index + 1}_contact`]),
  }))
    .filter((rep) => rep.name !== '' || rep.contact !== undefined)
    .map((rep) => (rep.contact ? rep : { name: rep.name }));
  const headcountText = typed(values.headcount);
  const anonymous = values.anonymous === 'on';
  const name = anonymous ? undefined : typed(values.name);
  const contact = anonymous ? undefined : typed(values.contact);
  const location = typed(values.location);
  const input: PetitionInput = {
    kind,
    category: typed(values.category) ?? '',
    title: typed(values.title) ?? '',
    description: typed(values.description) ?? '',
    ...(location ? { location } : {}),
    ...(headcountText !== undefined ? { headcount: /^\d{1,9}$/.test(headcountText) ? Number(headcountText) : Number.NaN } : {}),
    ...(representatives.length > 0 ? { representatives } : {}),
    ...(name || contact ? { petitioner: { ...(name ? { name } : {}), ...(contact ? { contact } : {}) } } : {}),
  };
  return { input, values, honeypotFilled: single(body[honeypotField]).trim() !== '' };
}

/** The id of the form control a problem is about, for the error summary's links. */
export function problemControl(field: string): string {
  const rep = /^representatives\[(\d+)\]\.(name|contact)$/.exec(field);
  if (rep) return `rep${Number(rep[1]) + 1}_${rep[2]}`;
  if (field === 'representatives') return 'rep1_name';
  if (field === 'petitioner.name') return 'name';
  if (field === 'petitioner.contact') return 'contact';
  return field;
}

/** A problem in the reader's language. */
export function problemText(m: Messages, problem: Problem): string {
  const rep = /^representatives\[(\d+)\]\.(name|contact)$/.exec(problem.field);
  const fields = m.fields as Record<string, unknown>;
  const label = rep
    ? rep[2] === 'name'
      ? m.fields.representativeName(Number(rep[1]) + 1)
      : m.fields.representativeContact(Number(rep[1]) + 1)
    : typeof fields[problem.field] === 'string'
      ? (fields[problem.field] as string)
      : problem.field;
  const say = m.problems[problem.rule];
  return say(label, problem.limit ?? 0);
}
