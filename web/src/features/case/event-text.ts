import type { TFunction } from 'i18next';
import { caseFlags, type CaseFlag } from '../../../../src/core/flags.js';
import { adoptions, matterClasses, type Adoption, type MatterClass } from '../../../../src/core/matter.js';
import { isCallbackOutcome, isUnsatisfiedReason } from '../../../../src/core/callbacks.js';
import { pauseKinds, type PauseKind } from '../../../../src/core/pauses.js';
import { isReviewOutcome } from '../../../../src/core/reviews.js';
import { roundKey } from '../reviews/round-key';
import { isSupervisionKind } from '../../../../src/core/supervision.js';
import { stages, type Stage } from '../../../../src/core/types.js';
import type { CaseEvent, LocalText } from '../../api/types';

export interface EventText {
  /** One line saying what happened. */
  title: string;
  /** What was written with it: a reason, a note, a summary. */
  body?: string;
  late: boolean;
}

const isStage = (value: unknown): value is Stage => stages.includes(value as Stage);
const isPauseKind = (value: unknown): value is PauseKind => pauseKinds.includes(value as PauseKind);
const isFlag = (value: unknown): value is CaseFlag => caseFlags.includes(value as CaseFlag);
const isMatterClass = (value: unknown): value is MatterClass => matterClasses.includes(value as MatterClass);
const isAdoption = (value: unknown): value is Adoption => adoptions.includes(value as Adoption);

/** The deadline scanner's clock kinds, named as the case page names its clocks. */
const clockNames = {
  accept: 'deadline.accept',
  conclude: 'deadline.conclude',
  review: 'deadline.review',
  acknowledge: 'deadline.acknowledge',
  on_scene: 'deadline.onScene',
  proposal: 'deadline.proposal',
  supervision_feedback: 'supervision.feedbackClock',
  rework: 'callbacks.reworkClock',
  transfer_reply: 'deadline.transferReply',
  result_report: 'deadline.resultReport',
  commitment: 'deadline.commitment',
} as const;

function clockName(t: TFunction, kind: unknown): string {
  return typeof kind === 'string' && kind in clockNames ? t(clockNames[kind as keyof typeof clockNames]) : String(kind ?? '');
}
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * A timeline entry in words. `unit` names a unit by id; `local` picks a plan text's language;
 * `when` writes a time. Event types this app does not know yet still show, by their type.
 */
