import { DateTime } from 'luxon';
import type { NoticeTopic } from '../core/notices.js';

/** Every notification Redress sends, written in Simplified Chinese and English; core/notices.ts lists them (webhooks subscribe to them as topics). */
export type TemplateKey = NoticeTopic;
export type Language = 'zh' | 'en';

interface Rendered {
  subject: string;
  text: string;
}

type Data = Record<string, unknown>;

const clockNames: Record<Language, Record<string, string>> = {
  zh: { accept: '受理决定', conclude: '办结', acknowledge: '签收', on_scene: '到场', proposal: '提出解决方案', review: '复查办结', transfer_reply: '书面告知是否受理（转送）', result_report: '报送办结报告', supervision_feedback: '督办书面反馈', commitment: '承诺事项', rework: '发回重办' },
  en: { accept: 'decision on acceptance', conclude: 'conclusion', acknowledge: 'acknowledgement', on_scene: 'arrival on the scene', proposal: 'proposed solution', review: 'review conclusion', transfer_reply: 'reply on accepting a transfer', result_report: 'result report', supervision_feedback: 'written feedback on supervision', commitment: 'commitment', rework: 'rework' },
};

const roleNames: Record<Language, Record<string, string>> = {
  zh: { admin: '系统管理员', coordinator: '信访局', unit_officer: '责任单位', leader: '领导小组', auditor: '审计' },
  en: { admin: 'Administrator', coordinator: 'Petition office', unit_officer: 'Unit officer', leader: 'Leadership group', auditor: 'Auditor' },
};

function clockName(language: Language, kind: unknown): string {
  const key = String(kind).startsWith('review') ? 'review' : String(kind);
  return clockNames[language][key] ?? key;
}

function when(value: unknown, timeZone: string, language: Language): string {
  if (typeof value !== 'string') return '—';
  const time = DateTime.fromISO(value, { zone: 'utc' }).setZone(timeZone);
  return language === 'zh' ? time.toFormat('yyyy年M月d日 HH:mm') : time.toFormat('d LLL yyyy, HH:mm', { locale: 'en' });
}

const s = (value: unknown) => (value === undefined || value === null ? '' : String(value));
/** Free text placed before our own full stop, without a full stop of its own. */
const clause = (value: unknown) => s(value).trim().replace(/[。.！!？?；;，,\s]+$/u, '');

/** A case's title in brackets after its reference, or nothing when the notice may not carry it (Art. 30). */
const titled = (value: unknown, language: Language) => (s(value) === '' ? '' : language === 'zh' ? `（${s(value)}）` : ` (${s(value)})`);

type Template = (data: Data, timeZone: string) => Rendered;

/** Whom a step up the chain reached: the office, the leadership group, or a unit above the late one. */
function rungName(language: Language, d: Data): string {
  if (d.notified === 'unit') return s(d.notifiedUnitName);
  if (d.notified === 'office') return language === 'zh' ? '信访局' : 'the petition office';
  return language === 'zh' ? '领导小组' : 'the leadership group';
}

