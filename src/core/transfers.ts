/**
 * Transfer and assignment across bodies (转送 and 交办, Regulations 2022 Art. 22–23): the office sends
 * a case to the body with authority over it, a unit of the tree or a body outside this deployment.
 * A transfer hands the matter over; an assignment also asks for a result report (办结报告) by a due
 * date. Either way the receiving body has its own clock to tell the petitioner in writing whether
 * it accepts the matter (Art. 23), apart from the office's clocks.
 */
export const transferKinds = ['transfer', 'assign'] as const;
export type TransferKind = (typeof transferKinds)[number];

/** What the receiving body answers: it accepts the matter, or it does not (and says why). */
export const transferReplies = ['accepted', 'declined'] as const;
export type TransferReply = (typeof transferReplies)[number];

/** The clocks of a transfer on the `deadlines` table (subject: the transfer's id). */
export const transferClockKinds = { reply: 'transfer_reply', result: 'result_report' } as const;
