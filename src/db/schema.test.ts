import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestStore, type TestStore } from '../../test/databases.js';
import type { Database } from './schema.js';

/**
 * Every table's columns, as the migrations make them. `satisfies` holds this list to the row types
 * of schema.ts one way (no column here that schema.ts lacks) and `complete` below the other way (none
 * of schema.ts left out), so a column added, renamed or dropped on one side only fails the
 * typecheck; the test holds the list to the migrated database on each kind.
 */
const columns = {
  units: ['id', 'name', 'name_en', 'kind', 'parent_id', 'created_at', 'leader_name', 'leader_duty', 'deactivated_at', 'updated_at'],
  users: ['id', 'email', 'name', 'role', 'unit_id', 'password_hash', 'created_at', 'disabled_at', 'language', 'must_change_password', 'totp_secret_sealed', 'totp_pending_sealed', 'totp_enabled_at', 'totp_last_step'],
  credentials: ['id', 'user_id', 'kind', 'name', 'created_at', 'expires_at', 'last_used_at', 'client', 'user_agent'],
  plans: ['id', 'key', 'version', 'status', 'name', 'document', 'created_at', 'created_by', 'published_at', 'published_by'],
  cases: ['id', 'reference', 'plan_id', 'kind', 'channel', 'urgency', 'category', 'title', 'description', 'location', 'headcount', 'stage', 'stage_changed_at', 'not_accepted_reason', 'receive_together', 'received_at', 'created_at', 'created_by', 'updated_at', 'accept_due_at', 'accepted_at', 'conclude_due_at', 'concluded_at', 'review_request_due_at', 'review_count', 'review_started_at', 'review_due_at', 'review_concluded_at', 'next_due_at', 'closed_at', 'petitioner_name_sealed', 'petitioner_contact_sealed', 'lead_unit_id', 'personal_data_purged_at', 'extension_days', 'extension_reason', 'extended_at', 'flags', 'extension_request_days', 'extension_request_reason', 'extension_requested_at', 'extension_requested_by', 'paused_at', 'matter_class', 'discipline_unit_id', 'lawful_channel', 'lawful_channel_at', 'adoption', 'adoption_note', 'earlier_reference', 'supervision', 'merged_into_id', 'leader_in_charge_id', 'leader_in_charge_at'],
  representatives: ['id', 'case_id', 'position', 'name_sealed', 'contact_sealed', 'created_at'],
  assignments: ['id', 'case_id', 'unit_id', 'role', 'notified_at', 'notified_by', 'acknowledge_due_at', 'acknowledged_at', 'acknowledged_by', 'on_scene_due_at', 'arrived_at', 'arrived_by', 'proposal_due_at', 'proposal_submitted_at', 'objection_due_at', 'objected_at', 'objection_reason', 'released_at', 'clocks_stopped_at', 'case_received_at', 'case_due_key', 'case_urgency_rank'],
  events: ['id', 'case_id', 'type', 'actor_id', 'at', 'data', 'chain_seq', 'prev_hash', 'hash'],
  meetings: ['id', 'case_id', 'held_at', 'attendees', 'summary', 'commitments', 'created_by', 'created_at'],
  answers: ['id', 'case_id', 'body', 'review_round', 'created_by', 'created_at'],
  pauses: ['id', 'case_id', 'kind', 'reason', 'planned_end', 'started_at', 'ended_at', 'started_by', 'ended_by'],
  written_notices: ['id', 'case_id', 'kind', 'content_sealed', 'office', 'issued_at', 'issued_by'],
  catalogue_entries: ['id', 'plan_key', 'category', 'area_unit_id', 'lead_unit_id', 'assisting_unit_ids', 'active', 'objections', 'reroutes', 'created_at', 'updated_at', 'edited_at', 'edited_by'],
  routing_proposals: ['case_id', 'entry_id', 'area_unit_id', 'lead_unit_id', 'assisting_unit_ids', 'status', 'proposed_at', 'decided_at', 'decided_by', 'final_lead_unit_id', 'final_assisting_unit_ids'],
  transfers: ['id', 'case_id', 'kind', 'unit_id', 'body_name', 'reason', 'assignment_id', 'notice_id', 'reply_due_at', 'result_due_at', 'created_at', 'created_by', 'reply', 'reply_note', 'replied_at', 'replied_by', 'report', 'reported_at', 'reported_by'],
  attachments: ['id', 'case_id', 'position', 'name_sealed', 'media_type', 'size', 'sha256', 'internal', 'uploaded_via', 'uploaded_by', 'storage', 'created_at'],
  attachment_blobs: ['attachment_id', 'sealed'],
  case_links: ['id', 'low_case_id', 'high_case_id', 'status', 'score', 'decided_at', 'decided_by'],
  response_templates: ['id', 'name', 'use', 'category', 'body_zh', 'body_en', 'active', 'created_at', 'created_by', 'updated_at'],
  reviews: ['id', 'case_id', 'round', 'requested_at', 'requested_by', 'reason', 'answered_by_root_id', 'body_root_id', 'body_unit_id', 'outside_body', 'outside_body_at', 'outcome', 'outcome_note', 'outcome_at', 'outcome_by'],
  step_completions: ['case_id', 'step_id', 'done_by', 'done_at'],
  audit_entries: ['id', 'seq', 'at', 'actor_id', 'action', 'subject_type', 'subject_id', 'detail', 'prev_hash', 'hash'],
  chain_heads: ['chain', 'seq', 'hash'],
  audit_checkpoints: ['id', 'at', 'audit_seq', 'audit_hash', 'events_seq', 'events_hash', 'key_id', 'signature', 'emailed'],
  settings: ['key', 'value', 'updated_at', 'updated_by'],
  deadlines: ['id', 'case_id', 'subject', 'kind', 'unit_id', 'due_at', 'done_at', 'missed_at', 'escalate_at', 'escalated_at', 'started_at', 'remind_at', 'remind_step', 'escalation_step'],
  reception_days: ['id', 'leader_id', 'title', 'title_en', 'unit_id', 'starts_at', 'ends_at', 'place', 'capacity', 'created_at', 'created_by', 'cancelled_at', 'cancelled_by'],
  reception_bookings: ['id', 'day_id', 'case_id', 'via', 'booked_at', 'booked_by', 'cancelled_at', 'cancelled_by'],
  supervisions: ['id', 'case_id', 'kind', 'unit_id', 'requirements', 'notice_id', 'feedback_due_at', 'started_at', 'started_by', 'feedback', 'feedback_at', 'feedback_by', 'ended_at', 'ended_by', 'end_note'],
  commitments: ['id', 'case_id', 'source', 'meeting_id', 'text', 'owner_unit_id', 'due_at', 'status', 'done_at', 'done_by', 'evidence', 'dropped_at', 'dropped_by', 'drop_reason', 'created_at', 'created_by'],
  callbacks: ['id', 'case_id', 'answer_id', 'after_rework_id', 'due_at', 'started_at', 'outcome', 'reason', 'notes_sealed', 'recorded_at', 'recorded_by'],
  reworks: ['id', 'case_id', 'unit_id', 'source', 'callback_id', 'feedback_id', 'reason', 'requirements', 'due_at', 'started_at', 'started_by', 'report', 'reported_at', 'reported_by'],
  notifications: ['id', 'channel', 'user_id', 'webhook_id', 'address_sealed', 'case_id', 'template', 'language', 'data', 'status', 'attempts', 'next_attempt_at', 'claimed_until', 'last_error', 'last_error_code', 'last_http_status', 'created_at', 'sent_at', 'read_at'],
  webhooks: ['id', 'url', 'secret', 'description', 'created_at', 'created_by', 'disabled_at', 'topics'],
  case_tallies: ['stage', 'urgency', 'category', 'lead_unit_id', 'shard', 'count'],
  case_flow: ['hour', 'shard', 'received', 'closed'],
  case_due_tallies: ['due_hour', 'lead_unit_id', 'shard', 'count'],
  access_codes: ['case_id', 'digest', 'created_at'],
  feedback: ['id', 'case_id', 'answer_id', 'rating', 'comment', 'created_at'],
  open311_keys: ['id', 'name', 'digest', 'created_at', 'created_by', 'revoked_at', 'revoked_by', 'last_used_at'],
  open311_requests: ['case_id', 'key_id', 'token', 'latitude', 'longitude', 'address_string', 'address_id', 'media_url', 'media_state', 'media_attempts', 'media_next_at', 'media_failure', 'media_attachment_id', 'created_at'],
  limit_counters: ['key', 'count', 'window_ends_at'],
  recovery_codes: ['digest', 'user_id', 'created_at', 'used_at'],
  sign_in_failures: ['key', 'failures', 'last_at'],
  idempotency_keys: ['scope', 'key', 'fingerprint', 'case_id', 'result_sealed', 'shown_at', 'created_at', 'expires_at'],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T] & string)[] };