const templates: Record<TemplateKey, Record<Language, Template>> = {
  'case.assigned': {
    zh: (d, tz) => ({
      subject: `【交办】${s(d.reference)}${d.title ? ` ${s(d.title)}` : ''}`,
      text: `${s(d.unitName)}：信访事项 ${s(d.reference)}${titled(d.title, 'zh')}已交由你单位${d.role === 'lead' ? '牵头' : '协办'}办理。\n请于 ${when(d.acknowledgeDueAt, tz, 'zh')} 前签收${d.onSceneDueAt ? `，${when(d.onSceneDueAt, tz, 'zh')} 前到场` : ''}。`,
    }),
    en: (d, tz) => ({
      subject: `[Assigned] ${s(d.reference)}${d.title ? ` ${s(d.title)}` : ''}`,
      text: `${s(d.unitName)}: petition ${s(d.reference)}${titled(d.title, 'en')} has been assigned to your unit as ${d.role === 'lead' ? 'lead' : 'assisting'} unit.\nAcknowledge by ${when(d.acknowledgeDueAt, tz, 'en')}${d.onSceneDueAt ? ` and be on the scene by ${when(d.onSceneDueAt, tz, 'en')}` : ''}.`,
    }),
  },
  'deadline.missed': {
    zh: (d, tz) => ({
      subject: `【逾期】${s(d.reference)} ${clockName('zh', d.kind)}已逾期`,
      text: `信访事项 ${s(d.reference)}（${s(d.title)}）的${clockName('zh', d.kind)}期限为 ${when(d.dueAt, tz, 'zh')}，${d.unitName ? `责任单位${s(d.unitName)}` : '信访局'}未按期完成。`,
    }),
    en: (d, tz) => ({
      subject: `[Overdue] ${s(d.reference)}: ${clockName('en', d.kind)} missed`,
      text: `Petition ${s(d.reference)} (${s(d.title)}): the ${clockName('en', d.kind)} was due by ${when(d.dueAt, tz, 'en')} and ${d.unitName ? s(d.unitName) : 'the petition office'} has not done it.`,
    }),
  },
  // Before a clock runs out, at the points the plan sets (core/ladder.ts): to the unit that owes it.
  'deadline.reminded': {
    zh: (d, tz) => ({
      subject: `【提醒】${s(d.reference)} ${clockName('zh', d.kind)}将于 ${when(d.dueAt, tz, 'zh')} 到期`,
      text: `信访事项 ${s(d.reference)}（${s(d.title)}）的${clockName('zh', d.kind)}期限为 ${when(d.dueAt, tz, 'zh')}，${d.unitName ? `请${s(d.unitName)}` : '请信访局'}按期完成。`,
    }),
    en: (d, tz) => ({
      subject: `[Reminder] ${s(d.reference)}: ${clockName('en', d.kind)} due by ${when(d.dueAt, tz, 'en')}`,
      text: `Petition ${s(d.reference)} (${s(d.title)}): the ${clockName('en', d.kind)} is due by ${when(d.dueAt, tz, 'en')}. ${d.unitName ? s(d.unitName) : 'The petition office'}, please do it on time.`,
    }),
  },
  // Each step up the chain after a miss, on the plan's schedule: to the rung the step reaches.
  'deadline.escalated': {
    zh: (d, tz) => ({
      subject: `【催办】${s(d.reference)} ${clockName('zh', d.kind)}仍未完成（第 ${s(d.step)} 次）`,
      text: `信访事项 ${s(d.reference)}（${s(d.title)}）的${clockName('zh', d.kind)}已于 ${when(d.dueAt, tz, 'zh')} 逾期，${d.unitName ? s(d.unitName) : '信访局'}至今仍未完成，现第 ${s(d.step)} 次升级催办，报${rungName('zh', d)}。`,
    }),
    en: (d, tz) => ({
      subject: `[Escalated] ${s(d.reference)}: ${clockName('en', d.kind)} still not done (step ${s(d.step)})`,
      text: `Petition ${s(d.reference)} (${s(d.title)}): the ${clockName('en', d.kind)} was due by ${when(d.dueAt, tz, 'en')} and ${d.unitName ? s(d.unitName) : 'the petition office'} has still not done it. Escalated, step ${s(d.step)}, to ${rungName('en', d)}.`,
    }),
  },
  // The leadership group put a case under supervision: to the unit, with its notice and the feedback's due date.
  'supervision.started': {
    zh: (d, tz) => ({
      subject: `【${d.kind === 'listed' ? '挂牌督办' : '督办'}】${s(d.reference)}`,
      text: `领导小组对信访事项 ${s(d.reference)}${titled(d.title, 'zh')}${d.kind === 'listed' ? '挂牌督办' : '督办'}。督办要求：${clause(d.requirements)}。请${s(d.unitName)}于 ${when(d.feedbackDueAt, tz, 'zh')} 前书面反馈。`,
    }),
    en: (d, tz) => ({
      subject: `[${d.kind === 'listed' ? 'Listed supervision' : 'Supervision'}] ${s(d.reference)}`,
      text: `The leadership group put petition ${s(d.reference)}${titled(d.title, 'en')} under ${d.kind === 'listed' ? 'listed supervision' : 'supervision'}. Its requirements: ${clause(d.requirements)}. ${s(d.unitName)}, give your written feedback by ${when(d.feedbackDueAt, tz, 'en')}.`,
    }),
  },
  // The unit answered the supervision notice: to the leadership group and the office.
  'supervision.feedback': {
    zh: (d) => ({
      subject: `【督办反馈】${s(d.reference)} ${s(d.unitName)}已书面反馈`,
      text: `${s(d.unitName)}已就信访事项 ${s(d.reference)}${titled(d.title, 'zh')}的督办书面反馈${d.late ? '（逾期）' : ''}：${clause(d.feedback)}。`,
    }),
    en: (d) => ({
      subject: `[Supervision feedback] ${s(d.reference)}: ${s(d.unitName)} has answered`,
      text: `${s(d.unitName)} gave its written feedback on the supervision of petition ${s(d.reference)}${titled(d.title, 'en')}${d.late ? ' (overdue)' : ''}: ${clause(d.feedback)}.`,
    }),
  },
  // The office sent the case back to the lead unit for rework (发回重办): to the unit, with the requirements and the due date.
  'rework.started': {
    zh: (d, tz) => ({
      subject: `【发回重办】${s(d.reference)}`,
      text: `信访事项 ${s(d.reference)}${titled(d.title, 'zh')}经${d.source === 'rating' ? '信访人评价' : '回访'}不满意，发回${s(d.unitName)}重办${d.requirements ? `。重办要求：${clause(d.requirements)}` : ''}。请于 ${when(d.dueAt, tz, 'zh')} 前重办并报告。`,
    }),
    en: (d, tz) => ({
      subject: `[Rework] ${s(d.reference)}`,
      text: `Petition ${s(d.reference)}${titled(d.title, 'en')}: the petitioner was unsatisfied ${d.source === 'rating' ? 'in their rating' : 'on the call-back'}, and the case is sent back to ${s(d.unitName)} for rework${d.requirements ? `. Requirements: ${clause(d.requirements)}` : ''}. Redo it and report by ${when(d.dueAt, tz, 'en')}.`,
    }),
  },
  // The unit reported its rework: to the office, whose new call-back is due.
  'rework.reported': {
    zh: (d) => ({
      subject: `【重办报告】${s(d.reference)} ${s(d.unitName)}已报告`,
      text: `${s(d.unitName)}已报告信访事项 ${s(d.reference)}${titled(d.title, 'zh')}的重办情况${d.late ? '（逾期）' : ''}：${clause(d.report)}。请回访。`,
    }),
    en: (d) => ({
      subject: `[Rework reported] ${s(d.reference)}: ${s(d.unitName)} has reported`,
      text: `${s(d.unitName)} reported its rework of petition ${s(d.reference)}${titled(d.title, 'en')}${d.late ? ' (overdue)' : ''}: ${clause(d.report)}. A call-back is due.`,
    }),
  },
  'supervision.ended': {
    zh: (d) => ({
      subject: `【督办结束】${s(d.reference)}`,
      text: `领导小组已结束对信访事项 ${s(d.reference)}${titled(d.title, 'zh')}的督办${d.note ? `：${clause(d.note)}` : ''}。`,
    }),
    en: (d) => ({
      subject: `[Supervision ended] ${s(d.reference)}`,
      text: `The leadership group ended the supervision of petition ${s(d.reference)}${titled(d.title, 'en')}${d.note ? `: ${clause(d.note)}` : ''}.`,
    }),
  },
  'assignment.objected': {
    zh: (d) => ({
      subject: `【异议】${s(d.reference)} ${s(d.unitName)}提出不属于本单位职责`,
      text: `${s(d.unitName)}认为信访事项 ${s(d.reference)}（${s(d.title)}）不属于其职责范围，理由：${clause(d.reason)}。请信访局改派。`,
    }),
    en: (d) => ({
      subject: `[Objection] ${s(d.reference)}: ${s(d.unitName)} says the case is outside its remit`,
      text: `${s(d.unitName)} objects that petition ${s(d.reference)} (${s(d.title)}) is outside its remit: ${clause(d.reason)}. Please reroute it.`,
    }),
  },
  'case.extended': {
    zh: (d, tz) => ({
      subject: `您的信访事项 ${s(d.reference)} 办理期限已延长`,
      text: `您的信访事项 ${s(d.reference)} 因${clause(d.reason)}，办理期限延长 ${s(d.days)} 日，新的办结期限为 ${when(d.newDueAt, tz, 'zh')}。`,
    }),
    en: (d, tz) => ({
      subject: `The time to conclude your petition ${s(d.reference)} has been extended`,
      text: `Your petition ${s(d.reference)}: the time to conclude it has been extended by ${s(d.days)} days because ${clause(d.reason)}. It is now due by ${when(d.newDueAt, tz, 'en')}.`,
    }),
  },
  // To the leaders: the office asks for the extension, which only a leader approves (Art. 34).
  'extension.requested': {
    zh: (d, tz) => ({
      subject: `【延期审批】${s(d.reference)} 申请延长办理期限 ${s(d.days)} 日`,
      text: `信访事项 ${s(d.reference)}（${s(d.title)}）申请延长办理期限 ${s(d.days)} 日，理由：${clause(d.reason)}。现办结期限为 ${when(d.dueAt, tz, 'zh')}，请审批。`,
    }),
    en: (d, tz) => ({
      subject: `[Extension to approve] ${s(d.reference)}: ${s(d.days)} more days requested`,
      text: `Petition ${s(d.reference)} (${s(d.title)}): the office asks to extend the time to conclude by ${s(d.days)} days because ${clause(d.reason)}. It is now due by ${when(d.dueAt, tz, 'en')}. Please approve or refuse.`,
    }),
  },
  // To the office: a leader approved or refused the extension it requested.
  'extension.decided': {
    zh: (d, tz) => ({
      subject: `【延期审批结果】${s(d.reference)} 延长办理期限 ${s(d.days)} 日：${d.decision === 'approved' ? '已批准' : '不予批准'}`,
      text:
        d.decision === 'approved'
          ? `信访事项 ${s(d.reference)}${titled(d.title, 'zh')}延长办理期限 ${s(d.days)} 日的申请已获领导批准，办结期限延至 ${when(d.dueAt, tz, 'zh')}，已书面告知信访人。`
          : `信访事项 ${s(d.reference)}${titled(d.title, 'zh')}延长办理期限 ${s(d.days)} 日的申请未获领导批准，理由：${clause(d.reason)}。办结期限仍为 ${when(d.dueAt, tz, 'zh')}。`,
    }),
    en: (d, tz) => ({
      subject: `[Extension ${d.decision === 'approved' ? 'approved' : 'refused'}] ${s(d.reference)}: ${s(d.days)} more days`,
      text:
        d.decision === 'approved'
          ? `Petition ${s(d.reference)}${titled(d.title, 'en')}: a leader approved the extension by ${s(d.days)} days. It is now due by ${when(d.dueAt, tz, 'en')}, and the petitioner has been told in writing.`
          : `Petition ${s(d.reference)}${titled(d.title, 'en')}: a leader refused the extension by ${s(d.days)} days because ${clause(d.reason)}. It is still due by ${when(d.dueAt, tz, 'en')}.`,
    }),
  },
  // To the petitioner (and webhooks): a written notice was issued; its text is on the portal's status page and in its PDF.
  'notice.issued': {
    zh: (d) => ({
      subject: `您的信访事项 ${s(d.reference)}：${s(d.titleZh)}`,
      text: `您的信访事项 ${s(d.reference)} 有一份新的书面告知：${s(d.titleZh)}。\n\n${s(d.bodyZh)}\n\n您可凭编号和查询码在信访查询页查看并下载此告知书（PDF）。`,
    }),
    en: (d) => ({
      subject: `Your petition ${s(d.reference)}: ${s(d.titleEn)}`,
      text: `There is a new written notice on your petition ${s(d.reference)}: ${s(d.titleEn)}.\n\n${s(d.bodyEn)}\n\nYou can read it and download it (PDF) on the petition status page with your reference and access code.`,
    }),
  },
  // The latest signed checkpoint, sent to the auditors so a copy exists outside the database.
  'audit.checkpoint': {
    zh: (d, tz) => ({
      subject: `【审计】审计日志签名检查点（${when(d.at, tz, 'zh')}）`,
      text: `截至 ${when(d.at, tz, 'zh')}，审计日志共 ${s(d.auditSeq)} 条，办理记录共 ${s(d.eventsSeq)} 条，检查点已签名。请将以下内容另行保存；核验时执行 redress audit verify --checkpoint 文件名，可证明日志未被删改或截短。\n\n${s(d.checkpoint)}`,
    }),
    en: (d, tz) => ({
      subject: `[Audit] Signed checkpoint of the audit log (${when(d.at, tz, 'en')})`,
      text: `As of ${when(d.at, tz, 'en')} the audit log holds ${s(d.auditSeq)} entries and the case timelines ${s(d.eventsSeq)} events, signed in this checkpoint. Keep the text below somewhere else; redress audit verify --checkpoint FILE proves the log has not been rewritten or cut back before it.\n\n${s(d.checkpoint)}`,
    }),
  },
  'personal_data.revealed': {
    zh: (d, tz) => ({
      subject: `【个人信息查看】${s(d.reference)} ${s(d.actorName)}`,
      text: `${s(d.actorName)}（${roleNames.zh[s(d.role)] ?? s(d.role)}）于 ${when(d.at, tz, 'zh')} 查看了信访事项 ${s(d.reference)}（${s(d.title)}）中的姓名和联系方式，说明的理由：${clause(d.reason)}。此次查看已记入审计日志。`,
    }),
    en: (d, tz) => ({
      subject: `[Personal data revealed] ${s(d.reference)} by ${s(d.actorName)}`,
      text: `${s(d.actorName)} (${roleNames.en[s(d.role)] ?? s(d.role)}) revealed the names and contacts on petition ${s(d.reference)} (${s(d.title)}) at ${when(d.at, tz, 'en')}, giving the reason: ${clause(d.reason)}. The read is recorded in the audit log.`,
    }),
  },
};

/** The subject and text of a notification in one language, with times in the jurisdiction's zone. */
export function render(template: TemplateKey, language: Language, data: Data, timeZone: string): Rendered {
  return templates[template][language](data, timeZone);
}
