import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import dotenv from 'dotenv';
import { generateAuditKeyPem, parseAuditKey, type AuditKey } from './security/audit-key.js';
import { defaultPdfFont, type PdfFont } from './documents/font.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  timeZone: string;
  scanIntervalSeconds: number;
  encryptionKey: Buffer;
  /** SMTP server for email notifications, e.g. smtp://user:pass@mail.county.gov:587; email is off without it. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Whether `redress serve` also runs the deadline scanner and notification delivery. */
  worker: boolean;
  /** Days after a case is finally closed or declined before its personal data is erased. */
  retentionDays: number;
  /** Which reverse proxies to trust for the client address: off, `true` for any, or addresses/CIDRs. */
  trustProxy: boolean | string;
  /** Whether the API's reference pages are served at /api/docs (REDRESS_API_DOCS, on unless `off`). */
  apiDocs: boolean;
  /** Redis for rate limits and the guess throttle (redis://…); without it they count in the database. */
  redisUrl: string | undefined;
  /** Whether every admin must use a second factor (REDRESS_ADMIN_TOTP: `required`, the default, or `optional`). */
  adminTotpRequired: boolean;
  /** A streaming replica for the dashboard, reports and exports (postgres://…); without it they read the primary. */
  databaseReadUrl: string | undefined;
  audit: AuditSettings;
  /** The font printed documents are set in (REDRESS_PDF_FONT, REDRESS_PDF_FONT_NAME): Noto Sans CJK SC from fonts-noto-cjk unless set. */
  pdfFont: PdfFont;
  attachments: AttachmentConfig;
}

/** Files on cases (REDRESS_ATTACHMENT_*): how large, how many, and where their sealed bytes are kept. */
export interface AttachmentConfig {
  maxBytes: number;
  perCase: number;
  /** An S3-compatible store; without it the sealed bytes are kept in the database. */
  s3: S3Config | undefined;
  /**
   * Open311 requests' media_url fetched into attachments by the worker (REDRESS_OPEN311_MEDIA_FETCH, on by
   * default); internal addresses are refused except hosts named in REDRESS_OPEN311_MEDIA_ALLOW_HOSTS (comma-separated).
   */
  mediaFetch: { enabled: boolean; allowHosts: string[] };
}

export interface S3Config {
  bucket: string;
  /** e.g. https://s3.example.gov.cn or http://127.0.0.1:9000; absent, AWS's own endpoint for the region. */
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Prepended to every object's key. */
  prefix: string;
  /** Path-style URLs (bucket in the path), which most S3-compatible servers need. */
  forcePathStyle: boolean;
}

/** Where the audit log is anchored outside the database. */
export interface AuditSettings {
  /** Signs checkpoints (Ed25519). Kept like the encryption key: never in the database. */
  key: AuditKey;
  /** The file the latest checkpoint is written to, for the operator to copy off the machine. */
  checkpointFile: string;
  /** Receives every new checkpoint as JSON (POST), outside the database. */
  webhookUrl: string | undefined;
  /** How often the worker chains new entries. */
  sequenceEverySeconds: number;
  /** The least time between checkpoints; with the default tick, new entries are signed within a minute. */
  checkpointEverySeconds: number;
  /** How often the latest checkpoint is emailed to the auditors (when email is configured). */
  emailEveryHours: number;
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number (got "${value}").`);
  return parsed;
}

function validTimeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new Error(`REDRESS_TIMEZONE is not a known time zone (got "${value}").`);
  }
}

/**
 * The encryption key for personal data: REDRESS_ENCRYPTION_KEY (base64 of 32 bytes), or a key file
 * created beside the data on first start. Losing it makes sealed personal data unreadable.
 */
function encryptionKey(env: NodeJS.ProcessEnv): Buffer {
  const given = env.REDRESS_ENCRYPTION_KEY;
  if (given) {
    const key = Buffer.from(given, 'base64');
    if (key.length !== 32) throw new Error('REDRESS_ENCRYPTION_KEY must be base64 of exactly 32 bytes.');
    return key;
  }
  const file = env.REDRESS_ENCRYPTION_KEY_FILE ?? './data/redress.key';
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(`${name} must be on or off (got "${value}").`);
}

/** The key file sits beside the encryption key's unless configured. */
function besideKeys(env: NodeJS.ProcessEnv, name: string): string {
  return join(dirname(env.REDRESS_ENCRYPTION_KEY_FILE ?? './data/redress.key'), name);
}

/**
 * The checkpoint signing key: REDRESS_AUDIT_SIGNING_KEY (PEM, or base64 of the PKCS#8 key), or a
 * key file created beside the encryption key on first start. REDRESS_AUDIT_PUBLIC_KEY_FILE alone
 * gives a verifier that can check checkpoints but not write them.
 */
function auditKey(env: NodeJS.ProcessEnv): AuditKey {
  const given = env.REDRESS_AUDIT_SIGNING_KEY;
  if (given) return parseAuditKey(given);
  const file = env.REDRESS_AUDIT_SIGNING_KEY_FILE ?? besideKeys(env, 'redress-audit.key');
  if (existsSync(file)) return parseAuditKey(readFileSync(file, 'utf8'));
  const publicOnly = env.REDRESS_AUDIT_PUBLIC_KEY_FILE;
  if (publicOnly) return parseAuditKey(readFileSync(publicOnly, 'utf8'));
  mkdirSync(dirname(file), { recursive: true });
  const pem = generateAuditKeyPem();
  writeFileSync(file, pem, { mode: 0o600 });
  return parseAuditKey(pem);
}

function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false' || value === 'off') return false;
  return value === 'true' ? true : value;
}

function adminTotp(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'required') return true;
  if (value === 'optional') return false;
  throw new Error(`REDRESS_ADMIN_TOTP must be "required" or "optional" (got "${value}").`);
}

/** A font file given without a face name is taken as a single font (TTF/OTF); the default collection names its face. */
function pdfFont(env: NodeJS.ProcessEnv): PdfFont {
  const path = env.REDRESS_PDF_FONT || undefined;
  const name = env.REDRESS_PDF_FONT_NAME || undefined;
  if (path === undefined) return name === undefined ? defaultPdfFont : { ...defaultPdfFont, name };
  return name === undefined ? { path } : { path, name };
}

function readUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!value.startsWith('postgres://') && !value.startsWith('postgresql://')) {
    throw new Error(`REDRESS_DATABASE_READ_URL must be a postgres:// URL of a streaming replica (got "${value}").`);
  }
  return value;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const parsed = integer(name, value, fallback);
  if (parsed < 1) throw new Error(`${name} must be at least 1 (got "${value ?? ''}").`);
  return parsed;
}

