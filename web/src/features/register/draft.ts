import type { Static } from 'typebox';
import type { OpenCaseBody } from '../../../../src/contract/case-bodies.js';
import type { CaseKind, Channel, Urgency } from '../../../../src/core/types.js';
import { samePath } from '../../forms/schema-resolver';
import { fromZonedInput } from '../../ui/time';

export interface RepresentativeDraft {
  name: string;
  contact: string;
}

/** What the counter types: text as typed, turned into the body by `caseBody`. */
export interface CaseDraft {
  kind: CaseKind;
  channel: Channel;
  urgency: Urgency;
  category: string;
  title: string;
  description: string;
  location: string;
  headcount: string;
  representatives: RepresentativeDraft[];
  receiveTogether: boolean;
  petitionerName: string;
  petitionerContact: string;
  /** `YYYY-MM-DDTHH:mm` in the jurisdiction's zone; empty means now. */
  receivedAt: string;
}

export type OpenCase = Static<typeof OpenCaseBody>;

export function emptyDraft(channel: Channel): CaseDraft {
  return {
    kind: 'collective',
    channel,
    urgency: 'normal',
    category: '',
    title: '',
    description: '',
    location: '',
    headcount: '',
    representatives: [],
    receiveTogether: false,
    petitionerName: '',
    petitionerContact: '',
    receivedAt: '',
  };
}

const blank = (row: RepresentativeDraft) => row.name.trim() === '' && row.contact.trim() === '';

/** The rows on screen that are sent, in order: blank representative rows are left out. */
function sentRows(draft: CaseDraft): number[] {
  if (draft.kind !== 'collective') return [];
  return draft.representatives.flatMap((row, index) => (blank(row) ? [] : [index]));
}

/**
 * The body of `POST /api/v1/cases` for a draft. A headcount that is not a number is sent as NaN and
 * a time that is not one as typed, so the schema says what is wrong with them, beside their fields.
 */
export function caseBody(draft: CaseDraft, timeZone: string): OpenCase {
  const body: OpenCase = {
    kind: draft.kind,
    channel: draft.channel,
    urgency: draft.urgency,
    category: draft.category,
    title: draft.title,
    description: draft.description,
    location: draft.location.trim() || null,
  };
  if (draft.kind === 'collective') {
    const headcount = draft.headcount.trim();
    body.headcount = headcount === '' ? null : /^\d+$/.test(headcount) ? Number(headcount) : Number.NaN;
    body.representatives = sentRows(draft).map((index) => {
      const row = draft.representatives[index] ?? { name: '', contact: '' };
      return { name: row.name.trim(), contact: row.contact.trim() || null };
    });
    body.receiveTogether = draft.receiveTogether;
  } else if (draft.petitionerName.trim() || draft.petitionerContact.trim()) {
    body.petitioner = { name: draft.petitionerName.trim() || null, contact: draft.petitionerContact.trim() || null };
  }
  if (draft.receivedAt) body.receivedAt = fromZonedInput(draft.receivedAt, timeZone) ?? draft.receivedAt;
  return body;
}

/** The field of the draft a problem of the body belongs to: `representatives[1].name` is the second row sent, wherever it is on screen. */
export function draftField(path: string, draft: CaseDraft): string | undefined {
  const row = /^representatives\[(\d+)\]\.(name|contact)$/.exec(path);
  if (row) {
    const index = sentRows(draft)[Number(row[1])];
    return index === undefined ? undefined : `representatives.${index}.${row[2]}`;
  }
  if (path === 'representatives') return 'representatives.root';
  if (path === 'petitioner.name' || path === 'petitioner') return 'petitionerName';
  if (path === 'petitioner.contact') return 'petitionerContact';
  const name = samePath(path);
  return name in draft ? name : undefined;
}
