import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent, LocalText } from '../../api/types';
import { createI18n } from '../../i18n';
import { eventText } from './event-text';

const event = (type: string, data: Record<string, unknown>): CaseEvent => ({ id: 1, type, actorId: null, actorName: null, at: '2026-11-02T08:00:00.000Z', data });
const unitNames: Record<string, { zh: string; en: string }> = { u1: { zh: '城关镇', en: 'Chengguan township' } };

describe('the timeline in words', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    zh = (await createI18n('zh')).t;
    en = (await createI18n('en')).t;
  });
  const say = (t: TFunction, language: 'zh' | 'en', item: CaseEvent) =>
    eventText(t, item, (id, fallback) => unitNames[id]?.[language] ?? fallback, (text: LocalText) => text[language] ?? '');

  it('names stages, units and steps in the reader’s language', () => {
    const moved = event('stage.changed', { from: 'decision', to: 'resolution', reason: '由县人社局牵头。' });
    expect(say(zh, 'zh', moved)).toEqual({ title: '由决策转入落实', body: '由县人社局牵头。', late: false });
    expect(say(en, 'en', moved).title).toBe('Moved from Decision to Resolution');
    const arrived = event('assignment.arrived', { unitId: 'u1', late: true });
    expect(say(en, 'en', arrived)).toEqual({ title: 'Chengguan township arrived on scene', late: true });
    expect(say(zh, 'zh', event('step.done', { stepId: 'reception.x', text: { zh: '热情接待', en: 'Receive warmly' } })).title).toBe('完成工作：热情接待');
  });

  it('says when an answer let a waiting extension request lapse', () => {
    expect(say(en, 'en', event('answer.given', { answerId: 'a1', reviewRound: 0, extensionRequestLapsed: { days: 10 } })).body).toContain('10 days lapsed');
    expect(say(zh, 'zh', event('answer.given', { answerId: 'a1', reviewRound: 0, extensionRequestLapsed: { days: 10 } })).body).toContain('10 天');
    expect(say(en, 'en', event('answer.given', { answerId: 'a1', reviewRound: 0 })).body).toBeUndefined();
  });

  it('says why an Open311 photo could not be fetched, in words', () => {
    const failed = event('attachment.fetch_failed', { source: 'open311', reason: 'address_refused', attempts: 1 });
    expect(say(en, 'en', failed).title).toContain('an internal address, refused');
    expect(say(zh, 'zh', failed).title).toContain('内部地址');
    expect(say(zh, 'zh', failed).title).not.toContain('address_refused');
  });

  it('names a lawful channel as the plan named it, not by its code', () => {
    const recorded = event('channel.recorded', { channel: 'litigation', name: { zh: '诉讼', en: 'Litigation' }, article: 1, answerDueAt: 'the due time' });
    expect(say(zh, 'zh', recorded).title).toContain('诉讼');
    expect(say(zh, 'zh', recorded).title).not.toContain('litigation');
    expect(say(en, 'en', recorded).title).toContain('Litigation');
    // An event from before names were kept still says which channel.
    expect(say(en, 'en', event('channel.recorded', { channel: 'litigation', article: 1 })).title).toContain('litigation');
  });

  it('says what became of the routing catalogue’s proposal and of a transfer, and names the receiver’s clocks', () => {
    expect(say(zh, 'zh', event('routing.confirmed', { entryId: 'e1' })).title).toBe('已确认派单目录建议');
    expect(say(en, 'en', event('routing.changed', { entryId: 'e1' })).title).toBe('Routing catalogue proposal changed: other units assigned');
    const transferred = event('transfer.made', { kind: 'transfer', body: { zh: '城关镇', en: 'Chengguan township' }, reason: '属地管理。' });
    expect(say(zh, 'zh', transferred)).toEqual({ title: '已转送城关镇', body: '属地管理。', late: false });
    expect(say(en, 'en', event('transfer.made', { kind: 'assign', body: { zh: '市人社局', en: '市人社局' }, resultDueAt: '2026-12-02' })).title).toBe('Assigned to 市人社局, result report due 2026-12-02');
    expect(say(zh, 'zh', event('transfer.replied', { reply: 'declined', note: '不属本机关职责。' }))).toEqual({ title: '接收机关答复：不予受理', body: '不属本机关职责。', late: false });
    expect(say(zh, 'zh', event('deadline.missed', { kind: 'transfer_reply', unitId: 'u1' })).title).toBe('期限已过：接收机关告知（城关镇）');
    expect(say(en, 'en', event('deadline.missed', { kind: 'result_report' })).title).toBe('Deadline missed: Result report');
  });

  it('says what the deadline scanner recorded', () => {
    const missed = event('deadline.missed', { kind: 'on_scene', unitId: 'u1', unitName: '城关镇' });
    expect(say(zh, 'zh', missed).title).toBe('期限已过：到场（城关镇）');
    expect(say(en, 'en', event('deadline.missed', { kind: 'accept', unitId: null })).title).toBe('Deadline missed: Decide on acceptance');
  });

  it('says a clock pause started, with its kind and reason, and ended, with the moved time limit', () => {
    const started = event('pause.started', { kind: 'hearing', reason: '就补偿标准组织听证。', plannedEndAt: '2026-11-12T02:00:00.000Z' });
    expect(say(zh, 'zh', started)).toEqual({ title: '因听证暂停计时，预计 2026-11-12T02:00:00.000Z 结束', body: '就补偿标准组织听证。', late: false });
    const ended = event('pause.ended', { kind: 'assessment', moved: { conclude: { previousDueAt: 'a', newDueAt: '2027-03-12T15:59:59.999Z' } } });
    expect(say(en, 'en', ended).title).toBe('Clock pause (Expert assessment) ended; the time limit moved to 2027-03-12T15:59:59.999Z');
  });

  it('says an extension was requested, refused or approved, with the reason', () => {
    const requested = event('deadline.extension_requested', { days: 20, reason: '需调取省档案馆材料。' });
    expect(say(zh, 'zh', requested)).toEqual({ title: '申请延长办结期限 20 天', body: '需调取省档案馆材料。', late: false });
    const refused = event('deadline.extension_refused', { days: 20, requestedReason: '需调取材料。', reason: 'Ask the archive first.' });
    expect(say(en, 'en', refused)).toEqual({ title: 'Requested extension of 20 days refused', body: 'Ask the archive first.', late: false });
    expect(say(zh, 'zh', event('deadline.extended', { days: 20, reason: '需调取材料。' })).title).toBe('办结期限延长 20 天');
  });

  it('says who objected and where the case was rerouted, and which flag was cleared', () => {
    const objected = event('assignment.objected', { unitId: 'u1', unitName: '城关镇', reason: '工资问题属人社局职责。' });
    expect(say(zh, 'zh', objected)).toEqual({ title: '城关镇提出异议：不属于本单位职责', body: '工资问题属人社局职责。', late: false });
    const rerouted = event('assignment.rerouted', { fromUnitId: 'u1', unitId: 'u2', unitName: '县人社局' });
    expect(say(zh, 'zh', rerouted).title).toBe('由城关镇改派给县人社局');
    expect(say(en, 'en', rerouted).title).toBe('Rerouted from Chengguan township to 县人社局');
    expect(say(en, 'en', event('flag.cleared', { flag: 'suspected_spam' })).title).toBe('Flag cleared: Suspected spam');
    expect(say(zh, 'zh', event('flag.cleared', { flag: 'suspected_spam' })).title).toBe('已清除标记：疑似垃圾信息');
  });

  it('says a case was put under supervision, the unit’s written feedback (late said), and its end', () => {
    const started = event('supervision.started', { kind: 'listed', unitId: 'u1', unitName: '城关镇', feedbackDueAt: '2026-11-16T15:59:59.999Z' });
    expect(say(zh, 'zh', started).title).toBe('挂牌督办：向城关镇发出督办通知书，书面反馈期限 2026-11-16T15:59:59.999Z');
    expect(say(en, 'en', started).title).toBe('Listed supervision: supervision notice to Chengguan township, written feedback due 2026-11-16T15:59:59.999Z');
    expect(say(zh, 'zh', event('supervision.feedback', { unitId: 'u1', late: true }))).toEqual({ title: '城关镇已书面反馈督办事项（逾期）', late: true });
    expect(say(en, 'en', event('supervision.feedback', { unitId: 'u1', late: false })).title).toBe('Chengguan township gave its written feedback on supervision');
    expect(say(zh, 'zh', event('supervision.ended', { kind: 'supervised', feedbackGiven: false, note: '已转入信访复查。' }))).toEqual({ title: '督办结束，责任单位未书面反馈', body: '已转入信访复查。', late: false });
    expect(say(en, 'en', event('supervision.ended', { kind: 'supervised', feedbackGiven: true })).title).toBe('Supervision ended');
  });

  it('still shows an event it does not know, by its type', () => {
    expect(say(en, 'en', event('case.reopened', {})).title).toBe('case.reopened');
  });

  it('says who recorded a unit’s act for it, and when the unit really arrived', () => {
    const byOffice = { ...event('assignment.arrived', { unitId: 'u1', arrivedAt: '2026-11-02T07:40:00.000Z', onBehalf: true }), actorName: '周协调' };
    const when = (iso: string) => iso.slice(11, 16);
    expect(eventText(zh, byOffice, (id, fallback) => unitNames[id]?.zh ?? fallback, () => '', when).title).toBe('城关镇于 07:40 到场（由周协调代为记录）');
    expect(eventText(en, byOffice, (id, fallback) => unitNames[id]?.en ?? fallback, () => '', when).title).toBe(
      'Chengguan township arrived on scene at 07:40 — recorded on its behalf by 周协调',
    );
    const acknowledged = { ...event('assignment.acknowledged', { unitId: 'u1', onBehalf: true }), actorName: '周协调' };
    expect(say(zh, 'zh', acknowledged).title).toBe('城关镇已签收（由周协调代为记录）');
    expect(say(en, 'en', event('assignment.acknowledged', { unitId: 'u1' })).title).toBe('Chengguan township acknowledged');
  });

  it('says a miss recorded after the case came to rest is void', () => {
    const voided = event('deadline.voided', { kind: 'acknowledge', unitId: 'u1', missedAt: '2026-11-02T08:31:00.000Z' });
    expect(say(en, 'en', voided).title).toMatch(/^Missed deadline void: Acknowledge \(Chengguan township\)/);
    expect(say(zh, 'zh', voided).title).toMatch(/^逾期记录作废：签收（城关镇）/);
  });
});
