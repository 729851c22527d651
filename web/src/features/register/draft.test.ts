import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { OpenCaseBody } from '../../../../src/contract/case-bodies.js';
import { schemaProblems } from '../../../../src/contract/problems.js';
import { caseBody, draftField, emptyDraft } from './draft';

describe('the body a registration sends', () => {
  it('leaves out blank representative rows, and puts a problem of a row sent on the row on screen', () => {
    const draft = {
      ...emptyDraft('visit'),
      headcount: '40',
      representatives: [
        { name: '李明', contact: '139' },
        { name: '', contact: '' },
        { name: '', contact: '138' },
      ],
    };
    const body = caseBody(draft, 'Asia/Shanghai');
    expect(body.representatives).toEqual([
      { name: '李明', contact: '139' },
      { name: '', contact: '138' },
    ]);
    expect(body.headcount).toBe(40);
    // The server's representatives[1] is the third row on screen.
    expect(draftField('representatives[1].name', draft)).toBe('representatives.2.name');
    expect(draftField('petitioner.contact', draft)).toBe('petitionerContact');
    expect(draftField('planId', draft)).toBeUndefined();
    expect(body.petitioner).toBeUndefined();
  });

  it('sends what it cannot read so that the schema says what is wrong with it', () => {
    const body = caseBody({ ...emptyDraft('visit'), headcount: 'forty', receivedAt: 'soon' }, 'Asia/Shanghai');
    expect(schemaProblems(Value.Errors(OpenCaseBody, body))).toEqual(
      expect.arrayContaining([
        { field: 'headcount', code: 'not_integer' },
        { field: 'receivedAt', code: 'date_time' },
      ]),
    );
    expect(caseBody({ ...emptyDraft('visit'), headcount: '' }, 'Asia/Shanghai').headcount).toBeNull();
  });

  it('sends a petitioner only for an individual petition that names one, and the arrival time in the zone', () => {
    const anonymous = caseBody({ ...emptyDraft('letter'), kind: 'individual' }, 'Asia/Shanghai');
    expect(anonymous).not.toHaveProperty('petitioner');
    expect(anonymous).not.toHaveProperty('representatives');
    const named = caseBody(
      { ...emptyDraft('letter'), kind: 'individual', petitionerName: ' 张三 ', receivedAt: '2026-11-01T09:30' },
      'Asia/Shanghai',
    );
    expect(named.petitioner).toEqual({ name: '张三', contact: null });
    expect(named.receivedAt).toBe('2026-11-01T01:30:00.000Z');
  });
});
