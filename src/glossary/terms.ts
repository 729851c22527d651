/**
 * The domain's words, one translation each: what every catalogue a person reads (the web app's
 * i18n, the portal's, the notifications, the report, the server's own pages) calls these things.
 * The English is DESIGN.md's; the Chinese follows the county's plan (plans/county-major-urgent.yaml)
 * and the Regulations on Petitions. `variants` are words found naming the same thing elsewhere:
 * glossary.test.ts fails when a catalogue uses one.
 */
export interface Term {
  zh: string;
  en: string;
  /** Other words for the same thing, which the catalogues must not use. */
  variants: { zh: readonly string[]; en: readonly string[] };
  /** Longer phrases that contain a variant but mean something else, and so stand. */
  otherMeanings?: { zh?: readonly string[]; en?: readonly string[] };
}

export const glossary = {
  /** A deadline passed with the thing not done (a clock's `overdue`, a late acknowledgement). */
  overdue: { zh: '逾期', en: 'overdue', variants: { zh: ['超时', '超期', '超过时限'], en: ['past due'] } },
  /** What a clock counts down to (办理期限, 受理期限). */
  deadline: { zh: '期限', en: 'deadline', variants: { zh: ['时限'], en: [] } },
  /** Done by its deadline. */
  onTime: { zh: '按期', en: 'on time', variants: { zh: ['按时'], en: [] } },
  /** The unit's proposed solution (the plan: 主管部门提出解决方案); the leadership group's decision is another thing. */
  proposal: { zh: '解决方案', en: 'proposal', variants: { zh: ['处置方案'], en: [] } },
  /** A unit on a case besides the lead (assignment role `assisting`). */
  assisting: { zh: '协办', en: 'assisting', variants: { zh: ['协助办理'], en: ['supporting unit'] } },
  /** A notified unit confirms it has the case. */
  acknowledge: { zh: '签收', en: 'acknowledge', variants: { zh: ['确认收到', '接收交办'], en: [] } },
  /** A notified unit comes to the scene of a visit. */
  onScene: { zh: '到场', en: 'on scene', variants: { zh: ['到达现场'], en: [] } },
  /** The office moves an assignment to another unit. */
  reroute: { zh: '改派', en: 'reroute', variants: { zh: ['改交', '重新交办', '转交其他单位'], en: ['reassign'] } },
  /** A missed clock still missed, taken a step up the chain on the plan's schedule (core/ladder.ts: units above → office → leadership group). */
  escalate: { zh: '升级催办', en: 'escalated', variants: { zh: ['向上报告', '提请督办'], en: ['reported up'] } },
  /** A reminder before a clock runs out, at the points the plan sets (core/ladder.ts). */
  reminder: { zh: '提醒', en: 'reminder', variants: { zh: ['提示到期'], en: ['nudge'] } },
  /** The leadership group's supervision of a case (Art. 40): a written notice, and the unit's written feedback by a due date. Not a missed clock's escalation. */
  supervision: { zh: '督办', en: 'supervision', variants: { zh: ['督查督办', '督促办理'], en: ['oversight'] } },
  /** Named, listed supervision (挂牌督办): supervision the leadership group lists by name. */
  listedSupervision: { zh: '挂牌督办', en: 'listed supervision', variants: { zh: ['挂牌督查'], en: ['named supervision'] } },
  /** The unit's written answer to a supervision notice (Art. 40). */
  supervisionFeedback: { zh: '书面反馈', en: 'written feedback', variants: { zh: ['书面回复督办'], en: ['written response'] } },
  /** The office's call to the petitioner after the answer (core/callbacks.ts): was the matter resolved, were they satisfied. */
  callback: { zh: '回访', en: 'call-back', variants: { zh: ['回电', '电话回复'], en: ['callback', 'follow-up call'] } },
  /** A case sent back to its unit to be handled again after an unsatisfied call-back or rating (core/callbacks.ts). */
  rework: { zh: '发回重办', en: 'rework', variants: { zh: ['退回重办', '重新办理'], en: ['re-handling', 'reprocessing'] } },
  /** The coordinators' office. */
  petitionOffice: { zh: '信访局', en: 'petition office', variants: { zh: ['信访工作机构', '信访办'], en: ['petitions bureau'] } },
  /** The leaders who decide in the decision stage. */
  leadershipGroup: { zh: '领导小组', en: 'leadership group', variants: { zh: ['领导组'], en: ['leading group'] } },
  /** The petitioner's private code, shown once. */
  accessCode: { zh: '查询码', en: 'access code', variants: { zh: ['访问码', '查询密码'], en: ['tracking code'] } },
  /** A case's reference (YYYY-XXXX-XXXX). */
  reference: { zh: '编号', en: 'reference', variants: { zh: ['案号', '流水号'], en: ['case number', 'tracking number'] } },
  /** The decision that a petition is not taken up (stage `not_accepted`). */
  notAccepted: { zh: '不予受理', en: 'not accepted', variants: { zh: ['不受理'], en: ['rejected'] } },
  /** The nature of the matter (core/matter.ts, Art. 29–31): what decides a case's procedure and clocks. */
  matterClass: { zh: '事项性质', en: 'nature of the matter', variants: { zh: ['信访类型'], en: ['petition type'] } },
  /** Class `suggestion` (Art. 29). */
  suggestion: { zh: '建议意见', en: 'suggestion or opinion', variants: { zh: ['意见建议'], en: [] } },
  /** Class `report` (Art. 30): to discipline inspection, the accuser's material never shown to the accused. */
  report: { zh: '检举控告', en: 'report or accusation', variants: { zh: ['举报投诉', '检举揭发'], en: ['whistleblowing'] } },
  /** Class `appeal` (Art. 31). */
  appeal: { zh: '申诉求决', en: 'appeal or request', variants: { zh: ['求决申诉'], en: [] } },
  /** Class `inquiry`: answered at once or within the plan's short limit. */
  inquiry: { zh: '咨询', en: 'inquiry', variants: { zh: ['询问类'], en: ['enquiry'] } },
  /** Where a matter lawfully belongs instead of a petition (Art. 31 (1)–(5), 诉访分离). */
  lawfulChannel: { zh: '法定途径', en: 'lawful channel', variants: { zh: ['法定渠道', '法律途径'], en: ['legal channel', 'legal route'] } },
  /** The body reports go to (Art. 30). */
  disciplineInspection: { zh: '纪检监察机关', en: 'discipline inspection', variants: { zh: ['纪检部门'], en: ['anti-corruption office'] } },
  /** The office's texts chosen when an answer is written (core/response-templates.ts). */
  responseTemplate: { zh: '答复模板', en: 'response template', variants: { zh: ['回复模板', '答复范本'], en: ['reply template', 'canned response'] } },
  /** The routing catalogue: category × area → lead and assisting units (core/catalogue.ts). */
  catalogue: { zh: '派单目录', en: 'routing catalogue', variants: { zh: ['分派目录', '派单清单'], en: ['dispatch list', 'routing table'] } },
  /** Art. 22: the case handed to the body with authority over it, inside the tree or outside it (core/transfers.ts). */
  transfer: { zh: '转送', en: 'transfer', variants: { zh: ['转递', '移送'], en: ['forward'] } },
  /** Art. 22: a case given to a body to handle with a due date for its result report; also the office's assigning of a unit. */
  assign: { zh: '交办', en: 'assign', variants: { zh: ['指派办理'], en: ['delegate'] } },
  /** Art. 35: the petitioner's request that the body one level above look again at the written answer (review round 1). */
  review: { zh: '复查', en: 'review', variants: { zh: ['复审'], en: ['reconsideration'] } },
  /** Art. 36: the review of the review, one level higher again (round 2); its conclusion is final. */
  secondReview: { zh: '复核', en: 'second review', variants: { zh: ['再复查'], en: ['re-review'] } },
  /** What a body a case was assigned to (交办) reports by its due date: what it did (core/transfers.ts). */
  resultReport: { zh: '办结报告', en: 'result report', variants: { zh: ['办理结果报告', '结案报告'], en: ['completion report', 'closing report'] } },
  /** Indicators (core/indicators.ts; issue 13 item 4): the names from the sources, the definitions ours. */
  timelyAcceptanceRate: { zh: '及时受理率', en: 'timely acceptance rate', variants: { zh: ['受理及时率'], en: ['acceptance timeliness'] } },
  onTimeConclusionRate: { zh: '按期办结率', en: 'on-time conclusion rate', variants: { zh: ['办结及时率', '按期结案率'], en: ['conclusion timeliness'] } },
  ratingParticipation: { zh: '参评率', en: 'rating participation', variants: { zh: ['评价率'], en: ['rating rate'] } },
  satisfactionRate: { zh: '满意率', en: 'satisfaction rate', variants: { zh: ['满意度'], en: ['satisfaction score'] } },
  reworkRate: { zh: '发回重办率', en: 'rework rate', variants: { zh: ['返工率'], en: ['redo rate'] } },
  commitmentsKeptOnTime: { zh: '承诺按期兑现率', en: 'commitments kept on time', variants: { zh: ['承诺兑现率'], en: [] } },
  /** A set day on which a leader receives petitioners in person, at a set place (Art. 18; core/receptions.ts); cases are booked onto it. */
  receptionDay: { zh: '领导接访日', en: 'reception day', variants: { zh: ['领导接待日', '接访日期'], en: ['visiting day', 'open day'] } },
  /** A leader's taking a case in personal charge (Art. 18; core/personal-charge.ts). */
  personalCharge: { zh: '包案', en: 'personal charge', variants: { zh: ['包干案件', '包联案件'], en: ['case ownership'] } },
  /** What a meeting or a decision committed to (承诺事项, core/commitments.ts): an owner unit, a due date, a status. */
  commitment: { zh: '承诺事项', en: 'commitment', variants: { zh: ['承诺事宜', '许诺事项'], en: ['promise', 'pledge'] } },
} as const satisfies Record<string, Term>;
