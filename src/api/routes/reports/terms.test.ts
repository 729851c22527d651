import { describe, expect, it } from 'vitest';
import en from '../../../../web/src/i18n/en.json' with { type: 'json' };
import zh from '../../../../web/src/i18n/zh.json' with { type: 'json' };
import { figureNames } from '../../../core/accountability.js';
import { reportMessages } from './messages.js';

const durations = {
  medianMinutesToAcknowledge: 'medianAck',
  p90MinutesToAcknowledge: 'p90Ack',
  medianMinutesToArrive: 'medianArrive',
  p90MinutesToArrive: 'p90Arrive',
  medianDaysToConclude: 'medianConclude',
  p90DaysToConclude: 'p90Conclude',
} as const;

describe('the accountability figures’ names', () => {
  it('are the same words on the dashboard as on the printable report and in the CSV, in both languages', () => {
    for (const [language, app] of [['zh', zh], ['en', en]] as const) {
      const page = reportMessages[language];
      const figures = app.accountability.figure as Record<string, string>;
      for (const figure of figureNames) expect(figures[figure], `${language} ${figure}`).toBe(page.figures[figure]);
      const shown = app.accountability.duration as Record<string, string>;
      for (const [duration, label] of Object.entries(durations)) expect(shown[duration], `${language} ${duration}`).toBe(page[label]);
    }
  });
});
