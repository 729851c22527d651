import type { IndicatorCode, IndicatorName } from '../../../core/indicators.js';

/**
 * The indicators' words in the CSV, in Simplified Chinese and English: each indicator's name (the
 * glossary's) and its definition, the same as the staff app shows beside it (indicators.test.ts
 * holds them equal to web/src/i18n).
 */
export const indicatorMessages = {
  zh: {
    columns: { unit: '单位', indicator: '指标', definition: '定义', numerator: '分子', denominator: '分母', rate: '比率（%）', note: '说明' },
    total: '合计（全部案件）',
    name: {
      timelyAcceptance: '及时受理率',
      onTimeConclusion: '按期办结率',
      ratingParticipation: '参评率',
      satisfaction: '满意率',
      rework: '发回重办率',
      commitmentsKept: '承诺按期兑现率',
    } satisfies Record<IndicatorName, string>,
    definition: {
      timelyAcceptance: '本期受理期限届满（或已作出受理决定）的案件中，在受理期限内作出受理或不予受理决定的案件所占比例。',
      onTimeConclusion: '本期办结（首次书面答复）的案件中，在办理期限内（含延期、暂停）办结的案件所占比例。',
      ratingParticipation: '本期办结的案件中，信访人对答复作出评价的案件所占比例。',
      satisfaction: '已评价的案件中，评价为满意或基本满意的案件所占比例（以最后一次评价为准）。',
      rework: '本期办结的案件中，因不满意而发回重办的案件所占比例。',
      commitmentsKept: '本期到期的承诺事项中，按期兑现的所占比例。',
    } satisfies Record<IndicatorName, string>,
    code: {
      below_minimum: '案件过少，不计算比率',
      not_recorded: '系统尚未记录，暂不统计',
    } satisfies Record<IndicatorCode, string>,
  },
  en: {
    columns: { unit: 'Unit', indicator: 'Indicator', definition: 'Definition', numerator: 'Numerator', denominator: 'Denominator', rate: 'Rate (%)', note: 'Note' },
    total: 'Total (every case)',
    name: {
      timelyAcceptance: 'Timely acceptance rate',
      onTimeConclusion: 'On-time conclusion rate',
      ratingParticipation: 'Rating participation',
      satisfaction: 'Satisfaction rate',
      rework: 'Rework rate',
      commitmentsKept: 'Commitments kept on time',
    } satisfies Record<IndicatorName, string>,
    definition: {
      timelyAcceptance: 'Of the cases whose acceptance fell due in the period (or was decided), the share decided — accepted or not accepted — by the deadline.',
      onTimeConclusion: 'Of the cases concluded (first written answer) in the period, the share concluded by their deadline (extensions and pauses included).',
      ratingParticipation: 'Of the cases concluded in the period, the share whose answer the petitioner rated.',
      satisfaction: 'Of the cases rated, the share rated satisfied or basically satisfied (the latest rating counts).',
      rework: 'Of the cases concluded in the period, the share sent back for rework after an unsatisfied outcome.',
      commitmentsKept: 'Of the commitments due in the period, the share kept by their due date.',
    } satisfies Record<IndicatorName, string>,
    code: {
      below_minimum: 'Too few cases for a rate',
      not_recorded: 'Not recorded yet',
    } satisfies Record<IndicatorCode, string>,
  },
} as const;
