import { describe, expect, it } from 'vitest';
import en from '../../../../web/src/i18n/en.json' with { type: 'json' };
import zh from '../../../../web/src/i18n/zh.json' with { type: 'json' };
import { indicatorCodes, indicatorNames } from '../../../core/indicators.js';
import { glossary } from '../../../glossary/terms.js';
import { indicatorMessages } from './indicator-messages.js';

describe('the indicators’ names and definitions', () => {
  it('are the same words on the dashboard as in the CSV, in both languages, the names the glossary’s', () => {
    const terms = [glossary.timelyAcceptanceRate, glossary.onTimeConclusionRate, glossary.ratingParticipation, glossary.satisfactionRate, glossary.reworkRate, glossary.commitmentsKeptOnTime];
    for (const [language, app] of [['zh', zh], ['en', en]] as const) {
      const csv = indicatorMessages[language];
      indicatorNames.forEach((name, index) => {
        expect(app.indicators.name[name], `${language} ${name}`).toBe(csv.name[name]);
        expect(app.indicators.definition[name], `${language} ${name}`).toBe(csv.definition[name]);
        expect(csv.name[name].toLowerCase()).toContain(terms[index]?.[language].toLowerCase());
      });
      expect(app.indicators.total).toBe(csv.total);
      for (const code of indicatorCodes) expect(csv.code[code]).toBeTruthy();
    }
  });
});
