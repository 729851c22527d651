import type { ColumnType, Generated } from 'kysely';
import type { AssignmentRole, CaseKind, Channel, Role, Stage, UnitKind, Urgency } from '../core/types.js';
import type { Language, TemplateKey } from '../notifications/templates.js';

/** Row shapes as stored. Times are ISO 8601 UTC strings on both databases. */
export interface UnitsTable {
  id: string;
  name: string;
  name_en: string | null;
  kind: UnitKind;
  parent_id: string | null;
  created_at: string;
  /** The unit's responsible leader (责任领导) and what they answer for (migration 011). */
  leader_name: OptionalText;
  leader_duty: OptionalText;
  /** Set when the unit was deactivated: it keeps its history but takes no new assignments. */
  deactivated_at: OptionalText;
  updated_at: OptionalText;
}

/** A nullable column an insert may leave out (it is then null). */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  unit_id: string | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  language: Language;
  /** 1 after an admin's reset: the next sign-in must choose a new password (migration 010). */
  must_change_password?: number;
  totp_secret_sealed?: string | null;
  /** A secret shown for enrolment, enabled only once a code from it is confirmed. */
  totp_pending_sealed?: string | null;
  totp_enabled_at?: string | null;
  totp_last_step?: number | string | null;
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
  /** Where a session signed in from and with what browser, for its owner's list (migration 010). */
  client?: string | null;
  user_agent?: string | null;
}

/** A second-factor recovery code, as a SHA-256 digest; each works once. */
interface RecoveryCodesTable {
  digest: string;
  user_id: string;
  created_at: string;
  used_at: string | null;
}

/** Failed sign-ins counted per key (`pair:`, `client:`, `account:`); see core/sign-in-throttle.ts. */
interface SignInFailuresTable {
  key: string;
  failures: number;
  last_at: string;
}

export interface PlansTable {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published';
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
  kind: CaseKind;
  channel: Channel;
  urgency: Urgency;
  category: string;
  title: string;
  description: string;
  location: string | null;
  headcount: number | null;
  stage: Stage;
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
  /** When the open clock pause began (commands/pauses.ts), null when none is open. */
  paused_at: string | null;
  closed_at: string | null;
  petitioner_name_sealed: string | null;
  petitioner_contact_sealed: string | null;
  lead_unit_id: string | null;
  personal_data_purged_at?: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  extended_at: string | null;
  /** The pending request for the extension, until a leader approves or refuses it (migration 021). */
  extension_request_days: number | null;
  extension_request_reason: string | null;
  extension_requested_at: string | null;
  extension_requested_by: string | null;
  /** The nature of the matter and its lawful channel (migration 025; core/matter.ts). Optional: they default to null. */
  matter_class?: string | null;
  discipline_unit_id?: string | null;
  lawful_channel?: string | null;
  lawful_channel_at?: string | null;
  adoption?: string | null;
  adoption_note?: string | null;
  earlier_reference?: string | null;
  /** The case this one was merged into as its duplicate (migration 035; core/case-links.ts); null while it stands on its own. */
  merged_into_id?: string | null;
  /**
   * JSON array of flags a coordinator must see, e.g. ["suspected_spam"] (migration 003). Optional
   * here because the column has a default: commands that build a whole row need not set it.
   */
  flags?: string;
  /** 'supervised' or 'listed' while the case is under the leadership group's supervision (migration 032), else null. */
  supervision?: 'supervised' | 'listed' | null;
  /** The leader who took personal charge of the case (包案) and when (migration 041); null when none has. */
  leader_in_charge_id?: string | null;
  leader_in_charge_at?: string | null;
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
  role: AssignmentRole;
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
  objection_due_at: string | null;
  objected_at: string | null;
  objection_reason: string | null;
  released_at: string | null;
  /** When the case first came to rest (closed, not accepted) and stopped this unit's clocks for good. */
  clocks_stopped_at: string | null;
  /** The case's received_at, copied so a unit's queue is read in order from one index. */
  case_received_at: string | null;
  /**
   * The case's other sort keys (its next deadline, far future when none; its urgency as 2, 1, 0),
   * kept by triggers (migration 006) for the same reason. Optional: no command writes them.
   */
  case_due_key?: string | null;
  case_urgency_rank?: number | null;
}

