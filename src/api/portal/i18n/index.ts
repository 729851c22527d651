import { en } from './en.js';
import { zh, type Messages } from './zh.js';

export type { Messages };
export type PortalLanguage = 'zh' | 'en';

/** The portal's words in each language it speaks. */
export const portalMessages: Record<PortalLanguage, Messages> = { zh, en };
