import type { Generated } from 'kysely';

/** Row shapes as stored. Times are ISO 8601 UTC strings on both databases. */
export interface UnitsTable {
  id: string;
  name: string;
  name_en: string | null;
  kind: string;
  parent_id: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  unit_id: string | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface CredentialsTable {
  /** SHA-256 of the secret; the secret itself is never stored. */
  id: string;
  user_id: string;
  kind: string;
  name: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface PlansTable {
  id: string;
  key: string;
  version: number;
  status: string;
  name: string;
  document: string;
  created_at: string;
  created_by: string | null;
  published_at: string | null;
  published_by: string | null;
}

export interface CasesTable {
  id: string;
  reference: string;
  plan_id: string;
  kind: string;
  channel: string;
  urgency: string;
  category: string;
  title: string;
  description: string;
  location: string | null;
  headcount: number | null;
  stage: string;
  stage_changed_at: string;
  not_accepted_reason: string | null;
  receive_together: number;
  received_at: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  accept_due_at: string | null;
  accepted_at: string | null;
  conclude_due_at: string | null;
  concluded_at: string | null;
  review_request_due_at: string | null;
  review_count: number;
  review_started_at: string | null;
  review_due_at: string | null;
  review_concluded_at: string | null;
  next_due_at: string | null;
  closed_at: string | null;
  petitioner_name_sealed: string | null;
  petitioner_contact_sealed: string | null;
}

export interface RepresentativesTable {
  id: string;
  case_id: string;
  position: number;
  name_sealed: string;
  contact_sealed: string | null;
  created_at: string;
}

export interface AssignmentsTable {
  id: string;
  case_id: string;
  unit_id: string;
  role: string;
  notified_at: string;
  notified_by: string | null;
  acknowledge_due_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  on_scene_due_at: string | null;
  arrived_at: string | null;
  arrived_by: string | null;
  proposal_due_at: string;
  proposal_submitted_at: string | null;
}

export interface EventsTable {
  id: Generated<number>;
  case_id: string;
  type: string;
  actor_id: string | null;
  at: string;
  data: string;
}

export interface MeetingsTable {
  id: string;
  case_id: string;
  held_at: string;
  attendees: string;
  summary: string;
  commitments: string;
  created_by: string | null;
  created_at: string;
}

export interface AnswersTable {
  id: string;
  case_id: string;
  body: string;
  review_round: number;
  created_by: string | null;
  created_at: string;
}

export interface StepCompletionsTable {
  case_id: string;
  step_id: string;
  done_by: string | null;
  done_at: string;
}

export interface AuditEntriesTable {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  credentials: CredentialsTable;
  plans: PlansTable;
  cases: CasesTable;
  representatives: RepresentativesTable;
  assignments: AssignmentsTable;
  events: EventsTable;
  meetings: MeetingsTable;
  answers: AnswersTable;
  step_completions: StepCompletionsTable;
  audit_entries: AuditEntriesTable;
  audit_head: AuditHeadTable;
}