function s3Config(env: NodeJS.ProcessEnv): S3Config | undefined {
  const bucket = env.REDRESS_ATTACHMENT_S3_BUCKET;
  if (!bucket) return undefined;
  return {
    bucket,
    endpoint: env.REDRESS_ATTACHMENT_S3_ENDPOINT || undefined,
    region: env.REDRESS_ATTACHMENT_S3_REGION || 'us-east-1',
    accessKeyId: env.REDRESS_ATTACHMENT_S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.REDRESS_ATTACHMENT_S3_SECRET_ACCESS_KEY || undefined,
    prefix: env.REDRESS_ATTACHMENT_S3_PREFIX ?? 'attachments/',
    forcePathStyle: onOff('REDRESS_ATTACHMENT_S3_PATH_STYLE', env.REDRESS_ATTACHMENT_S3_PATH_STYLE, true),
  };
}

/** Settings from the environment (and `.env` if present), with DESIGN.md's defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env) dotenv.config({ quiet: true });
  return {
    port: integer('PORT', env.PORT, 8080),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.REDRESS_DATABASE_URL ?? 'sqlite:./data/redress.db',
    adminEmail: env.REDRESS_ADMIN_EMAIL || undefined,
    adminPassword: env.REDRESS_ADMIN_PASSWORD || undefined,
    timeZone: validTimeZone(env.REDRESS_TIMEZONE ?? 'Asia/Shanghai'),
    scanIntervalSeconds: integer('REDRESS_SCAN_INTERVAL_SECONDS', env.REDRESS_SCAN_INTERVAL_SECONDS, 60),
    encryptionKey: encryptionKey(env),
    smtpUrl: env.REDRESS_SMTP_URL || undefined,
    mailFrom: env.REDRESS_MAIL_FROM ?? 'Redress <redress@localhost>',
    worker: (env.REDRESS_WORKER ?? 'on') !== 'off',
    retentionDays: integer('REDRESS_RETENTION_DAYS', env.REDRESS_RETENTION_DAYS, 730),
    trustProxy: trustProxy(env.REDRESS_TRUST_PROXY),
    apiDocs: onOff('REDRESS_API_DOCS', env.REDRESS_API_DOCS, true),
    redisUrl: env.REDRESS_REDIS_URL || undefined,
    adminTotpRequired: adminTotp(env.REDRESS_ADMIN_TOTP),
    audit: {
      key: auditKey(env),
      checkpointFile: env.REDRESS_AUDIT_CHECKPOINT_FILE || besideKeys(env, 'audit-checkpoint.json'),
      webhookUrl: env.REDRESS_AUDIT_WEBHOOK_URL || undefined,
      sequenceEverySeconds: integer('REDRESS_AUDIT_SEQUENCE_SECONDS', env.REDRESS_AUDIT_SEQUENCE_SECONDS, 10),
      checkpointEverySeconds: integer('REDRESS_AUDIT_CHECKPOINT_SECONDS', env.REDRESS_AUDIT_CHECKPOINT_SECONDS, 50),
      emailEveryHours: integer('REDRESS_AUDIT_EMAIL_HOURS', env.REDRESS_AUDIT_EMAIL_HOURS, 24),
    },
    databaseReadUrl: readUrl(env.REDRESS_DATABASE_READ_URL),
    pdfFont: pdfFont(env),
    attachments: {
      maxBytes: positive('REDRESS_ATTACHMENT_MAX_BYTES', env.REDRESS_ATTACHMENT_MAX_BYTES, 10 * 1024 * 1024),
      perCase: positive('REDRESS_ATTACHMENTS_PER_CASE', env.REDRESS_ATTACHMENTS_PER_CASE, 20),
      s3: s3Config(env),
      mediaFetch: {
        enabled: onOff('REDRESS_OPEN311_MEDIA_FETCH', env.REDRESS_OPEN311_MEDIA_FETCH, true),
        allowHosts: (env.REDRESS_OPEN311_MEDIA_ALLOW_HOSTS ?? '').split(',').map((host) => host.trim()).filter(Boolean),
      },
    },
  };
}
