import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../core/types.js';
import type { DialectAdapter } from '../db/adapter.js';
import type { Database } from '../db/schema.js';
import type { Sealer } from '../security/sealer.js';
import type { AttachmentSettings } from '../attachments/storage.js';
import type { ChangeFeed } from './change-feed.js';
import type { Calendar } from '../core/calendar.js';
import type { Jurisdiction } from '../core/deadlines.js';
import { defaultPdfFont, type PdfFont } from '../documents/font.js';

/** What commands run against. The time source (`now`) and id generator are injected so tests control them. */
export interface Context {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  now: () => string;
  newId: () => string;
  timeZone: string;
  /** The holiday calendar in force; admins replace it (see commands/calendar.ts). */
  calendar: CalendarSource;
  sealer: Sealer;
  /** Committed case changes, for live views. */
  changes: ChangeFeed;
  /** Which outbound channels are configured (webhooks and in-app always are). */
  channels: { email: boolean };
  /**
   * False where no person sees what commands return (the demo loader): opening a case then leaves
   * its personal data sealed in the answer, so no read of it is recorded that nobody made. Unset means shown.
   */
  showsResults?: boolean;
  /** Account-security settings from the operator; absent means the defaults (admins need a second factor). */
  security?: SecuritySettings;
  /**
   * A streaming replica (REDRESS_DATABASE_READ_URL) for the dashboard, reports and exports: reads
   * that may lag the primary by a moment, taken off it. On an SQLite file, a read-only connection
   * in a worker thread (db/read-worker.ts), so those reads never stall the event loop. Never
   * written to; absent, `db` serves them.
   */
  replica?: Kysely<Database>;
  /** The font printed documents (PDF) are set in; absent means Noto Sans CJK SC from fonts-noto-cjk. */
  pdfFont?: PdfFont;
  /** Attachment limits and store (REDRESS_ATTACHMENT_*); absent, the defaults: 10 MB, 20 a case, in the database. */
  attachments?: AttachmentSettings;
}

interface SecuritySettings {
  /** Whether every admin must use a second factor (REDRESS_ADMIN_TOTP=optional turns it off). */
  adminTotpRequired: boolean;
}

/** Where the dashboard, reports and exports read: the replica when there is one. */
export function reportReads(ctx: Pick<Context, 'db' | 'replica'>): Kysely<Database> {
  return ctx.replica ?? ctx.db;
}

/** The font printed documents are set in. */
export function pdfFontOf(ctx: Pick<Context, 'pdfFont'>): PdfFont {
  return ctx.pdfFont ?? defaultPdfFont;
}

export type Trx = Transaction<Database>;

export function systemTime(): string {
  return new Date().toISOString();
}

export function randomId(): string {
  return randomUUID();
}

/** Who did something, for the timeline and the audit log: null for the system itself. */
export function actorId(actor: Actor | null): string | null {
  return actor?.id ?? null;
}

/** Holds the calendar in force, so that a replaced calendar takes effect without a restart. */
interface CalendarSource {
  current(): Calendar;
  replace(calendar: Calendar): void;
}

export function calendarSource(initial: Calendar): CalendarSource {
  let calendar = initial;
  return {
    current: () => calendar,
    replace: (next) => {
      calendar = next;
    },
  };
}

/** Where this context counts deadlines: its time zone and the calendar in force now. */
export function jurisdiction(ctx: Pick<Context, 'timeZone' | 'calendar'>): Jurisdiction {
  return { timeZone: ctx.timeZone, calendar: ctx.calendar.current() };
}