export interface EventsTable {
  id: Generated<number>;
  case_id: string;
  type: string;
  actor_id: string | null;
  at: string;
  data: string;
  /** Set by the sequencer, which chains the timeline as it does the audit log. */
  chain_seq: Generated<number | null>;
  prev_hash: Generated<string | null>;
  hash: Generated<string | null>;
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

/** A clock pause (core/pauses.ts): open while `ended_at` is null. */
export interface PausesTable {
  id: string;
  case_id: string;
  kind: string;
  reason: string;
  planned_end: string;
  started_at: string;
  ended_at: string | null;
  started_by: string | null;
  ended_by: string | null;
}

/** A written notice as it was sent (core/written-notices.ts); `content_sealed` is a sealed NoticeContent. */
export interface WrittenNoticesTable {
  id: string;
  case_id: string;
  kind: string;
  content_sealed: string;
  office: string;
  issued_at: string;
  issued_by: string | null;
}

/** A routing catalogue entry (core/catalogue.ts); `assisting_unit_ids` is a JSON array of unit ids. */
export interface CatalogueEntriesTable {
  id: string;
  plan_key: string;
  category: string;
  area_unit_id: string | null;
  lead_unit_id: string;
  assisting_unit_ids: string;
  active: number;
  objections: number;
  reroutes: number;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  edited_by: string | null;
}

/** What the catalogue proposed for a case at registration, and what the office made of it. */
export interface RoutingProposalsTable {
  case_id: string;
  entry_id: string;
  area_unit_id: string | null;
  lead_unit_id: string;
  assisting_unit_ids: string;
  status: string;
  proposed_at: string;
  decided_at: string | null;
  decided_by: string | null;
  final_lead_unit_id: string | null;
  final_assisting_unit_ids: string | null;
}

/** A transfer (转送) or assignment (交办) of a case to a unit of the tree or a body outside (core/transfers.ts). */
export interface TransfersTable {
  id: string;
  case_id: string;
  kind: string;
  unit_id: string | null;
  body_name: string | null;
  reason: string;
  assignment_id: string | null;
  notice_id: string | null;
  reply_due_at: string;
  result_due_at: string | null;
  created_at: string;
  created_by: string | null;
  reply: string | null;
  reply_note: string | null;
  replied_at: string | null;
  replied_by: string | null;
  report: string | null;
  reported_at: string | null;
  reported_by: string | null;
}

/**
 * A file on a case (scanned letter, photo, document; migration 027). Its name is sealed like
 * personal data; its bytes, sealed, are in `attachment_blobs` or the S3 store (`storage`).
 */
export interface AttachmentsTable {
  id: string;
  case_id: string;
  /** 1, 2, … in the order the case received its files. */
  position: number;
  name_sealed: string;
  media_type: string;
  size: number;
  sha256: string;
  /** 1: staff only, never shown to the petitioner. */
  internal: number;
  /** 'staff' or 'petitioner' (who has no user id). */
  uploaded_via: string;
  uploaded_by: string | null;
  /** Where the sealed bytes are: 'database' or 's3'. */
  storage: string;
  created_at: string;
}

/** A pair of cases a person decided about (core/case-links.ts): the lower id first; `status` linked, dismissed or merged. */
export interface CaseLinksTable {
  id: string;
  low_case_id: string;
  high_case_id: string;
  status: string;
  score: number | null;
  decided_at: string;
  decided_by: string | null;
}

/** An office's response template (core/response-templates.ts): `use` says what it is for, `category` null for every category. */
export interface ResponseTemplatesTable {
  id: string;
  name: string;
  use: string;
  category: string | null;
  body_zh: string;
  body_en: string;
  active: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface AttachmentBlobsTable {
  attachment_id: string;
  sealed: Buffer;
}

export interface StepCompletionsTable {
  case_id: string;
  step_id: string;
  done_by: string | null;
  done_at: string;
}

/** An audit entry is written unsequenced (seq, prev_hash, hash null) and chained later by the sequencer. */
export interface AuditEntriesTable {
  id: Generated<number>;
  seq: Generated<number | null>;
  at: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  prev_hash: Generated<string | null>;
  hash: Generated<string | null>;
}

/** The head of a hash chain: `audit` (audit_entries) or `events` (the case timeline). */
interface ChainHeadsTable {
  chain: 'audit' | 'events';
  seq: number;
  hash: string;
}

/** A signed statement of both chains' heads, so the chains cannot be rewritten without the key. */
interface AuditCheckpointsTable {
  id: Generated<number>;
  at: string;
  audit_seq: number;
  audit_hash: string;
  events_seq: number;
  events_hash: string;
  key_id: string;
  signature: string;
  emailed: Generated<number>;
}

/** A round of review by the body above (migration 034; core/reviews.ts): 1 the review, 2 the second review. */
export interface ReviewsTable {
  id: string;
  case_id: string;
  round: number;
  requested_at: string;
  /** Staff who recorded the petitioner's request; null when the petitioner asked through the portal. */
  requested_by: string | null;
  reason: string;
  /** The jurisdiction whose answer is reviewed (its root unit; null: the deployment's own). */
  answered_by_root_id: string | null;
  /** The jurisdiction the round went to (null when it is not in the system). */
  body_root_id: string | null;
  /** Its petition office, which handles the round; null when the body is outside the system. */
  body_unit_id: string | null;
  /** The name of a review body outside the system, as the office recorded it. */
  outside_body: string | null;
  outside_body_at: string | null;
  outcome: string | null;
  outcome_note: string | null;
  outcome_at: string | null;
  outcome_by: string | null;
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
  pauses: PausesTable;
  written_notices: WrittenNoticesTable;
  catalogue_entries: CatalogueEntriesTable;
  routing_proposals: RoutingProposalsTable;
  transfers: TransfersTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  response_templates: ResponseTemplatesTable;
  reviews: ReviewsTable;
  case_links: CaseLinksTable;
  step_completions: StepCompletionsTable;
  audit_entries: AuditEntriesTable;
  chain_heads: ChainHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
  settings: SettingsTable;
  deadlines: DeadlinesTable;
  supervisions: SupervisionsTable;
  reception_days: ReceptionDaysTable;
  reception_bookings: ReceptionBookingsTable;
  commitments: CommitmentsTable;
  callbacks: CallbacksTable;
  reworks: ReworksTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  case_tallies: CaseTalliesTable;
  case_flow: CaseFlowTable;
  case_due_tallies: CaseDueTalliesTable;
  access_codes: AccessCodesTable;
  feedback: FeedbackTable;
  open311_keys: Open311KeysTable;
  open311_requests: Open311RequestsTable;
  limit_counters: LimitCountersTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_failures: SignInFailuresTable;
  idempotency_keys: IdempotencyKeysTable;
}

/** What a request that opened a case answered, under its idempotency key (see commands/support/idempotency.ts). */
interface IdempotencyKeysTable {
  scope: string;
  key: string;
  fingerprint: string;
  case_id: string | null;
  result_sealed: string | null;
  shown_at: string | null;
  created_at: string;
  expires_at: string;
}

/** One key's count in its current window, shared by every server process (see db/counters.ts). */
interface LimitCountersTable {
  key: string;
  count: number;
  /** Epoch milliseconds. */
  window_ends_at: number;
}

interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** One row per clock a case or an assignment carries; the scanner reads only open, due rows. */
export interface DeadlinesTable {
  id: string;
  case_id: string;
  subject: string;
  kind: string;
  unit_id: string | null;
  due_at: string;
  done_at: string | null;
  missed_at: string | null;
  escalate_at: string | null;
  escalated_at: string | null;
  /** The supervision ladder (migration 032, core/ladder.ts): when the clock began, its reminders, its steps up the chain. */
  started_at?: string | null;
  remind_at?: string | null;
  remind_step?: number | null;
  escalation_step?: number;
}

/** A case under the leadership group's supervision (督办) or listed supervision (挂牌督办), Art. 40 (migration 032). */
/** A call-back task (回访) and, once recorded, its outcome (migration 040; core/callbacks.ts). */
export interface CallbacksTable {
  id: string;
  case_id: string;
  answer_id: string | null;
  after_rework_id: string | null;
  due_at: string;
  started_at: string;
  outcome: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | 'unreachable' | null;
  reason: string | null;
  /** What was said on the call, sealed: the petitioner's words are personal data. */
  notes_sealed: string | null;
  recorded_at: string | null;
  recorded_by: string | null;
}

/** A case sent back to its lead unit for rework (发回重办), its clock and the unit's report (migration 040). */
export interface ReworksTable {
  id: string;
  case_id: string;
  unit_id: string;
  source: 'callback' | 'rating';
  callback_id: string | null;
  feedback_id: string | null;
  reason: string;
  requirements: string;
  due_at: string;
  started_at: string;
  started_by: string | null;
  report: string | null;
  reported_at: string | null;
  reported_by: string | null;
}

export interface SupervisionsTable {
  id: string;
  case_id: string;
  kind: 'supervised' | 'listed';
  unit_id: string;
  requirements: string;
  notice_id: string;
  feedback_due_at: string;
  started_at: string;
  started_by: string | null;
  feedback: string | null;
  feedback_at: string | null;
  feedback_by: string | null;
  ended_at: string | null;
  ended_by: string | null;
  end_note: string | null;
}

/** A leader reception day (领导接访日, migration 041): who receives, when, where, for how many cases. */
export interface ReceptionDaysTable {
  id: string;
  leader_id: string;
  title: string;
  title_en: string | null;
  unit_id: string | null;
  starts_at: string;
  ends_at: string;
  place: string;
  capacity: number;
  created_at: string;
  created_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

/** A case booked onto a reception day (migration 041): by the office or by the petitioner on the portal. */
export interface ReceptionBookingsTable {
  id: string;
  day_id: string;
  case_id: string;
  via: 'office' | 'portal';
  booked_at: string;
  booked_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

/** A commitment a meeting or a decision made on a case (承诺事项; migration 039, core/commitments.ts). */
export interface CommitmentsTable {
  id: string;
  case_id: string;
  source: 'meeting' | 'decision';
  meeting_id: string | null;
  text: string;
  owner_unit_id: string;
  due_at: string;
  /** 'open', 'done' (with `evidence`) or 'dropped' (with `drop_reason`); an open one past `due_at` is overdue. */
  status: 'open' | 'done' | 'dropped';
  done_at: string | null;
  done_by: string | null;
  evidence: string | null;
  dropped_at: string | null;
  dropped_by: string | null;
  drop_reason: string | null;
  created_at: string;
  created_by: string | null;
}

/** The durable outbox: written in the transaction of the change that causes it. */
export interface NotificationsTable {
  id: string;
  channel: string;
  user_id: string | null;
  webhook_id: string | null;
  address_sealed: string | null;
  case_id: string | null;
  template: TemplateKey;
  language: Language;
  data: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  claimed_until: string | null;
  last_error: string | null;
  /** Why the last attempt failed, as a code (see notifications/delivery.ts), and the receiver's HTTP status. */
  last_error_code: string | null;
  last_http_status: number | null;
  created_at: string;
  sent_at: string | null;
  read_at: string | null;
}

interface WebhooksTable {
  id: string;
  url: string;
  secret: string;
  description: string | null;
  created_at: string;
  created_by: string | null;
  disabled_at: string | null;
  /** `all`, or the notice topics it receives, comma-separated (repositories/webhooks.ts). */
  topics: ColumnType<string, string | undefined, string>;
}

/** A petitioner's private access code, as a SHA-256 digest only (see core/access-code.ts). */
interface AccessCodesTable {
  case_id: string;
  digest: string;
  created_at: string;
}

/** The petitioner's rating of an answer, 1 (very unsatisfied) to 5 (very satisfied). */
interface FeedbackTable {
  id: string;
  case_id: string;
  answer_id: string;
  rating: number;
  comment: string | null;
  created_at: string;
}

/** An Open311 client's API key; `digest` is the SHA-256 of the key, which is never stored. */
export interface Open311KeysTable {
  id: string;
  name: string;
  digest: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

/** What an Open311 client sent beyond the case itself: where, a media link, and its token. */
interface Open311RequestsTable {
  case_id: string;
  key_id: string;
  token: string;
  latitude: number | null;
  longitude: number | null;
  address_string: string | null;
  address_id: string | null;
  media_url: string | null;
  /** The fetch of media_url into an attachment (migration 044): pending, fetched or failed; null for none to fetch. */
  media_state: 'pending' | 'fetched' | 'failed' | null;
  media_attempts: Generated<number>;
  media_next_at: string | null;
  /** Why the fetch failed, as a code (attachments/remote-media.ts MediaFetchFailure, or the file check's problem code). */
  media_failure: string | null;
  media_attachment_id: string | null;
  created_at: string;
}

/** Running counts kept by database triggers (migrations 002, 015); written by code only to fold shards (db/tallies.ts). */
interface CaseTalliesTable {
  stage: Stage;
  urgency: Urgency;
  category: string;
  lead_unit_id: string;
  /** The PostgreSQL backend that wrote the row (0 on SQLite, and once folded): readers sum shards. */
  shard: number;
  count: number;
}

/** Cases received and closed per UTC hour (`YYYY-MM-DDTHH`) and shard, kept by database triggers. */
interface CaseFlowTable {
  hour: string;
  shard: number;
  received: number;
  closed: number;
}

/** Open cases with a next deadline by its UTC hour (hours long past folded into one) and lead unit. */
interface CaseDueTalliesTable {
  due_hour: string;
  lead_unit_id: string;
  shard: number;
  count: number;
}