type Unlisted = { [T in keyof Database]: Exclude<keyof Database[T], (typeof columns)[T][number]> }[keyof Database];
/** A column of schema.ts missing above makes this a type error naming it. */
const complete: [Unlisted] extends [never] ? true : Unlisted = true;

/** Tables the database has for its own bookkeeping, outside the row types. */
const bookkeeping = new Set(['kysely_migration', 'kysely_migration_lock']);
/** SQLite's text search (migration 020): an FTS5 table, its own tables and its id map, read only by repositories/case-texts.ts. */
const textSearch = /^case_text(s|s_\w+|_ids)$/;

async function migratedColumns(store: TestStore): Promise<Record<string, string[]>> {
  const db: Kysely<unknown> = store.db as unknown as Kysely<unknown>;
  const rows =
    store.adapter.name === 'postgres'
      ? (
          await sql<{ table_name: string; column_name: string }>`
            select table_name, column_name from information_schema.columns
            where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)
        ).rows
      : (
          await sql<{ table_name: string; column_name: string }>`
            select m.name as table_name, p.name as column_name from sqlite_master m, pragma_table_info(m.name) p
            where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid`.execute(db)
        ).rows;
  const found: Record<string, string[]> = {};
  for (const row of rows) {
    if (bookkeeping.has(row.table_name) || (store.adapter.name === 'sqlite' && textSearch.test(row.table_name))) continue;
    (found[row.table_name] ??= []).push(row.column_name);
  }
  return found;
}

const sorted = (record: Record<string, readonly string[]>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)).map(([table, names]) => [table, [...names].sort()]));

describe.each(databaseKinds)('db/schema.ts and the migrated database on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.dispose();
  });

  it('name the same tables with the same columns', async () => {
    expect(complete).toBe(true);
    expect(sorted(await migratedColumns(store))).toEqual(sorted(columns));
  });
});
