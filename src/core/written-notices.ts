import type { LocalText } from './plan.js';

/**
 * Written notices (告知, issue 12 item 5): what the office tells the petitioner in writing. Each kind
 * has a template in the plan (`notices.<kind>`, zh and en) and the placeholders its template may use;
 * a placeholder outside the kind's list is a plan problem (`unknown_placeholder`) at import.
 * The commands that decide something issue the notice in their own transaction
 * (commands/written-notices.ts `issueNotice`); the stored row is what was sent and never changes.
 */

/**
 * Placeholders every notice may use: filled by `issueNotice` itself. `category` names the matter by
 * the plan's category; `title` is kept for plans written before it and is filled with the category's
 * name too: the case's own title is typed at the counter, may carry a name, and notices are shown on the portal.
 */
export const commonPlaceholders = ['reference', 'category', 'title', 'office', 'date'] as const;

/** Each kind, and the placeholders of its own that the caller passes as `params`. */
export const noticeKindPlaceholders = {
  acceptance: ['concludeDueDate'],
  non_acceptance: ['reason', 'channel', 'howTo'],
  transfer: ['body', 'reason'],
  extension: ['days', 'reason', 'newDueDate'],
  handling_opinion: ['claim', 'facts', 'decision', 'basis', 'reviewDays', 'reviewDeadline'],
  /** To the lead unit, not the petitioner: the leadership group's supervision (督办, Art. 40) and the feedback's due date. */
  supervision: ['unit', 'supervisionKind', 'requirements', 'feedbackDueDate'],
} as const satisfies Record<string, readonly string[]>;

export type NoticeKind = keyof typeof noticeKindPlaceholders;
export const noticeKinds = Object.keys(noticeKindPlaceholders) as NoticeKind[];

/** Notices the office writes to a unit, not to the petitioner: never emailed to them, shown on the portal or printed there. */
export const staffOnlyNoticeKinds: readonly NoticeKind[] = ['supervision'];

/** The values a kind's own placeholders take (strings or numbers, worded by the caller in both languages where they differ). */
export type NoticeParams = Record<string, string | number | LocalText>;

/** A notice's template: its heading and its text, each in zh and/or en. */
export interface NoticeTemplate {
  title: LocalText;
  body: LocalText;
}

const placeholder = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders a template text uses, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(placeholder)].map((match) => match[1] as string);
}

/** The placeholders a kind's template may use. */
export function allowedPlaceholders(kind: NoticeKind): readonly string[] {
  return [...commonPlaceholders, ...noticeKindPlaceholders[kind]];
}

function valueIn(value: string | number | LocalText | undefined, language: 'zh' | 'en'): string {
  if (value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return value[language] ?? value.zh ?? value.en ?? '';
}

const endsSentence = /[。.！!？?]$/u;
const placeholderThenStop = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}([。.，,；;：:]?)/g;

/**
 * Fills a template text; a placeholder with no value becomes empty (the plan check makes sure each one
 * is known). A value that ends its own sentence ("…archive.") followed by the template's punctuation
 * keeps one stop: the template's comma or full stop wins, the value's own is dropped.
 */
export function fillTemplate(text: string, values: NoticeParams, language: 'zh' | 'en'): string {
  return text.replace(placeholderThenStop, (_whole, name: string, stop: string) => {
    const value = valueIn(values[name], language);
    return stop !== '' && endsSentence.test(value) ? `${value.slice(0, -1)}${stop}` : `${value}${stop}`;
  });
}

/** A paragraph (text between blank lines) whose every placeholder is empty says nothing, and is left out (a notice of non-acceptance without a channel). */
function withoutEmptyParagraphs(text: string, values: NoticeParams, language: 'zh' | 'en'): string {
  return text
    .split(/\n[ \t]*\n/u)
    .filter((paragraph) => {
      const names = placeholdersIn(paragraph);
      return names.length === 0 || names.some((name) => valueIn(values[name], language).trim() !== '');
    })
    .join('\n\n');
}

/** A notice as it was sent: heading and text in both languages. */
export interface NoticeContent {
  zh: { title: string; body: string };
  en: { title: string; body: string };
}

