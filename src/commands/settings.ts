import { forbidden } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import type { SettingInForce } from '../settings-in-force.js';

/** The settings in force, for admins only: how the server runs is not every user's business. */
export function listSettings(props: { actor: Actor; settings: readonly SettingInForce[] }): SettingInForce[] {
  if (!can(props.actor, 'settings.manage')) throw forbidden('Only an admin can see the settings.');
  return [...props.settings];
}
