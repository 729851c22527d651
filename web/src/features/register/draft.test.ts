import { describe, expect, it } from 'vitest';
import { caseBody, emptyDraft } from './draft';

describe('the body a registration sends', () => {
  it('leaves out blank representative rows and remembers which row each one sent was', () => {
    const draft = {
      ...emptyDraft('visit'),
      headcount: '40',
      representatives: [
        { name: '李明', contact: '139' },
        { name: '', contact: '' },
        { name: '', contact: '138' },
      ],
    };
    const { body, sentIndex } = caseBody(draft, 'Asia/Shanghai');
    expect(body.representatives).toEqual([
      { name: '李明', contact: '139' },
      { name: '', contact: '138' },
    ]);
    expect(body.headcount).toBe(40);
    // The server's representatives[1] is the third row on screen.
    expect(sentIndex(2)).toBe(1);
    expect(body.petitioner).toBeUndefined();
  });

  it('passes what it cannot read to the server as typed, so the server can say what is wrong', () => {
    const { body } = caseBody({ ...emptyDraft('visit'), headcount: 'forty' }, 'Asia/Shanghai');
    expect(body.headcount).toBe('forty');
    expect(caseBody({ ...emptyDraft('visit'), headcount: '' }, 'Asia/Shanghai').body.headcount).toBeNull();
  });

  it('sends a petitioner only for an individual petition that names one, and the arrival time in the zone', () => {
    const anonymous = caseBody({ ...emptyDraft('letter'), kind: 'individual' }, 'Asia/Shanghai').body;
    expect(anonymous).not.toHaveProperty('petitioner');
    expect(anonymous).not.toHaveProperty('representatives');
    const named = caseBody(
      { ...emptyDraft('letter'), kind: 'individual', petitionerName: ' 张三 ', receivedAt: '2026-11-01T09:30' },
      'Asia/Shanghai',
    ).body;
    expect(named.petitioner).toEqual({ name: '张三', contact: null });
    expect(named.receivedAt).toBe('2026-11-01T01:30:00.000Z');
  });
});
