import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from `src/` (tests) or `dist/src/` (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Redress package root.');
    dir = parent;
  }
  return dir;
}

export const builtinPlanPath = (): string => join(packageRoot(), 'plans', 'county-major-urgent.yaml');
export const builtinCalendarPath = (): string => join(packageRoot(), 'calendars', 'cn-mainland.yaml');
