import { placeholdersIn } from './written-notices.js';

/**
 * Response templates (答复模板, issue 13 item 8): texts the office keeps per category and notice
 * type, chosen when writing an answer or a notice's reason, with placeholders the server fills for
 * the case. A template may name only the placeholders below; any other is refused when it is saved.
 * Nothing here is personal: the placeholders are the case's reference, category, dates and office.
 */
export const responseTemplatePlaceholders = ['reference', 'category', 'receivedDate', 'date', 'office', 'location'] as const;
export type ResponseTemplatePlaceholder = (typeof responseTemplatePlaceholders)[number];

/** What a template is for: the written answer (the handling opinion's decision) or the reason of a notice. */
export const responseTemplateUses = ['answer', 'non_acceptance', 'extension', 'transfer'] as const;
export type ResponseTemplateUse = (typeof responseTemplateUses)[number];

/** The placeholders a text names that a template may not use, in order, each once. */
export function unknownPlaceholders(text: string): string[] {
  const allowed = responseTemplatePlaceholders as readonly string[];
  return [...new Set(placeholdersIn(text).filter((name) => !allowed.includes(name)))];
}

/** Whether a template for `category` (null: every category) serves a case of `caseCategory`. */
export function templateServes(template: { category: string | null }, caseCategory: string): boolean {
  return template.category === null || template.category === caseCategory;
}
