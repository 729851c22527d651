import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import { listSettings } from '../../../commands/settings.js';
import type { SettingInForce } from '../../../settings-in-force.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { Setting } from './schemas.js';

/** The settings the server runs with (read-only; secrets are never shown). */
export function settingsRoutes(app: App, settings: readonly SettingInForce[]): void {
  app.get('/api/v1/settings', {
    schema: { tags: ['system'], summary: 'The settings in force (admins; secrets left out)', response: { 200: Type.Object({ items: Type.Array(Setting) }), ...errorResponses } },
    handler: async (request) => ({ items: listSettings({ actor: actorOf(request), settings }) }),
  });
}
