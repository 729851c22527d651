import { invalid, refused } from '../core/errors.js';
import { caseFlags, parseFlags, storedFlags, type CaseFlag } from '../core/flags.js';
import type { Actor } from '../core/types.js';
import { runCaseCommand } from './support/case-command.js';
import type { CaseDetail } from '../presenters/case-view.js';
import type { Context } from '../context/context.js';

function isCaseFlag(value: string): value is CaseFlag {
  return (caseFlags as readonly string[]).includes(value);
}

/**
 * The office clears a flag once it has looked at the case (e.g. a `suspected_spam` petition that
 * turned out genuine). Clearing changes nothing else: the case stays where it is, and the timeline
 * and the audit log keep who cleared which flag and when.
 */
export async function clearCaseFlag(ctx: Context, props: { actor: Actor; caseId: string; flag: string }): Promise<CaseDetail> {
  const flag = props.flag;
  if (!isCaseFlag(flag)) throw invalid('flag', `must be one of ${caseFlags.join(', ')}.`);
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.assign' }, async (_trx, row) => {
    const flags = parseFlags(row.flags);
    if (!flags.includes(flag)) {
      throw refused('not_flagged', `This case is not flagged ${flag}; the flag may have been cleared already.`, { flag }, { field: 'flag' });
    }
    return {
      changes: { flags: storedFlags(flags.filter((item) => item !== flag)) },
      event: { type: 'flag.cleared', data: { flag } },
      audit: { action: 'case.flag_cleared', detail: { flag } },
    };
  });
}
