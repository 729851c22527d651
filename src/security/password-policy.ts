import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export const minPasswordLength = 12;
const maxPasswordLength = 200;

/** Why a password is refused; the UI words it from this code. */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'repetitive' | 'contains_email';

let common: Set<string> | undefined;

/** The shipped list of common and breached passwords (security/common-passwords.txt), read once. */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(join(packageRoot(), 'security', 'common-passwords.txt'), 'utf8');
    common = new Set(text.split('\n').filter((line) => line !== '' && !line.startsWith('#')));
  }
  return common;
}

const sequences = ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb'];

/** Whether the whole password is one short piece repeated ("abcabcabcabc"), or a run along a row of keys or digits. */
function repetitive(text: string): boolean {
  const chars = [...text];
  for (let size = 1; size <= chars.length / 2; size += 1) {
    const unit = chars.slice(0, size).join('');
    if (chars.length % size === 0 && unit.repeat(chars.length / size) === text) return true;
  }
  return sequences.some((run) => run.includes(text));
}

/**
 * Judges a new password: at least 12 characters, not on the common-passwords list (also not a
 * listed password with digits or symbols added around it), not one thing repeated, not the email.
 */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < minPasswordLength) return 'too_short';
  if (length > maxPasswordLength) return 'too_long';
  const normal = password.trim().toLowerCase();
  if (normal === '' || repetitive(normal)) return 'repetitive';
  const list = commonPasswords();
  if (list.has(normal)) return 'common';
  // "password2024!" and "!!dragon123456" are the listed word with decoration: as weak as the word.
  const core = normal.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  if (core !== normal && (core.length < 4 || list.has(core))) return 'common';
  const local = email?.trim().toLowerCase().split('@')[0];
  if (local && local.length >= 4 && normal.includes(local)) return 'contains_email';
  return null;
}
