/** Every string the server itself shows a person, in Simplified Chinese and English. */
export const messages = {
  zh: {
    title: 'Redress 信访事项处置系统',
    intro: '按照公开的处置预案登记、交办、办理和答复每一件信访事项，并对各责任单位的履职情况进行问责。',
    apiDocs: '接口文档',
    health: '运行状态',
    otherLanguage: 'English',
  },
  en: {
    title: 'Redress — petitions and grievances',
    intro: 'Every petition registered, routed, worked through a published plan and answered on time, and every unit held to account.',
    apiDocs: 'API documentation',
    health: 'Health',
    otherLanguage: '中文',
  },
} as const;

export type Language = keyof typeof messages;

/** The language to answer in: an explicit `lang`, else the browser's preference, else Chinese. */
export function pickLanguage(explicit: string | undefined, acceptLanguage: string | undefined): Language {
  if (explicit === 'en' || explicit === 'zh') return explicit;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
