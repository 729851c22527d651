import type { SupervisionFigures } from '../core/annual-report.js';

/**
 * The annual report's words (Art. 41), in zh and en: its PDF and the portal's public statistics
 * say the same figures with the same names (the glossary checks them; the web app's `annualReport`
 * catalogue matches them, annual-words.test.ts).
 */
export const annualWords: Record<'zh' | 'en', AnnualWordsShape> = {
  zh: {
    title: (year: number) => `${year}年度信访工作报告`,
    soFar: (date: string) => `本年度尚未结束，数字截至${date}。`,
    generated: (date: string) => `生成日期：${date}`,
    note: '所有数字均由案件记录（时间线与案件数据）自动统计，不含任何案件内容和个人信息。',
    hidden: (minimum: number) => `少于${minimum}件的数字不予公布，以“少于${minimum}件”表示。`,
    fewerThan: (minimum: number) => `少于${minimum}件`,
    item: '项目',
    count: '件数',
    share: '占比',
    rate: '比率',
    none: '无',
    sections: {
      received: '一、受理信访事项总体情况',
      byChannel: '按信访形式',
      byKind: '按信访人数',
      byClass: '按事项性质',
      byCategory: '按问题类别',
      byArea: '按所在地区',
      handling: '二、受理与办结情况',
      reviews: '三、复查复核情况',
      bodies: '四、信访事项较多的责任单位',
      transfers: '五、转送与交办情况',
      supervision: '六、督办情况',
      suggestions: '七、建议意见及采纳情况',
    },
    figures: {
      received: '收到信访事项',
      accepted: '受理',
      acceptedOnTime: '按期受理',
      notAccepted: '不予受理',
      concluded: '办结',
      concludedOnTime: '按期办结',
      onTimeRate: '按期率',
      reviewRequested: '复查申请',
      secondRequested: '复核申请',
      reviewAnswered: '复查复核答复',
      reviewAnsweredOnTime: '按期答复',
      reviewPending: '尚未答复',
      unit: '单位',
      open: '办理中',
      made: '转送交办件数',
      acceptedByBody: '接收',
      declined: '不接收',
      awaitingReply: '未回复',
      repliedLate: '逾期回复',
      reported: '已报送办结报告',
      reportedLate: '逾期报送',
      awaitingReport: '尚未报送',
      transfer: '转送',
      assign: '交办',
      suggestions: '建议意见',
      adopted: '已采纳',
      partly: '部分采纳',
      notAdopted: '未采纳',
      adoptionPending: '尚未确定',
    },
    supervisionFigures: {
      supervised: '督办',
      listed: '挂牌督办',
      begun: '决定督办',
      feedbackGiven: '已书面反馈',
      feedbackLate: '其中逾期书面反馈',
      awaitingFeedback: '尚未书面反馈',
      feedbackOverdue: '其中已过反馈期限',
      ended: '已结束督办',
      endedWithoutFeedback: '其中未书面反馈即结束',
      ongoing: '仍在督办中',
    },
    unclassified: '尚未确定',
    unknownArea: '地区不明',
    channels: { visit: '来访', letter: '来信', online: '网上信访', phone: '来电', open311: 'Open311', unit_report: '单位报告' },
    kinds: { individual: '个人信访', collective: '集体访' },
    classes: { suggestion: '建议意见', report: '检举控告', appeal: '申诉求决', inquiry: '咨询' },
  },
  en: {
    title: (year: number) => `Annual report on petition work, ${year}`,
    soFar: (date: string) => `The year is not over: the figures are as of ${date}.`,
    generated: (date: string) => `Generated: ${date}`,
    note: 'Every figure is counted from the case record (the timelines and the case data); no case text and no personal data.',
    hidden: (minimum: number) => `Figures of fewer than ${minimum} cases are not published; they read “fewer than ${minimum}”.`,
    fewerThan: (minimum: number) => `fewer than ${minimum}`,
    item: 'Item',
    count: 'Cases',
    share: 'Share',
    rate: 'Rate',
    none: 'None',
    sections: {
      received: '1. Petitions received',
      byChannel: 'By channel',
      byKind: 'By kind',
      byClass: 'By nature of the matter',
      byCategory: 'By category',
      byArea: 'By area',
      handling: '2. Accepted and concluded',
      reviews: '3. Reviews',
      bodies: '4. Units with the most petitions',
      transfers: '5. Transfers and assignments',
      supervision: '6. Supervision',
      suggestions: '7. Suggestions and their adoption',
    },
    figures: {
      received: 'Received',
      accepted: 'Accepted',
      acceptedOnTime: 'Accepted on time',
      notAccepted: 'Not accepted',
      concluded: 'Concluded',
      concludedOnTime: 'Concluded on time',
      onTimeRate: 'On time',
      reviewRequested: 'Review requests',
      secondRequested: 'Second review requests',
      reviewAnswered: 'Reviews answered',
      reviewAnsweredOnTime: 'Answered on time',
      reviewPending: 'Not yet answered',
      unit: 'Unit',
      open: 'In hand',
      made: 'Cases sent',
      acceptedByBody: 'Taken up',
      declined: 'Declined',
      awaitingReply: 'No reply yet',
      repliedLate: 'Replied late',
      reported: 'Result reported',
      reportedLate: 'Reported late',
      awaitingReport: 'Result not yet reported',
      transfer: 'Transfer',
      assign: 'Assign',
      suggestions: 'Suggestions or opinions',
      adopted: 'Adopted',
      partly: 'Partly adopted',
      notAdopted: 'Not adopted',
      adoptionPending: 'Not decided yet',
    },
    supervisionFigures: {
      supervised: 'Supervision',
      listed: 'Listed supervision',
      begun: 'Put under supervision',
      feedbackGiven: 'Written feedback given',
      feedbackLate: 'of which late',
      awaitingFeedback: 'Written feedback not yet given',
      feedbackOverdue: 'of which past its due date',
      ended: 'Supervision ended',
      endedWithoutFeedback: 'of which ended without written feedback',
      ongoing: 'Still under supervision',
    },
    unclassified: 'Not classified yet',
    unknownArea: 'Area not known',
    channels: { visit: 'Visit in person', letter: 'Letter', online: 'Online', phone: 'Phone', open311: 'Open311', unit_report: 'Unit report' },
    kinds: { individual: 'Individual', collective: 'Collective visit' },
    classes: { suggestion: 'Suggestion or opinion', report: 'Report or accusation', appeal: 'Appeal or request', inquiry: 'Inquiry' },
  },
};

