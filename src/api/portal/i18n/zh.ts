import type { ErrorCode, PublicReason } from '../../../core/errors.js';
/** The plan's deadlines the front page states. */
export interface DeadlineWords {
  dayKind: 'calendar' | 'working';
  acceptDays: number;
  concludeDays: number;
  extensionMaxDays: number;
  reviewRequestDays: number;
}

const days = (n: number, kind: DeadlineWords['dayKind']) => (kind === 'working' ? `${n} 个工作日` : `${n} 日`);

/** Every word the public portal and the Open311 endpoint show, in Simplified Chinese. `en.ts` mirrors it. */
export const zh = {
  htmlLang: 'zh-CN',
  otherLanguage: 'English',
  siteName: '信访事项网上办理',
  skipToContent: '跳到正文',
  nav: { home: '首页', submit: '提交信访事项', status: '查询办理进展', privacy: '个人信息保护说明', statistics: '信访工作统计', receptions: '领导接访日' },
  required: '必填',
  optional: '选填',
  footer: '信访是法律保障的权利。本系统不收集与办理您的事项无关的信息。',

  home: {
    title: '信访事项网上办理',
    intro: '无需注册、无需到现场，您可以在这里提交信访事项，查看办理进展和法定期限，阅读正式书面答复，评价办理结果，并在规定期限内申请复查。',
    submitLead: '填写诉求，提交后会得到一个事项编号和一个私人查询码。',
    statusLead: '凭事项编号和查询码查看办理阶段、期限和书面答复。',
    privacyLead: '我们保存哪些信息、为什么保存、保存多久、谁能看到。',
    deadlinesTitle: '法定期限',
    /** The deadlines of the published plan (the statutory ones unless the plan sets its own). */
    deadlines: (p: DeadlineWords): string[] => [
      `收到之日起 ${days(p.acceptDays, p.dayKind)}内告知是否受理；`,
      `受理之日起 ${days(p.concludeDays, p.dayKind)}内办结并书面答复（情况复杂的可延长，最多 ${days(p.extensionMaxDays, p.dayKind)}）；`,
      `对答复不满意的，可在收到答复之日起 ${days(p.reviewRequestDays, p.dayKind)}内申请复查；复查意见作出后 ${days(p.reviewRequestDays, p.dayKind)}内可再申请一次复核。`,
    ],
  },

  form: {
    heading: '提交信访事项',
    intro: '请如实、简要地说明问题和您的诉求。标注“必填”的栏目必须填写，其余可以不填。',
    errorsTitle: '请更正以下内容后再提交：',
    kindLegend: '这件事是',
    kinds: { individual: '个人诉求', collective: '多人共同诉求（集体）' },
    category: '事项类别',
    categoryChoose: '请选择',
    title: '标题',
    titleHint: '一句话概括，例如“工地拖欠三个月工资”。',
    description: '具体情况和诉求',
    descriptionHint: '请写明发生了什么、涉及哪个单位、您希望如何解决。与诉求无关的个人信息（如身份证号）请不要填写。',
    location: '问题发生地点',
    locationHint: '例如：城关镇某某村、某某路某某工地。',
    collectiveLegend: '多人共同诉求（仅集体诉求填写）',
    headcount: '涉及人数',
    representativesHint: '多人共同提出的，可推选不超过 5 名代表。',
    moreRepresentatives: '更多代表（代表 2 至 5）',
    representativeName: (n: number) => `代表 ${n} 姓名`,
    representativeContact: (n: number) => `代表 ${n} 联系方式`,
    contactLegend: '您的姓名和联系方式',
    contactHint: '只用于联系您、答复您。不填写也可以受理，您可以凭事项编号和查询码查看进展和答复。',
    name: '姓名',
    contact: '联系方式（电话或电子邮箱）',
    anonymous: '匿名提交：不记录我的姓名和联系方式',
    honeypot: '此栏请勿填写',
    privacyNote: '提交前请阅读',
    privacyLink: '个人信息保护说明',
    submit: '提交',
  },

  fields: {
    kind: '诉求类型',
    category: '事项类别',
    title: '标题',
    description: '具体情况和诉求',
    location: '问题发生地点',
    headcount: '涉及人数',
    representatives: '代表',
    representativeName: (n: number) => `代表 ${n} 姓名`,
    representativeContact: (n: number) => `代表 ${n} 联系方式`,
    'petitioner.name': '姓名',
    'petitioner.contact': '联系方式',
    reference: '事项编号',
    accessCode: '查询码',
    rating: '评价',
    comment: '意见',
    reason: '申请理由',
  },

  problems: {
    required: (label: string) => `${label}：必须填写。`,
    too_long: (label: string, limit: number) => `${label}：最多 ${limit} 个字。`,
    invalid: (label: string) => `${label}：填写的内容不符合要求。`,
    too_many: (label: string, limit: number) => `${label}：最多 ${limit} 名。`,
    not_allowed: (label: string) => `${label}：个人诉求不需要填写此项。`,
  },

  receipt: {
    title: '您的信访事项已收到',
    intro: '请保存好下面的事项编号和查询码。凭这两项可以随时查看办理进展和书面答复。',
    reference: '事项编号',
    accessCode: '查询码',
    warning: '查询码只在这里显示一次。我们只保存它的单向摘要，无法找回或重新显示。请抄写下来或打印本页。',
    received: '收到时间',
    acceptBy: '是否受理将在此时间前告知',
    print: '打印方法：使用浏览器菜单中的“打印”。打印出的回执只包含本页内容。',
    next: '查看办理进展',
    shownTitle: '这张回执已经显示过',
    shown: (reference: string) =>
      `您的信访事项已经登记，没有重复提交。事项编号是 ${reference}；查询码只在第一次打开回执时显示，请查看您抄写或打印的回执。`,
    lookup: '凭事项编号和查询码查看办理进展',
  },

  receptions: {
    title: '领导接访日',
    intro: '县领导在以下时间、地点接待群众来访。已提交的信访事项可以凭编号和查询码预约一个接访日；每个事项同时只预约一个尚未举行的接访日。',
    none: '目前没有已安排的领导接访日。',
    leader: '接访领导',
    when: '时间',
    place: '地点',
    unit: '单位',
    placesLeft: '剩余名额',
    full: '已约满',
    places: (left: number, capacity: number) => `${left} / ${capacity}`,
    bookTitle: '为您的信访事项预约',
    bookIntro: '请填写回执上的编号和查询码，并选择接访日。预约的是您的信访事项，到时请带上回执。',
    day: '接访日',
    chooseDay: '请选择接访日',
    submit: '预约',
    booked: (leader: string, when: string, place: string) => `已预约：${when}，${place}，${leader}接访。请按时前往，并带上回执。`,
    dayRequired: '请选择接访日。',
    noSuchDay: '该接访日已不在日程中，请重新选择。',
  },

  lookup: {
    title: '查询办理进展',
    intro: '请输入回执上的事项编号和查询码。',
    reference: '事项编号',
    referenceHint: '例如 2026-K7M3-9PQX',
    accessCode: '查询码',
    accessCodeHint: '20 位字母和数字，可以不输入短横线，不区分大小写。',
    submit: '查询',
    notFound: '没有找到与该事项编号和查询码相符的事项。请对照回执检查两项是否填写正确。',
    refused: (minutes: number) => `尝试次数过多。为保护您的信息，请 ${minutes} 分钟后再试。`,
    ended: (minutes: number) =>
      `为保护您的信息，输入查询码后本浏览器只显示 ${minutes} 分钟的办理进展，现在时间已到（或者这个页面是在另一个浏览器中打开的）。请重新输入事项编号和查询码；您之前提交的内容不会丢失。`,
  },

  status: {
    title: '办理进展',
    reference: '事项编号',
    category: '事项类别',
    kind: '诉求类型',
    received: '收到时间',
    stage: '当前阶段',
    since: '进入本阶段的时间',
    notAcceptedReason: '不予受理的理由',
    deadlinesTitle: '期限',
    deadline: '事项',
    due: '期限',
    done: '完成时间',
    standing: '情况',
    answersTitle: '书面答复',
    noAnswers: '尚未作出书面答复。',
    answerRound: (round: number): string => (round === 0 ? '答复意见' : round === 1 ? '复查意见' : '复核意见'),
    answeredAt: '答复时间',
    yourRating: '您的评价',
    switchLanguage: 'English',
    privacy: '此页面不显示任何个人信息。',
    refresh: '刷新',
  },

  stages: {
    prevention: { title: '前期化解中', explain: '有关单位正在问题发生地做化解工作。' },
    reception: { title: '已登记，正在审查是否受理', explain: '信访局已收到您的事项，将在期限内告知是否受理。' },
    decision: { title: '已受理，正在研究处理意见', explain: '您的事项已受理，领导小组正在研究决定如何处理。' },
    resolution: { title: '已受理，正在办理', explain: '您的事项已受理，责任单位正在办理，办结后会作出书面答复。' },
    closed: { title: '已办结', explain: '已作出书面答复。对答复不满意的，可以在期限内申请复查。' },
    not_accepted: { title: '不予受理', explain: '您的事项未予受理，理由见下方。' },
    review: { title: '复查中', explain: '根据您的申请，正在对答复意见进行复查，复查意见将以书面形式作出。' },
  },

  deadlines: {
    accept: '告知是否受理',
    conclude: '办结并书面答复',
    reviewRequest: '申请复查的期限',
    review: '作出复查意见',
  },
  deadlineStatus: { pending: '未到期', overdue: '已逾期', met: '按期完成', missed: '逾期完成', stopped: '已停止计时', paused: '暂停计时' },
  writtenNotices: { title: '书面告知', issuedAt: '发出时间', printable: '打印版（PDF）', inZh: '中文', inEn: '英文' },
  pause: {
    title: '办理期限暂停计时',
    kinds: { hearing: '听证', assessment: '鉴定', mediation: '调解' },
    reason: {
      hearing: '您的信访事项正在组织听证，听证所需时间不计入办理期限。',
      assessment: '您的信访事项需要鉴定，鉴定所需时间不计入办理期限。',
      mediation: '您的信访事项正在调解，调解所需时间不计入办理期限。',
    },
    since: '暂停开始',
    plannedEnd: '预计结束',
    resumes: '暂停结束后，办理期限相应顺延，顺延时间与暂停时间相同。',
  },
  matter: {
    class: '信访事项性质',
    channelTitle: '您反映的事项应当通过法定途径解决',
    channelIntro: (channel: string, article: number) => `依照《信访工作条例》第三十一条第（${article}）项，本事项应当通过${channel}处理，不作为信访事项办理。办理途径：`,
    adoption: '您的建议',
    adoptions: { adopted: '已采纳', partly: '部分采纳', not_adopted: '未采纳' } as Record<string, string>,
    earlierTitle: '以原处理结论答复',
    earlier: (reference: string) => `您反映的事实和理由与已办结的 ${reference} 号信访事项相同，且无新的事实和理由，原处理结论继续有效（第三十六条）。`,
  },
  notStarted: '尚未开始',

  feedback: {
    title: '评价办理结果',
    intro: '请对最近一次书面答复作出评价。每份答复只能评价一次。',
    until: (date: string) => `可在 ${date} 前评价。`,
    rating: '您对答复是否满意',
    ratings: { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' } as Record<number, string>,
    comment: '意见（选填）',
    submit: '提交评价',
    thanks: '您的评价已记录，谢谢。',
    offerReview: '您对答复不满意。可以在下方申请复查。',
  },

  review: {
    title: '申请复查',
    titleSecond: '申请复核',
    intro: '对书面答复不满意的，可以在规定期限内申请复查；对复查意见不满意的，可以再申请一次复核。',
    until: (date: string) => `可在 ${date} 前申请。`,
    reason: '申请理由',
    reasonHint: '请说明您对答复哪些地方不满意。',
    submit: '提交申请',
    requested: '您的申请已提交，事项进入复查阶段。',
    notYet: '作出书面答复后，即可申请复查。',
    reasonRequired: '请填写申请理由。',
  },

  /** What the stage machine says holds a move back (its codes), as the petitioner reads it. */
  guards: {
    representativesChosen: (_until: string) => '集体访需先推选代表，或记录决定集体接待。',
    leadUnitAssigned: (_until: string) => '尚未指定牵头责任单位。',
    reasonGiven: (_until: string) => '请填写申请理由。',
    answered: (_until: string) => '尚未作出书面答复。',
    reviewAnswered: (_until: string) => '尚未作出复查意见。',
    noAnswerYet: (_until: string) => '作出书面答复后，即可申请复查。',
    reviewWindowPassed: (until: string) => `申请复查的期限已于 ${until} 届满，不能再申请。`,
    reviewsUsed: (_until: string) => '复查和复核都已使用，答复意见为最终意见。',
  },

  files: {
    title: '附件',
    intro: '您随信访事项提交的文件，以及信访局向您提供的文件。',
    none: '暂无附件。',
    name: '文件',
    size: '大小',
    from: '来源',
    at: '添加时间',
    fromYou: '您提交的',
    fromOffice: '信访局提供的',
    download: '下载',
    addTitle: '提交文件',
    choose: '要提交的文件',
    limits: (size: string, perCase: number) => `PDF、JPEG、PNG 或 WebP；每个文件不超过 ${size}，每件最多 ${perCase} 个。照片保存时去除位置和拍摄设备信息。`,
    submit: '提交文件',
    added: '文件已收到。',
    formLabel: '材料和照片',
    formHint: (size: string, perCase: number) =>
      `可附上相关材料的扫描件或照片（PDF、JPEG、PNG 或 WebP；每个文件不超过 ${size}，最多 ${perCase} 个）。照片保存时去除位置和拍摄设备信息。`,
    chooseAgain: '出于安全考虑，浏览器不会保留已选的文件；请重新选择。',
    problems: {
      file_type: '此文件不是 PDF、JPEG、PNG 或 WebP 格式，请扫描或另存为其中一种。',
      type_mismatch: (claimed: string, actual: string) => `此文件的名称表明是 ${claimed}，但内容是 ${actual}，未予接收。`,
      file_too_large: (size: string) => `此文件超过 ${size}，超出单个文件的大小上限。`,
      too_many: (limit: number) => `每件最多 ${limit} 个附件，请减少所选文件。`,
      required: '请选择要提交的文件。',
      unreadable: '无法读取此图片，文件可能已损坏。',
      unknown_field: '无法处理所提交的内容，请返回重试。',
    },
  },

  statistics: {
    title: '信访工作统计',
    intro: '本县信访工作的年度统计数字，依《信访工作条例》第四十一条公开。数字由案件记录自动统计，不含任何案件内容和个人信息。',
    years: '其他年份',
    yearNotBegun: (latest: number) => `该年度尚未开始；可查询的最近年度为${latest}年。`,
  },

  privacy: {
    title: '个人信息保护说明',
    intro: '信访是您的权利。我们只收集答复您所必需的信息，并依法保护。',
    sections: [
      {
        heading: '我们保存什么',
        paragraphs: [
          '您提交的事项内容：类别、标题、具体情况、地点，多人诉求的人数。',
          '您自愿填写的姓名和联系方式，以及代表的姓名和联系方式。匿名提交时不保存这些信息。',
          '查询码的单向摘要（无法由摘要还原出查询码）。查询码本身不保存，任何人（包括工作人员）都无法查看。',
          '事项的办理记录：各阶段的时间、书面答复、您的评价和复查申请。',
        ],
      },
      {
        heading: '为什么保存',
        paragraphs: [
          '只为办理和答复您的事项，并让上级机关和审计人员能够检查各单位是否按期履职。',
          '我们不会用这些信息建立个人档案、标记或追踪任何人，也不会用于限制您向任何机关反映问题。',
        ],
      },
      {
        heading: '保存多久',
        paragraphs: [
          '姓名和联系方式保存到事项最终办结（不能再申请复查或复核）后 2 年，然后删除。',
          '不含个人信息的事项记录（反映了什么问题、如何答复、是否按期）作为工作记录保存，用于问责。',
        ],
      },
      {
        heading: '谁能看到',
        paragraphs: [
          '姓名和联系方式只向办理和答复您事项的人显示：信访局的工作人员，以及被交办该事项的责任单位的工作人员。他们每一次查看都记入防篡改的审计日志。',
          '负责监督的人员（领导小组成员、审计人员、系统管理员）看到的事项不含姓名和联系方式。确需查看时，必须说明理由；理由和查看记录都记入审计日志，并报告审计人员。',
          '姓名和联系方式以加密形式存储。',
          '凭事项编号和查询码打开的进展页面不显示任何个人信息；请妥善保管查询码，持有查询码的人可以看到办理进展和书面答复，也可以评价和申请复查。',
          '输入事项编号和查询码后，本浏览器会把它们加密保存在一个 Cookie 中，只有本网站的这些页面能读取，保存 30 分钟，这样刷新进展页面不会重复提交。除此之外不设置其他 Cookie，也不跟踪您。',
        ],
      },
      {
        heading: '通过其他应用提交（Open311）',
        paragraphs: [
          '通过支持 Open311 标准的应用提交的事项同样按本说明处理。该应用只能看到它自己提交的事项的内容和答复，其他人只能看到类别、办理状态、责任单位和时间。',
        ],
      },
    ],
  },

  errors: {
    title: '出错了',
    notFound: '没有这个页面。',
    tooLarge: '提交的内容太长。请缩短后再提交。',
    tooMany: '您的操作过于频繁，请稍后再试。',
    server: '系统出现问题，已记录。请稍后再试。',
    badRequest: '提交的内容无法处理。请返回重试。',
    back: '返回首页',
    /** Every error code of the server (src/core/errors.ts), as the portal says it. */
    codes: {
      validation_failed: '填写的内容有误，请按提示修改后再提交。',
      bad_request: '提交的内容无法处理。请返回重试。',
      invalid_json: '提交的内容格式有误。请返回重试。',
      invalid_plan: '信访处置预案有误，暂时无法受理。请稍后再试。',
      unauthenticated: '此页面需要登录。',
      invalid_credentials: '登录信息不正确。',
      forbidden: '您无权进行此操作。',
      not_found: '没有找到对应的信访事项。请核对编号和查询码。',
      conflict: '信访事项已有变化，此操作现在不能进行。',
      move_not_allowed: '此信访事项现在不能进行这项操作。',
      guard_failed: '进行此操作的条件尚未具备。',
      plan_published: '已发布的预案不能修改。',
      already_done: '此事项已经办理过，无需重复提交。',
      payload_too_large: '提交的内容太长。请缩短后再提交。',
      uri_too_long: '链接过长，不是本系统生成的链接。',
      unsupported_media_type: '提交的内容类型不受支持。',
      idempotency_key_reused: '这个请求标识已用于另一项不同的提交，请刷新页面后重新提交。',
      clocks_stopped: '案件已结束办理，相关计时已停止，此操作不能再进行。',
      rate_limited: '您的操作过于频繁，请稍后再试。',
      unit_cycle: "单位不能放在它自己或它的下级单位之下。",
      second_factor_required: "请输入身份验证器中的验证码（或恢复码）。",
      cross_site_request: "此请求来自其他网站，已被拒绝。请在本系统页面中操作。",
      account_setup_required: "请先设置新密码或第二重验证，然后再继续。",
      unit_has_open_assignments: "该单位仍有在办案件，请先改派给其他单位，再停用。",
      unit_inactive: "该单位已停用，不能再交办案件或添加用户。",
      too_many_attempts: "尝试次数过多，请稍后再试。",
      internal_error: '系统出现问题，已记录。请稍后再试。',
      pdf_font_missing: '暂时无法生成PDF，请稍后再试，或在本页阅读告知书。',
    } satisfies Record<ErrorCode, string>,
    /** Why the server refused (its `details.reason`), for every reason the public side can meet. */
    reasons: {
      request_in_progress: '您的提交正在处理中，请稍后刷新页面。',
      no_published_plan: '暂时无法受理网上信访事项，请稍后再试，或前往信访接待场所。',
      no_answer_to_rate: '尚未作出书面答复。作出答复后，即可评价。',
      rating_window_passed: '评价期限已过。',
      already_rated: '您已评价过这份答复。',
    } satisfies Record<PublicReason, string>,
  },

  open311: {
    serviceDescription: (name: string) => `关于“${name}”的信访事项。`,
    serviceNotice: (days: number) => `信访局将在 ${days} 日内告知是否受理；受理后依法办理并书面答复。`,
    contact: '请联系本地信访局。',
    keyService: '接入密钥由本系统管理员发放（redress open311 key create）。',
    attributes: {
      kind: '诉求类型：个人诉求（individual）或多人共同诉求（collective）。',
      headcount: '多人共同诉求涉及的人数。',
      title: '一句话标题；不填时取具体情况的第一行。',
    },
    kinds: { individual: '个人诉求', collective: '多人共同诉求' },
  },
};

export type Messages = typeof zh;
