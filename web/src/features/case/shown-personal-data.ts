import type { CaseDetail } from '../../api/types';

type Shown = Pick<CaseDetail, 'id' | 'petitioner' | 'representatives' | 'personalData'>;

/**
 * The case to show after an action. An action's answer leaves names and contacts out
 * (`personalData.sent` false: acting on a case is not a read of them), so the ones the reader's
 * last read of this case showed stay on screen; an answer that carries them replaces them.
 */
export function keepShownPersonalData<T extends Shown>(shown: Shown | undefined, answer: T): T {
  if (answer.personalData.sent || !shown || shown.id !== answer.id || !shown.personalData.sent) return answer;
  return { ...answer, petitioner: shown.petitioner, representatives: shown.representatives, personalData: { ...answer.personalData, sent: true } };
}
