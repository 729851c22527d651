import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../src/core/errors.js';
import { createI18n } from '../i18n';
import { errorText } from './server-text';

const codes = Object.keys(errorCatalogue) as (keyof typeof errorCatalogue)[];

describe('every error the server can answer, in words', () => {
  // The portal's side of this is src/api/portal/error-codes.test.ts.
  it('has Chinese and English text in the staff app for every code of the catalogue', async () => {
    for (const language of ['zh', 'en'] as const) {
      const i18n = await createI18n(language);
      const { t } = i18n;
      for (const code of codes) {
        expect(i18n.exists(`errors.code.${code}`), `app ${language} ${code}`).toBe(true);
        expect(errorText(t, { code, message: 'An English sentence from the server.' }), `app ${language} ${code}`).not.toContain('English sentence');
      }
    }
  });

  it('is said from its code and reason, never with the server’s own sentence', async () => {
    const { t } = await createI18n('zh');
    expect(errorText(t, { code: 'forbidden', message: 'Statistics are for the petition office, leaders, auditors and admins.' })).toBe('您所在的单位或您的角色无权进行此操作。');
    expect(errorText(t, { code: 'conflict', message: 'This step is not done.', details: { reason: 'step_not_done', stepId: 'x' } })).toBe('此步骤尚未勾选，没有可撤销的勾选。');
    expect(errorText(t, { code: 'validation_failed', message: 'title: must not be empty.', field: 'title', details: { problems: [{ field: 'title', code: 'required' }] } })).toBe('此项为必填项。');
    expect(errorText(t, { code: 'guard_failed', message: 'Any words at all.', details: { guard: 'leadUnitAssigned' } })).toBe('请先交办牵头责任单位。');
    expect(errorText(t, { code: 'something_new', message: 'Whatever.' })).toBe('出现错误，请重试。');
  });
});
