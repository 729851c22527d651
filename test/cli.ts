import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { program } from '../src/cli/main.js';

export interface CliSandbox {
  /** The test's own folder, holding its SQLite database and key file. */
  dir(): string;
  /** Runs `redress …` in-process; errors reject instead of exiting. */
  run(...args: string[]): Promise<unknown>;
  /** Everything printed since the test began or `clear()` was last called. */
  printed(): string;
  clear(): void;
}

/** Gives each test of the calling suite a fresh SQLite database, captured output and a restored environment. */
export function useCliSandbox(prefix: string): CliSandbox {
  let dir = '';
  let output: string[] = [];
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    process.env.REDRESS_DATABASE_URL = `sqlite:${join(dir, 'redress.db')}`;
    process.env.REDRESS_ENCRYPTION_KEY_FILE = join(dir, 'redress.key');
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env = { ...saved };
    process.exitCode = undefined;
  });
  return {
    dir: () => dir,
    run: (...args) => program().exitOverride().parseAsync(['node', 'redress', ...args]),
    printed: () => output.join(''),
    clear: () => {
      output = [];
    },
  };
}
