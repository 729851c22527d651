import { describe, expect, it } from 'vitest';
import { render } from './templates.js';

describe('notification templates', () => {
  const objection = { reference: '2026-AAAA-BBBB', title: '工资', unitName: '县人社局', reason: '属于法院执行事项。' };

  it('do not double the full stop after a reason that has its own', () => {
    expect(render('assignment.objected', 'zh', objection, 'Asia/Shanghai').text).toContain('理由：属于法院执行事项。请信访局改派。');
    expect(render('assignment.objected', 'en', { ...objection, reason: 'A court matter.' }, 'Asia/Shanghai').text).toContain(
      'outside its remit: A court matter. Please reroute it.',
    );
  });

  it('write times in the jurisdiction’s zone, in each language', () => {
    const data = { reference: 'R', title: 'T', unitName: '城关镇', role: 'lead', acknowledgeDueAt: '2026-11-02T08:30:00.000Z', onSceneDueAt: '2026-11-02T10:00:00.000Z' };
    expect(render('case.assigned', 'zh', data, 'Asia/Shanghai').text).toContain('请于 2026年11月2日 16:30 前签收，2026年11月2日 18:00 前到场');
    expect(render('case.assigned', 'en', data, 'Asia/Shanghai').text).toContain('Acknowledge by 2 Nov 2026, 16:30 and be on the scene by 2 Nov 2026, 18:00.');
  });
});
