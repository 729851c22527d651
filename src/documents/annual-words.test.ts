import { describe, expect, it } from 'vitest';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import zh from '../../web/src/i18n/zh.json' with { type: 'json' };
import { annualWords } from './annual-words.js';

/** The staff page (web `annualReport`) names the figures as the PDF and the public statistics do, in both languages. */
describe('the annual report’s words', () => {
  it.each([
    ['zh', zh.annualReport],
    ['en', en.annualReport],
  ] as const)('are the same on the staff page and in the PDF (%s)', (language, web) => {
    const server = annualWords[language];
    for (const key of ['sections', 'figures', 'supervisionFigures', 'channels', 'kinds', 'classes'] as const) expect(web[key]).toEqual(server[key]);
    for (const key of ['note', 'item', 'count', 'share', 'rate', 'none', 'unclassified', 'unknownArea'] as const) expect(web[key]).toBe(server[key]);
    expect(web.title.replace('{{year}}', '2026')).toBe(server.title(2026));
    expect(web.soFar.replace('{{date}}', 'D')).toBe(server.soFar('D'));
  });
});