export function eventText(
  t: TFunction,
  event: CaseEvent,
  unit: (id: string, fallback: string) => string,
  local: (text: LocalText) => string,
  when: (iso: string) => string = (iso) => iso,
): EventText {
  const data = event.data;
  const late = data.late === true;
  const unitName = unit(String(data.unitId ?? ''), text(data.unitName) ?? '');
  // The office recording a unit's act for it: who did it (the actor) for whom (the unit).
  const forUnit = data.onBehalf === true ? { actor: event.actorName ?? '' } : null;
  switch (event.type) {
    case 'case.opened':
      return { title: t('timeline.opened', { stage: isStage(data.stage) ? t(`stage.${data.stage}`) : '' }), late };
    case 'stage.changed': {
      const from = isStage(data.from) ? t(`stage.${data.from}`) : String(data.from);
      const to = isStage(data.to) ? t(`stage.${data.to}`) : String(data.to);
      const undone = Array.isArray(data.undoneSteps) ? data.undoneSteps.length : 0;
      const openCommitments = typeof data.openCommitments === 'number' ? data.openCommitments : 0;
      const body = [
        text(data.reason),
        undone > 0 ? t('timeline.leftUndone', { count: undone }) : undefined,
        openCommitments > 0 ? t('timeline.closedWithCommitments', { count: openCommitments }) : undefined,
      ]
        .filter(Boolean)
        .join('\n');
      return { title: t('timeline.moved', { from, to }), late, ...(body ? { body } : {}) };
    }
    case 'commitment.added':
      return { title: t('timeline.commitmentAdded', { unit: unitName, when: when(text(data.dueAt) ?? '') }), late, ...(text(data.text) ? { body: text(data.text) } : {}) };
    case 'commitment.done':
      return { title: t(late ? 'timeline.commitmentDoneLate' : 'timeline.commitmentDone', { unit: unitName }), late, ...(text(data.evidence) ? { body: text(data.evidence) } : {}) };
    case 'commitment.dropped':
      return { title: t('timeline.commitmentDropped', { unit: unitName }), late, ...(text(data.reason) ? { body: text(data.reason) } : {}) };
    case 'assignment.notified':
      return { title: t('timeline.notified', { unit: unitName, role: data.role === 'lead' ? t('assignmentRole.lead') : t('assignmentRole.assisting') }), late };
    case 'assignment.acknowledged':
      return { title: forUnit ? t('timeline.acknowledgedFor', { unit: unitName, ...forUnit }) : t('timeline.acknowledged', { unit: unitName }), late };
    case 'assignment.arrived': {
      const arrivedAt = text(data.arrivedAt);
      if (!arrivedAt) return { title: t('timeline.arrived', { unit: unitName }), late };
      const at = { unit: unitName, when: when(arrivedAt) };
      return { title: forUnit ? t('timeline.arrivedFor', { ...at, ...forUnit }) : t('timeline.arrivedAt', at), late };
    }
    case 'assignment.proposed': {
      const body = text(data.proposal);
      return { title: forUnit ? t('timeline.proposedFor', { unit: unitName, ...forUnit }) : t('timeline.proposed', { unit: unitName }), late, ...(body ? { body } : {}) };
    }
    case 'note.added': {
      const body = text(data.body);
      return { title: t('timeline.note'), late, ...(body ? { body } : {}) };
    }
    case 'meeting.recorded': {
      const body = text(data.summary);
      return { title: t('timeline.meeting'), late, ...(body ? { body } : {}) };
    }
    case 'answer.given': {
      const lapsed = data.extensionRequestLapsed && typeof data.extensionRequestLapsed === 'object' ? (data.extensionRequestLapsed as { days?: unknown }) : null;
      return { title: t('timeline.answer'), late, ...(lapsed ? { body: t('timeline.answerLapsedExtension', { days: Number(lapsed.days ?? 0) }) } : {}) };
    }
    case 'step.done':
    case 'step.undone': {
      const step = data.text && typeof data.text === 'object' ? local(data.text) : String(data.stepId ?? '');
      return { title: t(event.type === 'step.done' ? 'timeline.step' : 'timeline.stepUndone', { step }), late };
    }
    case 'group.received_together': {
      const body = text(data.reason);
      return { title: t('timeline.receivedTogether'), late, ...(body ? { body } : {}) };
    }
    case 'deadline.reminded':
      return { title: t('timeline.deadlineReminded', { clock: clockName(t, data.kind), reminder: Number(data.reminder ?? 1), due: when(text(data.dueAt) ?? '') }), late: false };
    case 'deadline.escalated':
    case 'deadline.missed': {
      const clock = clockName(t, data.kind);
      // A step up the ladder (core/ladder.ts) says which step and whom it reached; events before the ladder do not.
      if (event.type === 'deadline.escalated' && typeof data.step === 'number') {
        const rung = data.notified === 'unit' ? (text(data.notifiedUnitName) ?? '') : data.notified === 'office' ? t('timeline.rungOffice') : t('timeline.rungLeadership');
        return { title: t(unitName ? 'timeline.deadlineEscalatedStepUnit' : 'timeline.deadlineEscalatedStep', { clock, unit: unitName, step: data.step, rung }), late: false };
      }
      const key = event.type === 'deadline.missed' ? 'timeline.deadlineMissed' : 'timeline.deadlineEscalated';
      return { title: unitName ? t(`${key}Unit`, { clock, unit: unitName }) : t(key, { clock }), late: false };
    }
    case 'deadline.voided':
      return { title: t('timeline.deadlineVoided', { clock: clockName(t, data.kind), unit: unitName || '—', when: when(text(data.missedAt) ?? '') }), late: false };
    case 'class.set': {
      const name = (value: unknown) => (isMatterClass(value) ? t(`matter.classes.${value}`) : String(value ?? ''));
      const body = text(data.reason);
      const title = data.previous ? t('timeline.classChanged', { from: name(data.previous), to: name(data.class) }) : t('timeline.classSet', { class: name(data.class) });
      return { title, late, ...(body ? { body } : {}) };
    }
    case 'channel.recorded': {
      const body = text(data.note);
      // The channel as the plan named it when it was recorded (events before names were kept show the code).
      const channel = data.name && typeof data.name === 'object' ? local(data.name) : String(data.channel ?? '');
      return { title: t('timeline.channelRecorded', { article: Number(data.article ?? 0), channel, due: when(String(data.answerDueAt ?? '')) }), late, ...(body ? { body } : {}) };
    }
    case 'adoption.recorded': {
      const body = text(data.note);
      return { title: t('timeline.adoptionRecorded', { adoption: isAdoption(data.adoption) ? t(`matter.adoptions.${data.adoption}`) : String(data.adoption ?? '') }), late, ...(body ? { body } : {}) };
    }
    case 'finality.linked': {
      const body = text(data.note);
      return { title: t('timeline.finalityLinked', { reference: String(data.earlierReference ?? '') }), late, ...(body ? { body } : {}) };
    }
    case 'pause.started': {
      const kind = isPauseKind(data.kind) ? t(`pause.kinds.${data.kind}`) : String(data.kind ?? '');
      const body = text(data.reason);
      return { title: t('timeline.pauseStarted', { kind, until: when(String(data.plannedEndAt ?? '')) }), late, ...(body ? { body } : {}) };
    }
    case 'pause.ended': {
      const kind = isPauseKind(data.kind) ? t(`pause.kinds.${data.kind}`) : String(data.kind ?? '');
      const moved = (data.moved ?? {}) as Record<string, { newDueAt?: string } | undefined>;
      const due = moved.review?.newDueAt ?? moved.conclude?.newDueAt;
      return { title: due ? t('timeline.pauseEndedMoved', { kind, due: when(due) }) : t('timeline.pauseEnded', { kind }), late };
    }
    case 'deadline.extended': {
      const body = text(data.reason);
      return { title: t('timeline.extended', { days: Number(data.days ?? 0) }), late, ...(body ? { body } : {}) };
    }
    case 'deadline.extension_requested': {
      const body = text(data.reason);
      return { title: t('timeline.extensionRequested', { days: Number(data.days ?? 0) }), late, ...(body ? { body } : {}) };
    }
    case 'deadline.extension_refused': {
      const body = text(data.reason);
      return { title: t('timeline.extensionRefused', { days: Number(data.days ?? 0) }), late, ...(body ? { body } : {}) };
    }
    case 'assignment.objected': {
      const body = text(data.reason);
      return { title: t('timeline.objected', { unit: unitName }), late, ...(body ? { body } : {}) };
    }
    case 'assignment.rerouted': {
      const from = unit(String(data.fromUnitId ?? ''), '');
      return { title: t('timeline.rerouted', { from, to: unitName }), late };
    }
    case 'attachment.added': {
      // The timeline says what came, never the files' names (they can carry personal data).
      const count = Array.isArray(data.files) ? data.files.length : 0;
      return { title: t(data.internal === true ? 'timeline.attachedInternal' : 'timeline.attached', { count }), late };
    }
    case 'attachment.fetch_failed':
      return { title: t('timeline.attachmentFetchFailed', { reason: t(`timeline.mediaFetchReason.${String(data.reason)}`, { defaultValue: String(data.reason ?? '') }) }), late };
    case 'routing.confirmed':
    case 'routing.changed':
      return { title: t(event.type === 'routing.confirmed' ? 'timeline.routingConfirmed' : 'timeline.routingChanged'), late };
    case 'transfer.made': {
      const named = data.body && typeof data.body === 'object' ? local(data.body) : '';
      const body = text(data.reason);
      const title = data.kind === 'assign' ? t('timeline.assignMade', { body: named, due: when(String(data.resultDueAt ?? '')) }) : t('timeline.transferMade', { body: named });
      return { title, late, ...(body ? { body } : {}) };
    }
    case 'transfer.replied': {
      const body = text(data.note);
      const reply = data.reply === 'accepted' || data.reply === 'declined' ? t(`transfers.replies.${data.reply}`) : String(data.reply ?? '');
      return { title: t('timeline.transferReplied', { reply }), late, ...(body ? { body } : {}) };
    }
    case 'transfer.reported': {
      const body = text(data.report);
      return { title: t('timeline.transferReported'), late, ...(body ? { body } : {}) };
    }
    case 'review.concluded': {
      const body = text(data.note);
      const outcome = typeof data.outcome === 'string' && isReviewOutcome(data.outcome) ? t(`reviews.outcomes.${data.outcome}`) : String(data.outcome ?? '');
      return { title: t('timeline.reviewConcluded', { round: t(roundKey(Number(data.round))), outcome }), late, ...(body ? { body } : {}) };
    }
    case 'case.linked':
    case 'case.link_dismissed':
      return { title: t(event.type === 'case.linked' ? 'timeline.caseLinked' : 'timeline.caseLinkDismissed', { reference: text(data.otherReference) ?? '' }), late };
    case 'case.merged':
    case 'case.merged_in': {
      const body = text(data.reason);
      const title = event.type === 'case.merged' ? t('timeline.caseMerged', { reference: text(data.intoReference) ?? '' }) : t('timeline.caseMergedIn', { reference: text(data.fromReference) ?? '' });
      return { title, late, ...(body ? { body } : {}) };
    }
    case 'review.body_recorded':
      return { title: t('timeline.reviewBodyRecorded', { name: text(data.name) ?? '' }), late };
    case 'supervision.started':
    case 'supervision.ended': {
      const kind = isSupervisionKind(data.kind) ? t(`supervision.kinds.${data.kind}`) : String(data.kind ?? '');
      if (event.type === 'supervision.ended') {
        const body = text(data.note);
        return { title: t(data.feedbackGiven === false ? 'timeline.supervisionEndedNoFeedback' : 'timeline.supervisionEnded', { kind }), late, ...(body ? { body } : {}) };
      }
      return { title: t('timeline.supervisionStarted', { kind, unit: unitName, due: when(text(data.feedbackDueAt) ?? '') }), late };
    }
    case 'supervision.feedback':
      return { title: t(late ? 'timeline.supervisionFeedbackLate' : 'timeline.supervisionFeedback', { unit: unitName }), late };
    case 'reception.booked':
      return { title: t(data.via === 'portal' ? 'timeline.receptionBookedByPetitioner' : 'timeline.receptionBooked', { when: when(text(data.startsAt) ?? ''), place: text(data.place) ?? '' }), late };
    case 'reception.booking_cancelled':
      return { title: t(data.withDay === true ? 'timeline.receptionDayCancelled' : 'timeline.receptionBookingCancelled', { when: when(text(data.startsAt) ?? '') }), late };
    case 'case.personal_charge_taken':
      return { title: t('timeline.personalChargeTaken', { name: text(data.leaderName) ?? '' }), late };
    case 'case.personal_charge_released':
      return { title: t('timeline.personalChargeReleased', { name: text(data.leaderName) ?? '' }), late };
    case 'case.callback_recorded': {
      const outcome = isCallbackOutcome(data.outcome) ? t(`callbacks.outcomes.${data.outcome}`) : String(data.outcome ?? '');
      const reason = isUnsatisfiedReason(data.reason) ? t(`callbacks.reasons.${data.reason}`) : undefined;
      return { title: t('timeline.callbackRecorded', { outcome }), late, ...(reason ? { body: reason } : {}) };
    }
    case 'case.rework': {
      const reason = isUnsatisfiedReason(data.reason) ? t(`callbacks.reasons.${data.reason}`) : undefined;
      const key = data.source === 'rating' ? 'timeline.reworkOnRating' : 'timeline.reworkOnCallback';
      return { title: t(key, { unit: unitName, due: when(String(data.dueAt ?? '')) }), late, ...(reason ? { body: reason } : {}) };
    }
    case 'rework.reported':
      return { title: t('timeline.reworkReported', { unit: unitName }), late };
    case 'flag.cleared':
      return { title: t('timeline.flagCleared', { flag: isFlag(data.flag) ? t(`flag.${data.flag}`) : String(data.flag ?? '') }), late };
    default:
      return { title: t('timeline.other', { type: event.type }), late };
  }
}
