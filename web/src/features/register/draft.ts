import type { CaseKind, Channel, Urgency } from '../../../../src/core/types.js';
import { fromZonedInput } from '../../ui/time';
import type { RepresentativeDraft } from './representatives-fields';

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

/**
 * The body of `POST /api/v1/cases` for a draft, and for each representative row the position it
 * was sent at (blank rows are left out), so the server's `representatives[i]` errors find their row.
 * Nothing is checked here: the server says what is wrong, in its own words.
 */
export function caseBody(draft: CaseDraft, timeZone: string): { body: Record<string, unknown>; sentIndex: (row: number) => number } {
  const collective = draft.kind === 'collective';
  const rows = collective ? draft.representatives.map((row, index) => ({ row, index })).filter(({ row }) => !blank(row)) : [];
  const positions = new Map(rows.map(({ index }, position) => [index, position]));
  const headcount = draft.headcount.trim();
  const body: Record<string, unknown> = {
    kind: draft.kind,
    channel: draft.channel,
    urgency: draft.urgency,
    category: draft.category,
    title: draft.title,
    description: draft.description,
    location: draft.location.trim() || null,
  };
  if (collective) {
    body.headcount = headcount === '' ? null : /^\d+$/.test(headcount) ? Number(headcount) : headcount;
    body.representatives = rows.map(({ row }) => ({ name: row.name.trim(), contact: row.contact.trim() || null }));
    body.receiveTogether = draft.receiveTogether;
  } else if (draft.petitionerName.trim() || draft.petitionerContact.trim()) {
    body.petitioner = { name: draft.petitionerName.trim() || null, contact: draft.petitionerContact.trim() || null };
  }
  if (draft.receivedAt) body.receivedAt = fromZonedInput(draft.receivedAt, timeZone) ?? draft.receivedAt;
  return { body, sentIndex: (row) => positions.get(row) ?? row };
}
