import type { Attachment } from '../../api/types';

/** What the case page is told after a registration: the reference, the files received, and any the server did not take (and why). */
export interface Registered {
  registered: string;
  received: Attachment[];
  notReceived?: { names: string[]; failure: { code: string; message: string; field?: string | undefined; details?: unknown } };
}