export function renderNotice(template: NoticeTemplate, values: NoticeParams): NoticeContent {
  const pick = (text: LocalText, language: 'zh' | 'en') => fillTemplate(withoutEmptyParagraphs(text[language] ?? text.zh ?? text.en ?? '', values, language), values, language).trim();
  return {
    zh: { title: pick(template.title, 'zh'), body: pick(template.body, 'zh') },
    en: { title: pick(template.title, 'en'), body: pick(template.body, 'en') },
  };
}

/**
 * The templates a plan without its own `notices` uses (plans published before notices existed);
 * the built-in plan carries the same texts in its YAML (plan.test.ts holds the two equal).
 */
export const defaultNoticeTemplates: Record<NoticeKind, NoticeTemplate> = {
  acceptance: {
    title: { zh: '信访事项受理告知书', en: 'Notice of acceptance' },
    body: {
      zh: '您反映的信访事项（编号 {{reference}}，{{category}}）已于 {{date}} 受理，将在 {{concludeDueDate}} 前办结并书面答复您。',
      en: 'Your petition (reference {{reference}}, {{category}}) was accepted on {{date}}. It will be concluded, and you will receive a written answer, by {{concludeDueDate}}.',
    },
  },
  non_acceptance: {
    title: { zh: '信访事项不予受理告知书', en: 'Notice of non-acceptance' },
    body: {
      zh: '您反映的信访事项（编号 {{reference}}，{{category}}）不予作为信访事项受理。\n\n理由：{{reason}}。\n\n请通过以下途径依法提出：{{channel}}。{{howTo}}',
      en: 'Your petition (reference {{reference}}, {{category}}) is not accepted as a petition.\n\nReason: {{reason}}.\n\nPlease pursue it lawfully through this channel: {{channel}}. {{howTo}}',
    },
  },
  transfer: {
    title: { zh: '信访事项转送告知书', en: 'Notice of transfer' },
    body: {
      zh: '您反映的信访事项（编号 {{reference}}，{{category}}）已于 {{date}} 转送 {{body}} 办理，理由：{{reason}}。该机关将在收到之日起15日内书面告知您是否受理。',
      en: 'Your petition (reference {{reference}}, {{category}}) was transferred on {{date}} to {{body}}, which handles it. Reason: {{reason}}. That body will tell you in writing within 15 days of receiving it whether it accepts it.',
    },
  },
  extension: {
    title: { zh: '信访事项延期办理告知书', en: 'Notice of extension' },
    body: {
      zh: '您反映的信访事项（编号 {{reference}}，{{category}}）因{{reason}}，经批准延长办理期限 {{days}} 日，新的办结期限为 {{newDueDate}}。',
      en: 'Your petition (reference {{reference}}, {{category}}): the time to conclude it has been extended, with approval, by {{days}} days because {{reason}}. It is now due by {{newDueDate}}.',
    },
  },
  handling_opinion: {
    title: { zh: '信访事项处理意见书', en: 'Handling opinion' },
    body: {
      zh: '信访事项编号：{{reference}}\n\n信访请求：{{claim}}\n\n查明事实：{{facts}}\n\n处理意见：{{decision}}\n\n依据：{{basis}}\n\n如对本处理意见不服，可自收到本意见书之日起 {{reviewDays}} 日内（{{reviewDeadline}} 前）向原办理机关的上一级机关请求复查。',
      en: 'Petition reference: {{reference}}\n\nThe claim: {{claim}}\n\nThe facts found: {{facts}}\n\nThe decision: {{decision}}\n\nIts basis: {{basis}}\n\nIf you do not accept this opinion, you may request a review by the body above the one that handled it within {{reviewDays}} days of receiving it (by {{reviewDeadline}}).',
    },
  },
  supervision: {
    title: { zh: '信访事项督办通知书', en: 'Notice of supervision' },
    body: {
      zh: '{{unit}}：\n\n信访事项（编号 {{reference}}，{{category}}）经领导小组决定{{supervisionKind}}。\n\n督办要求：{{requirements}}。\n\n请于 {{feedbackDueDate}} 前将办理情况书面反馈领导小组。',
      en: '{{unit}}:\n\nThe leadership group has put the petition (reference {{reference}}, {{category}}) under {{supervisionKind}}.\n\nIts requirements: {{requirements}}.\n\nGive the leadership group your written feedback on how it is being handled by {{feedbackDueDate}}.',
    },
  },
};
