/** The words a printed document carries besides its own text, in zh and en (the glossary checks them). */
export const documentWords = {
  zh: { colon: '：', reference: '编号', date: '日期', seal: '（盖章）', page: '第 {{page}} 页，共 {{pages}} 页' },
  en: { colon: ': ', reference: 'Reference', date: 'Date', seal: '(Seal)', page: 'Page {{page}} of {{pages}}' },
} as const;

export type DocumentLanguage = keyof typeof documentWords;
export const documentLanguages = Object.keys(documentWords) as DocumentLanguage[];
