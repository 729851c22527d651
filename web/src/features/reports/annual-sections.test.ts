import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../api/types';
import en from '../../i18n/en.json';
import { annualSections, percent, type AnnualWords } from './annual-sections';

const figures = (keys: string[], value = 0) => Object.fromEntries(keys.map((key) => [key, value]));
const transferKeys = ['made', 'accepted', 'declined', 'awaitingReply', 'repliedLate', 'reported', 'reportedLate', 'awaitingReport'];
const supervisionKeys = ['begun', 'feedbackGiven', 'feedbackLate', 'awaitingFeedback', 'feedbackOverdue', 'ended', 'endedWithoutFeedback', 'ongoing'];

function report(overrides: Record<string, unknown> = {}): AnnualReport {
  return {
    year: 2026,
    from: '2025-12-31T16:00:00.000Z',
    to: '2026-12-31T16:00:00.000Z',
    asOf: '2026-12-01T02:00:00.000Z',
    complete: false,
    generatedAt: '2026-12-01T02:00:00.000Z',
    minimumCases: 5,
    received: {
      total: 4,
      byChannel: [{ key: 'visit', count: 3 }, { key: 'letter', count: 1 }],
      byKind: [{ key: 'individual', count: 4 }],
      byClass: [{ key: 'unclassified', count: 4 }],
      byCategory: [{ key: 'wage-arrears', count: 4 }],
      byArea: [{ key: 'unknown', count: 4 }],
    },
    accepted: { total: 2, onTime: 1 },
    notAccepted: 1,
    concluded: { total: 1, onTime: 1 },
    reviews: { requested: 0, secondRequested: 0, answered: 0, answeredOnTime: 0, pending: 0 },
    bodies: [{ unitId: 'u1', received: 4, concluded: 1, concludedOnTime: 1, notAccepted: 1, open: 2 }],
    transfers: { transfer: figures(transferKeys), assign: figures(transferKeys) },
    supervision: { supervised: figures(supervisionKeys, 2), listed: figures(supervisionKeys, 1) },
    suggestions: { received: 0, adopted: 0, partly: 0, notAdopted: 0, pending: 0 },
    units: [{ id: 'u1', name: '城关镇', nameEn: 'Chengguan' }],
    categories: [{ code: 'wage-arrears', name: { zh: '拖欠工资', en: 'Wage arrears' } }],
    notRecorded: [],
    ...overrides,
  } as unknown as AnnualReport;
}

const words = en.annualReport as unknown as AnnualWords;
const names = { unit: (id: string) => (id === 'u1' ? 'Chengguan' : id), category: (code: string) => (code === 'wage-arrears' ? 'Wage arrears' : code) };

describe('the annual report page’s sections', () => {
  it('shows every section of the printed report, in its order and words', () => {
    const sections = annualSections(report(), words, names, 'en');
    expect(sections.map((section) => section.heading)).toEqual([
      '1. Petitions received',
      '2. Accepted and concluded',
      '3. Reviews',
      '4. Units with the most petitions',
      '5. Transfers and assignments',
      '6. Supervision',
      '7. Suggestions and their adoption',
    ]);
    const received = sections[0]?.tables ?? [];
    expect(received.map((table) => table.caption ?? null)).toEqual([null, 'By channel', 'By kind', 'By nature of the matter', 'By category', 'By area']);
    expect(received[1]?.rows).toEqual([
      ['Visit in person', '3', '75%'],
      ['Letter', '1', '25%'],
    ]);
    expect(received[4]?.rows).toEqual([['Wage arrears', '4', '100%']]);
    expect(received[5]?.rows).toEqual([['Area not known', '4', '100%']]);
    expect(sections[1]?.tables[0]?.rows[1]).toEqual(['Accepted on time', '1', '50%']);
    expect(sections[3]?.tables[0]?.rows).toEqual([['Chengguan', '4', '1', '1', '1', '2']]);
    expect(sections[5]?.tables[0]?.columns).toEqual(['Item', 'Supervision', 'Listed supervision']);
    expect(sections[5]?.tables[0]?.rows[0]).toEqual(['Put under supervision', '2', '1']);
  });

  it('shows a part the backend added since, laid out by its shape, and says what is not recorded instead of a zero', () => {
    const sections = annualSections(
      report({ commitments: { kept: { onTime: 3, late: 1 }, dropped: { onTime: 0, late: 2 } }, callBacks: 7, notRecorded: ['reviews'] }),
      words,
      names,
      'en',
    );
    const added = sections.find((section) => section.key === 'commitments');
    expect(added?.heading).toBe('8. commitments');
    expect(added?.tables[0]?.columns).toEqual(['Item', 'kept', 'dropped']);
    expect(added?.tables[0]?.rows).toEqual([
      ['onTime', '3', '0'],
      ['late', '1', '2'],
    ]);
    expect(sections.find((section) => section.key === 'callBacks')?.tables[0]?.rows).toEqual([['callBacks', '7']]);
    expect(sections.find((section) => section.key === 'reviews')?.tables[0]?.rows).toEqual([['This deployment does not record this yet.']]);
  });

  it('gives no rate over nothing', () => {
    expect(percent(0, 0)).toBe('—');
    expect(percent(1, 3)).toBe('33%');
  });
});
