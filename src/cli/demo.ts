import { assignUnit, recordAssignmentStep } from '../commands/assign-unit.js';
import { addAnswer, addMeeting, completeStep } from '../commands/case-records.js';
import type { Context } from '../context/context.js';
import { moveStage } from '../commands/move-stage.js';
import { openCase } from '../commands/open-case.js';
import { seedCurrentCatalogue } from '../commands/catalogue.js';
import { createUnit, type UnitView } from '../commands/units.js';
import { createUser } from '../commands/users.js';
import type { Actor, CaseKind, Channel, Role, Stage, Urgency } from '../core/types.js';
import { generatePassword } from '../security/passwords.js';

interface DemoCase {
  title: string;
  category: string;
  kind: CaseKind;
  channel: Channel;
  urgency: Urgency;
  headcount?: number;
  unit: string;
  /** Where the case ends up. */
  stage: Stage;
}

const cases: DemoCase[] = [
  { title: '建筑工地40名农民工追讨拖欠工资', category: 'wage-arrears', kind: 'collective', channel: 'visit', urgency: 'major', headcount: 40, unit: '县人社局', stage: 'resolution' },
  { title: '城关镇棚户区改造安置房迟迟未交付', category: 'housing', kind: 'collective', channel: 'visit', urgency: 'urgent', headcount: 25, unit: '城关镇', stage: 'decision' },
  { title: '河口乡养殖场异味扰民', category: 'environment', kind: 'collective', channel: 'letter', urgency: 'normal', headcount: 12, unit: '县生态环境局', stage: 'reception' },
  { title: '退休人员养老金核定有误', category: 'social-security', kind: 'individual', channel: 'letter', urgency: 'normal', unit: '县人社局', stage: 'closed' },
  { title: '青山镇征地补偿款分配不公', category: 'land-requisition', kind: 'collective', channel: 'unit_report', urgency: 'urgent', headcount: 30, unit: '青山镇', stage: 'prevention' },
  { title: '学校周边道路缺少交通信号灯', category: 'transport', kind: 'individual', channel: 'online', urgency: 'normal', unit: '城关镇', stage: 'resolution' },
  { title: '乡卫生院夜间无人值班', category: 'healthcare', kind: 'individual', channel: 'phone', urgency: 'normal', unit: '河口乡', stage: 'reception' },
  { title: '改制企业职工社保接续', category: 'enterprise-restructuring', kind: 'collective', channel: 'visit', urgency: 'major', headcount: 60, unit: '县人社局', stage: 'decision' },
  { title: '农村低保评定程序不公开', category: 'rural-affairs', kind: 'individual', channel: 'letter', urgency: 'normal', unit: '河口乡', stage: 'closed' },
  { title: '城管执法过程中损坏摊位', category: 'law-enforcement-conduct', kind: 'individual', channel: 'visit', urgency: 'normal', unit: '城关镇', stage: 'not_accepted' },
  { title: '小区供暖温度长期不达标', category: 'housing', kind: 'collective', channel: 'online', urgency: 'urgent', headcount: 80, unit: '县住建局', stage: 'resolution' },
  { title: '河道采砂破坏堤坝', category: 'environment', kind: 'collective', channel: 'unit_report', urgency: 'urgent', headcount: 15, unit: '青山镇', stage: 'prevention' },
  { title: '退役军人优抚待遇未落实', category: 'veterans-affairs', kind: 'individual', channel: 'letter', urgency: 'normal', unit: '县人社局', stage: 'review' },
  { title: '宅基地确权登记纠纷', category: 'land-requisition', kind: 'individual', channel: 'visit', urgency: 'normal', unit: '县自然资源局', stage: 'reception' },
  { title: '幼儿园收费标准不透明', category: 'education', kind: 'individual', channel: 'online', urgency: 'normal', unit: '城关镇', stage: 'closed' },
  { title: '工业园区企业排污', category: 'environment', kind: 'collective', channel: 'visit', urgency: 'urgent', headcount: 20, unit: '县生态环境局', stage: 'resolution' },
  { title: '公交线路调整后村民出行不便', category: 'transport', kind: 'collective', channel: 'letter', urgency: 'normal', headcount: 9, unit: '河口乡', stage: 'reception' },
  { title: '物业公司挪用维修基金', category: 'housing', kind: 'collective', channel: 'unit_report', urgency: 'normal', headcount: 18, unit: '城关镇', stage: 'prevention' },
  { title: '医保报销比例执行错误', category: 'healthcare', kind: 'individual', channel: 'phone', urgency: 'normal', unit: '县人社局', stage: 'not_accepted' },
  { title: '拆迁过渡费停发', category: 'land-requisition', kind: 'collective', channel: 'visit', urgency: 'major', headcount: 35, unit: '青山镇', stage: 'decision' },
];

