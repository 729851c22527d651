import type { Config } from './config.js';

/** One setting as an admin may see it: its environment name and its value, never a secret. */
export interface SettingInForce {
  name: string;
  value: string | number | boolean | null;
}

/** A database URL without its password: enough to tell which database, useless to log in with. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/**
 * The settings the server runs with, for the admin's read-only page. Keys, passwords and the SMTP
 * credentials are left out or masked: the page shows whether they are set, not what they are.
 */
export function settingsInForce(config: Config, env: NodeJS.ProcessEnv = process.env): SettingInForce[] {
  return [
    { name: 'PORT', value: config.port },
    { name: 'HOST', value: config.host },
    { name: 'REDRESS_DATABASE_URL', value: withoutPassword(config.databaseUrl) },
    { name: 'REDRESS_TIMEZONE', value: config.timeZone },
    { name: 'REDRESS_SCAN_INTERVAL_SECONDS', value: config.scanIntervalSeconds },
    { name: 'REDRESS_WORKER', value: config.worker },
    { name: 'REDRESS_RETENTION_DAYS', value: config.retentionDays },
    { name: 'REDRESS_TRUST_PROXY', value: config.trustProxy },
    { name: 'REDRESS_API_DOCS', value: config.apiDocs },
    { name: 'REDRESS_DATABASE_READ_URL', value: config.databaseReadUrl === undefined ? null : withoutPassword(config.databaseReadUrl) },
    { name: 'REDRESS_REDIS_URL', value: config.redisUrl === undefined ? null : withoutPassword(config.redisUrl) },
    { name: 'REDRESS_ADMIN_TOTP', value: config.adminTotpRequired ? 'required' : 'optional' },
    { name: 'REDRESS_SMTP_URL', value: config.smtpUrl === undefined ? null : withoutPassword(config.smtpUrl) },
    { name: 'REDRESS_MAIL_FROM', value: config.mailFrom },
    // Where the key comes from, never the key.
    {
      name: 'REDRESS_ENCRYPTION_KEY',
      value: env.REDRESS_ENCRYPTION_KEY ? 'environment' : `file ${env.REDRESS_ENCRYPTION_KEY_FILE ?? './data/redress.key'}`,
    },
    {
      name: 'REDRESS_AUDIT_SIGNING_KEY',
      value: env.REDRESS_AUDIT_SIGNING_KEY ? `environment (key ${config.audit.key.keyId})` : `file (key ${config.audit.key.keyId})`,
    },
    { name: 'REDRESS_AUDIT_CHECKPOINT_FILE', value: config.audit.checkpointFile },
    // The webhook's address may carry a token: show only that one is set.
    { name: 'REDRESS_AUDIT_WEBHOOK_URL', value: config.audit.webhookUrl === undefined ? null : 'set' },
    { name: 'REDRESS_AUDIT_SEQUENCE_SECONDS', value: config.audit.sequenceEverySeconds },
    { name: 'REDRESS_AUDIT_CHECKPOINT_SECONDS', value: config.audit.checkpointEverySeconds },
    { name: 'REDRESS_AUDIT_EMAIL_HOURS', value: config.audit.emailEveryHours },
    { name: 'REDRESS_ADMIN_EMAIL', value: config.adminEmail ?? null },
    { name: 'REDRESS_PDF_FONT', value: config.pdfFont.path },
    { name: 'REDRESS_PDF_FONT_NAME', value: config.pdfFont.name ?? null },
    { name: 'REDRESS_ATTACHMENT_MAX_BYTES', value: config.attachments.maxBytes },
    { name: 'REDRESS_ATTACHMENTS_PER_CASE', value: config.attachments.perCase },
    // The bucket and endpoint, never the credentials.
    { name: 'REDRESS_ATTACHMENT_S3_BUCKET', value: config.attachments.s3?.bucket ?? null },
    { name: 'REDRESS_ATTACHMENT_S3_ENDPOINT', value: config.attachments.s3?.endpoint ?? null },
  ];
}