export type AnnualWords = AnnualWordsShape;

interface AnnualWordsShape {
  title: (year: number) => string;
  soFar: (date: string) => string;
  generated: (date: string) => string;
  note: string;
  hidden: (minimum: number) => string;
  fewerThan: (minimum: number) => string;
  item: string;
  count: string;
  share: string;
  rate: string;
  none: string;
  sections: Record<'received' | 'byChannel' | 'byKind' | 'byClass' | 'byCategory' | 'byArea' | 'handling' | 'reviews' | 'bodies' | 'transfers' | 'supervision' | 'suggestions', string>;
  figures: Record<
    | 'received' | 'accepted' | 'acceptedOnTime' | 'notAccepted' | 'concluded' | 'concludedOnTime' | 'onTimeRate'
    | 'reviewRequested' | 'secondRequested' | 'reviewAnswered' | 'reviewAnsweredOnTime' | 'reviewPending'
    | 'unit' | 'open' | 'made' | 'acceptedByBody' | 'declined' | 'awaitingReply' | 'repliedLate' | 'reported' | 'reportedLate' | 'awaitingReport'
    | 'transfer' | 'assign' | 'suggestions' | 'adopted' | 'partly' | 'notAdopted' | 'adoptionPending',
    string
  >;
  supervisionFigures: Record<'supervised' | 'listed' | keyof SupervisionFigures, string>;
  unclassified: string;
  unknownArea: string;
  channels: Record<string, string>;
  kinds: Record<string, string>;
  classes: Record<string, string>;
}