const names = ['李明', '王芳', '赵强', '陈静', '刘洋'];
const hour = 3_600_000;

/** Loads a small realistic county, with timelines backdated over the past two months. */
export async function seedDemo(base: Context): Promise<{ users: { role: Role; email: string }[]; password: string }> {
  const existing = await base.db.selectFrom('users').select('id').where('email', '=', 'coordinator@demo.redress.local').executeTakeFirst();
  if (existing) throw new Error('The demo data is already loaded in this database.');
  // Each case arrives a little under three days after the one before, starting 60 days ago; the
  // longest timeline below spans about 6½ days, so nothing is ever dated after now.
  const start = Date.parse(base.now()) - 60 * 24 * hour;
  const gap = 2.7 * 24 * hour;
  let time = start;
  // Nobody reads the case views the commands hand back here: no personal data read is recorded.
  const ctx: Context = { ...base, now: () => new Date(time).toISOString(), showsResults: false };
  const tick = (hours: number) => {
    time += hours * hour;
  };

  const unitDefs: [string, string, UnitView['kind']][] = [
    ['县信访工作领导小组', 'County petition leadership group', 'leadership_group'],
    ['县信访局', 'County petition bureau', 'office'],
    ['城关镇', 'Chengguan township', 'township'],
    ['河口乡', 'Hekou township', 'township'],
    ['青山镇', 'Qingshan township', 'township'],
    ['县人社局', 'Human resources and social security bureau', 'department'],
    ['县住建局', 'Housing and urban-rural development bureau', 'department'],
    ['县自然资源局', 'Natural resources bureau', 'department'],
    ['县生态环境局', 'Ecology and environment bureau', 'department'],
    // The built-in plan routes reports and accusations here (Art. 30).
    ['县纪委监委', 'County discipline inspection and supervision commission', 'department'],
  ];
  const units = new Map<string, UnitView>();
  for (const [name, nameEn, kind] of unitDefs) {
    units.set(name, await createUnit(ctx, { actor: null, name, nameEn, kind }));
  }
  // The built-in plan's routing catalogue names these units: now that they exist, its entries are seeded.
  await seedCurrentCatalogue(ctx);
  const unitId = (name: string) => {
    const unit = units.get(name);
    if (!unit) throw new Error(`Demo unit ${name} is missing.`);
    return unit.id;
  };

  const password = generatePassword();
  const accountDefs: [Role, string, string, string][] = [
    ['admin', 'admin@demo.redress.local', '系统管理员', '县信访局'],
    ['coordinator', 'coordinator@demo.redress.local', '周协调', '县信访局'],
    ['unit_officer', 'chengguan@demo.redress.local', '吴镇干', '城关镇'],
    ['unit_officer', 'hrss@demo.redress.local', '郑科长', '县人社局'],
    ['unit_officer', 'discipline@demo.redress.local', '冯监察', '县纪委监委'],
    ['leader', 'leader@demo.redress.local', '孙副县长', '县信访工作领导小组'],
    ['auditor', 'auditor@demo.redress.local', '钱审计', '县信访局'],
  ];
  const actors = new Map<string, Actor>();
  for (const [role, email, name, unit] of accountDefs) {
    const user = await createUser(ctx, { actor: null, email, name, role, unitId: unitId(unit), password });
    actors.set(email, { id: user.id, role, unitId: user.unitId });
  }
  const actor = (email: string) => {
    const found = actors.get(email);
    if (!found) throw new Error(`Demo account ${email} is missing.`);
    return found;
  };
  const coordinator = actor('coordinator@demo.redress.local');
  const leader = actor('leader@demo.redress.local');

  for (const [index, demo] of cases.entries()) {
    time = start + index * gap;
    const representatives = demo.kind === 'collective' && demo.channel === 'visit' ? names.slice(0, 3 + (demo.title.length % 3)).map((name) => ({ name })) : [];
    const opened = await openCase(ctx, {
      actor: coordinator,
      kind: demo.kind,
      channel: demo.channel,
      urgency: demo.urgency,
      category: demo.category,
      title: demo.title,
      description: `${demo.title}。群众反映情况属实性待核实，诉求已登记。`,
      location: demo.unit,
      headcount: demo.headcount ?? (demo.kind === 'individual' ? 1 : null),
      representatives,
      receiveTogether: demo.kind === 'collective' && representatives.length === 0,
      ...(demo.kind === 'individual' ? { petitioner: { name: '群众', contact: null } } : {}),
    });
    if (demo.stage === 'prevention') continue;
    const caseId = opened.id;
    if (opened.stage === 'prevention') {
      await moveStage(ctx, { actor: coordinator, caseId, to: 'reception' });
    }
    if (demo.stage === 'not_accepted') {
      tick(30);
      await moveStage(ctx, { actor: coordinator, caseId, to: 'not_accepted', reason: '已依法通过诉讼程序处理，不属于信访受理范围，已告知当事人。' });
      continue;
    }
    tick(0.5);
    const assigned = await assignUnit(ctx, { actor: coordinator, caseId, unitId: unitId(demo.unit), role: 'lead' });
    const assignmentId = assigned.assignments[0]?.id ?? '';
    tick(0.4);
    await recordAssignmentStep(ctx, { actor: coordinator, caseId, assignmentId, step: 'acknowledge' });
    if (demo.channel === 'visit') {
      tick(1.2);
      await recordAssignmentStep(ctx, { actor: coordinator, caseId, assignmentId, step: 'arrive' });
      await completeStep(ctx, { actor: coordinator, caseId, stepId: 'reception.receive-and-listen' });
    }
    if (demo.stage === 'reception') continue;
    tick(4);
    const accepted = demo.urgency === 'normal' ? 'resolution' : 'decision';
    await moveStage(ctx, { actor: coordinator, caseId, to: accepted });
    if (demo.stage === 'decision') continue;
    if (accepted === 'decision') {
      tick(24);
      await addMeeting(ctx, {
        actor: leader,
        caseId,
        heldAt: ctx.now(),
        attendees: '县领导、信访局、责任单位负责人、群众代表',
        summary: '听取群众诉求，责任单位汇报核查情况。',
        commitments: ['七日内完成核查', '核查后书面答复'],
      });
      await moveStage(ctx, { actor: leader, caseId, to: 'resolution', reason: '责任单位限期核查并依法解决，信访局跟踪催办。' });
    }
    await recordAssignmentStep(ctx, { actor: coordinator, caseId, assignmentId, step: 'propose', proposal: '核实情况后依政策予以解决。' });
    if (demo.stage === 'resolution') continue;
    tick(72);
    await addAnswer(ctx, { actor: coordinator, caseId, body: '经核查，反映问题属实，已责成责任单位依政策解决，具体如下……' });
    await moveStage(ctx, { actor: coordinator, caseId, to: 'closed' });
    if (demo.stage === 'review') {
      tick(48);
      await moveStage(ctx, { actor: coordinator, caseId, to: 'review', reason: '信访人对答复不满意，申请复查。' });
    }
  }
  return { users: accountDefs.map(([role, email]) => ({ role, email })), password };
}
