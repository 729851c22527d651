import type { DeadlineWords, Messages } from './zh.js';

const days = (n: number, kind: DeadlineWords['dayKind']) => (kind === 'working' ? `${n} working days` : `${n} days`);

/** Every word the public portal and the Open311 endpoint show, in English. Mirrors `zh.ts`. */
export const en: Messages = {
  htmlLang: 'en',
  otherLanguage: '中文',
  siteName: 'Petitions online',
  skipToContent: 'Skip to content',
  nav: { home: 'Home', submit: 'Submit a petition', status: 'Follow a petition', privacy: 'Privacy notice', statistics: 'Petition statistics' },
  required: 'required',
  optional: 'optional',
  footer: 'Petitioning is a right protected by law. This service collects nothing that is not needed to handle your petition.',

  home: {
    title: 'Petitions online',
    intro:
      'Without an account or an office visit you can submit a petition here, follow its progress and statutory deadlines, read the official written answer, rate the outcome and, within the time allowed, ask for a review.',
    submitLead: 'Describe the problem; you get a reference and a private access code.',
    statusLead: 'With the reference and access code, see the stage, the deadlines and the written answers.',
    privacyLead: 'What we store, why, for how long and who can see it.',
    deadlinesTitle: 'Statutory deadlines',
    deadlines: (p: DeadlineWords): string[] => [
      `Within ${days(p.acceptDays, p.dayKind)} of receipt you are told whether the petition is accepted.`,
      `Within ${days(p.concludeDays, p.dayKind)} of acceptance it is concluded with a written answer (complex cases may be extended by up to ${days(p.extensionMaxDays, p.dayKind)}).`,
      `If you are not satisfied, you may ask for a review within ${days(p.reviewRequestDays, p.dayKind)} of the answer, and for a second review within ${days(p.reviewRequestDays, p.dayKind)} of the review’s answer.`,
    ],
  },

  form: {
    heading: 'Submit a petition',
    intro: 'Say briefly and truthfully what the problem is and what you are asking for. Fields marked “required” must be filled in; the rest may be left empty.',
    errorsTitle: 'Please correct the following and submit again:',
    kindLegend: 'This petition is',
    kinds: { individual: 'from one person', collective: 'from a group of people (collective)' },
    category: 'Category',
    categoryChoose: 'Choose one',
    title: 'Subject',
    titleHint: 'One line, e.g. “Three months of wages unpaid at a building site”.',
    description: 'What happened and what you ask for',
    descriptionHint:
      'Say what happened, which office or company is involved and how you would like it resolved. Please leave out personal details that do not matter to the petition (such as ID numbers).',
    location: 'Where the problem is',
    locationHint: 'E.g. the village, street or site.',
    collectiveLegend: 'A group petition (collective petitions only)',
    headcount: 'Number of people involved',
    representativesHint: 'A group may choose up to 5 representatives.',
    moreRepresentatives: 'More representatives (2 to 5)',
    representativeName: (n: number) => `Representative ${n}: name`,
    representativeContact: (n: number) => `Representative ${n}: contact`,
    contactLegend: 'Your name and contact details',
    contactHint:
      'Used only to reach you and answer you. You may leave them out: the petition is still handled, and you follow it with the reference and access code.',
    name: 'Name',
    contact: 'Contact (phone or email)',
    anonymous: 'Submit anonymously: do not record my name or contact details',
    honeypot: 'Leave this field empty',
    privacyNote: 'Before submitting, please read the',
    privacyLink: 'privacy notice',
    submit: 'Submit',
  },

  fields: {
    kind: 'Type of petition',
    category: 'Category',
    title: 'Subject',
    description: 'What happened and what you ask for',
    location: 'Where the problem is',
    headcount: 'Number of people involved',
    representatives: 'Representatives',
    representativeName: (n: number) => `Representative ${n}: name`,
    representativeContact: (n: number) => `Representative ${n}: contact`,
    'petitioner.name': 'Name',
    'petitioner.contact': 'Contact',
    reference: 'Reference',
    accessCode: 'Access code',
    rating: 'Rating',
    comment: 'Comment',
    reason: 'Reason',
  },

  problems: {
    required: (label: string) => `${label}: please fill this in.`,
    too_long: (label: string, limit: number) => `${label}: at most ${limit} characters.`,
    invalid: (label: string) => `${label}: this is not a valid value.`,
    too_many: (label: string, limit: number) => `${label}: at most ${limit}.`,
    not_allowed: (label: string) => `${label}: only a group petition has this.`,
  },

  receipt: {
    title: 'Your petition has been received',
    intro: 'Keep the reference and access code below. With them you can follow the petition and read the written answer at any time.',
    reference: 'Reference',
    accessCode: 'Access code',
    warning:
      'The access code is shown here once only. We keep only a one-way digest of it, so it cannot be recovered or shown again. Write it down or print this page.',
    received: 'Received',
    acceptBy: 'You will be told whether it is accepted by',
    print: 'To print: use “Print” in your browser’s menu. The printout holds only this receipt.',
    next: 'Follow this petition',
    shownTitle: 'This receipt has been shown already',
    shown: (reference: string) =>
      `Your petition is registered, once. Its reference is ${reference}; the access code was shown only the first time the receipt opened — it is on the receipt you wrote down or printed.`,
    lookup: 'Follow it with the reference and access code',
  },

  lookup: {
    title: 'Follow a petition',
    intro: 'Enter the reference and access code from your receipt.',
    reference: 'Reference',
    referenceHint: 'E.g. 2026-K7M3-9PQX',
    accessCode: 'Access code',
    accessCodeHint: '20 letters and digits; dashes and upper or lower case do not matter.',
    submit: 'Show progress',
    notFound: 'No petition matches this reference and access code. Please check both against your receipt.',
    refused: (minutes: number) => `Too many attempts. To protect your petition, please try again in ${minutes} minutes.`,
    ended: (minutes: number) =>
      `To keep your petition private, this browser shows its progress for ${minutes} minutes after the access code is entered, and that time has ended (or the page was opened in another browser). Please enter the reference and access code again; nothing you sent before is lost.`,
  },

  status: {
    title: 'Progress of your petition',
    reference: 'Reference',
    category: 'Category',
    kind: 'Type',
    received: 'Received',
    stage: 'Stage',
    since: 'In this stage since',
    notAcceptedReason: 'Why it was not accepted',
    deadlinesTitle: 'Deadlines',
    deadline: 'What',
    due: 'Due',
    done: 'Done',
    standing: 'Standing',
    answersTitle: 'Written answers',
    noAnswers: 'No written answer has been given yet.',
    answerRound: (round: number): string => (round === 0 ? 'Answer' : round === 1 ? 'Answer on review' : 'Answer on second review'),
    answeredAt: 'Given',
    yourRating: 'Your rating',
    switchLanguage: '中文',
    privacy: 'This page shows no personal data.',
    refresh: 'Refresh',
  },

  stages: {
    prevention: { title: 'Being settled locally', explain: 'The units concerned are working to settle the problem where it arose.' },
    reception: {
      title: 'Registered; acceptance being decided',
      explain: 'The petition office has received your petition and will tell you within the deadline whether it is accepted.',
    },
    decision: {
      title: 'Accepted; a decision is being made',
      explain: 'Your petition has been accepted, and the leadership group is deciding how it will be handled.',
    },
    resolution: {
      title: 'Accepted; being handled',
      explain: 'Your petition has been accepted and the responsible unit is working on it. You will receive a written answer.',
    },
    closed: {
      title: 'Concluded',
      explain: 'A written answer has been given. If you are not satisfied, you may ask for a review within the time allowed.',
    },
    not_accepted: { title: 'Not accepted', explain: 'Your petition was not accepted; the reason is given below.' },
    review: { title: 'Under review', explain: 'At your request the answer is being reviewed; the review’s answer will be given in writing.' },
  },

  deadlines: {
    accept: 'Decide whether to accept',
    conclude: 'Conclude with a written answer',
    reviewRequest: 'Time to ask for a review',
    review: 'Answer the review',
  },
  deadlineStatus: { pending: 'not yet due', overdue: 'overdue', met: 'met', missed: 'met late', stopped: 'stopped', paused: 'paused' },
  writtenNotices: { title: 'Written notices', issuedAt: 'Sent', printable: 'Printable copy (PDF)', inZh: 'Chinese', inEn: 'English' },
  pause: {
    title: 'The time limit is paused',
    kinds: { hearing: 'Hearing', assessment: 'Expert assessment', mediation: 'Mediation' },
    reason: {
      hearing: 'A hearing is being held on your petition; the time it takes is not counted towards the time limit.',
      assessment: 'Your petition needs an expert assessment; the time it takes is not counted towards the time limit.',
      mediation: 'Your petition is in mediation; the time it takes is not counted towards the time limit.',
    },
    since: 'Paused since',
    plannedEnd: 'Planned end',
    resumes: 'When the pause ends, the time limit moves later by exactly the time paused.',
  },
  notStarted: 'not started',
  matter: {
    class: 'Nature of the matter',
    channelTitle: 'Your matter belongs to a lawful channel',
    channelIntro: (channel: string, article: number) =>
      `Under Article 31 (${article}) of the Regulations on Letters and Visits Work, this matter is handled through ${channel}, not as a petition. How to use it:`,
    adoption: 'Your suggestion',
    adoptions: { adopted: 'Adopted', partly: 'Partly adopted', not_adopted: 'Not adopted' },
    earlierTitle: 'Answered with an earlier conclusion',
    earlier: (reference: string) =>
      `Your petition repeats the facts and reasons of case ${reference}, which has been concluded, without new facts; its conclusion stands (Article 36).`,
  },

  feedback: {
    title: 'Rate the outcome',
    intro: 'Rate the latest written answer. Each answer can be rated once.',
    until: (date: string) => `You can rate it until ${date}.`,
    rating: 'How satisfied are you with the answer?',
    ratings: { 1: 'Very unsatisfied', 2: 'Unsatisfied', 3: 'Partly satisfied', 4: 'Satisfied', 5: 'Very satisfied' },
    comment: 'Comment (optional)',
    submit: 'Send rating',
    thanks: 'Your rating has been recorded. Thank you.',
    offerReview: 'You are not satisfied with the answer. You can ask for a review below.',
  },

  review: {
    title: 'Ask for a review',
    titleSecond: 'Ask for a second review',
    intro: 'If you are not satisfied with the written answer, you may ask for a review within the time allowed; if you are not satisfied with the review’s answer, you may ask once more.',
    until: (date: string) => `You can ask until ${date}.`,
    reason: 'Why you ask for a review',
    reasonHint: 'Say what in the answer you are not satisfied with.',
    submit: 'Ask for a review',
    requested: 'Your request has been made; the petition is now under review.',
    notYet: 'A review can be requested as soon as the written answer has been given.',
    reasonRequired: 'Please give the reason for your request.',
  },

  guards: {
    representativesChosen: (_until: string) => 'A collective visit needs its representatives chosen, or a decision to receive the group together.',
    leadUnitAssigned: (_until: string) => 'No lead unit has been made responsible yet.',
    reasonGiven: (_until: string) => 'Please give the reason for your request.',
    answered: (_until: string) => 'The written answer has not been given yet.',
    reviewAnswered: (_until: string) => 'The review’s answer has not been given yet.',
    noAnswerYet: (_until: string) => 'A review can be requested as soon as the written answer has been given.',
    reviewWindowPassed: (until: string) => `The time to ask for a review ended on ${until}; a review can no longer be requested.`,
    reviewsUsed: (_until: string) => 'The review and the second review have both been used; the answer is final.',
  },

  statistics: {
    title: 'Petition statistics',
    intro: 'The county’s yearly figures on petition work, published under Article 41 of the Regulations on Letters and Visits Work. They are counted from the case record, with no case text and no personal data.',
    years: 'Other years',
    yearNotBegun: (latest: number) => `That year has not begun; the latest year is ${latest}.`,
  },

  privacy: {
    title: 'Privacy notice',
    intro: 'Petitioning is your right. We collect only what is needed to answer you, and we protect it.',
    sections: [
      {
        heading: 'What we store',
        paragraphs: [
          'What you submit about the petition: its category, subject, description and place, and for a group, how many people are involved.',
          'Your name and contact details, and those of representatives, only if you give them. An anonymous petition stores none.',
          'A one-way digest of your access code. The code itself is not stored, and nobody — staff included — can see it.',
          'The record of how the petition was handled: when each stage began, the written answers, your ratings and review requests.',
        ],
      },
      {
        heading: 'Why',
        paragraphs: [
          'Only to handle and answer your petition, and so that higher offices and auditors can check that every unit did its part on time.',
          'We never use it to build a profile of anyone, to flag or follow people, or to stop you taking a matter to any office.',
        ],
      },
      {
        heading: 'For how long',
        paragraphs: [
          'Names and contact details are kept until 2 years after the petition is finally closed (when no review or second review can be asked for any more), and then deleted.',
          'The record without personal data — what was raised, how it was answered, whether deadlines were met — is kept as a record of the office’s work, for accountability.',
        ],
      },
      {
        heading: 'Who can see it',
        paragraphs: [
          'Names and contact details are shown only to staff of the petition office and to staff of the units the petition is assigned to, who handle it and answer you. Every time they look, it is written to a tamper-evident audit log.',
          'Others who oversee the work (members of the leadership group, auditors, system administrators) see the petition without names or contact details. If one of them needs them, they must state the reason; the reason and the view are recorded in the audit log and reported to the auditors.',
          'Names and contact details are stored encrypted.',
          'The progress page opened with the reference and access code shows no personal data. Keep the access code safe: whoever holds it can see the progress and the written answers, rate them and ask for a review.',
          'After you enter the reference and access code, this browser keeps them in one encrypted cookie, readable only by this site and only on these pages, for 30 minutes, so that reloading the progress page does not send anything again. No other cookie is set and nothing follows you.',
        ],
      },
      {
        heading: 'Petitions sent from other apps (Open311)',
        paragraphs: [
          'A petition sent through an app that speaks the Open311 standard is treated under this same notice. That app sees the content and answers only of the petitions it sent; anyone else sees only their category, status, responsible unit and dates.',
        ],
      },
    ],
  },

  errors: {
    title: 'Something went wrong',
    notFound: 'There is no such page.',
    tooLarge: 'What you sent is too long. Please shorten it and try again.',
    tooMany: 'Too many requests from your connection. Please wait a little and try again.',
    server: 'Something went wrong on our side; it has been logged. Please try again later.',
    badRequest: 'What you sent could not be processed. Please go back and try again.',
    back: 'Back to the start',
    codes: {
      validation_failed: 'Something you entered is not right. Please correct it and submit again.',
      bad_request: 'What you sent could not be processed. Please go back and try again.',
      invalid_json: 'What you sent is not well formed. Please go back and try again.',
      invalid_plan: 'The handling plan is not valid, so petitions cannot be taken now. Please try again later.',
      unauthenticated: 'This page needs you to sign in.',
      invalid_credentials: 'The sign-in details are not right.',
      forbidden: 'You may not do this.',
      not_found: 'No petition was found. Check the reference and the access code.',
      conflict: 'The petition has changed, and this cannot be done now.',
      move_not_allowed: 'This cannot be done with the petition now.',
      guard_failed: 'What this needs first is not there yet.',
      plan_published: 'A published plan cannot be changed.',
      already_done: 'This was already done; there is nothing to send again.',
      payload_too_large: 'What you sent is too long. Please shorten it and try again.',
      uri_too_long: 'The link is too long to be one this system gave out.',
      unsupported_media_type: 'This kind of data is not accepted.',
      idempotency_key_reused: 'This request key was already used for a different submission; reload the page and submit again.',
      clocks_stopped: 'The case has come to rest and its clocks have stopped, so this can no longer be done.',
      rate_limited: 'Too many requests from your connection. Please wait a little and try again.',
      unit_cycle: "A unit cannot be placed under itself or under one of its own units.",
      second_factor_required: "Enter the code from your authenticator app (or a recovery code).",
      cross_site_request: "This request came from another site and was refused. Use this system’s own pages.",
      account_setup_required: "Set a new password or a second factor before going on.",
      unit_has_open_assignments: "This unit still holds open cases; reroute them before deactivating it.",
      unit_inactive: "This unit is deactivated: it takes no new cases or users.",
      too_many_attempts: "Too many attempts; wait a little and try again.",
      internal_error: 'Something went wrong on our side; it has been logged. Please try again later.',
      pdf_font_missing: 'The PDF cannot be made just now. Please try again later, or read the notice on this page.',
    },
    reasons: {
      request_in_progress: 'Your submission is being handled; refresh the page in a moment.',
      no_published_plan: 'Petitions cannot be taken online right now. Please try again later, or visit the petition office.',
      no_answer_to_rate: 'No written answer has been given yet. You can rate it once it is.',
      rating_window_passed: 'The time to rate this answer has passed.',
      already_rated: 'You have already rated this answer.',
    },
  },

  open311: {
    serviceDescription: (name: string) => `Petitions about ${name.toLowerCase()}.`,
    serviceNotice: (days: number) => `The petition office will say within ${days} days whether it is accepted, then handle it and answer in writing.`,
    contact: 'Contact the local petition office.',
    keyService: 'API keys are issued by this system’s administrators (redress open311 key create).',
    attributes: {
      kind: 'Type of petition: individual (one person) or collective (a group of people).',
      headcount: 'How many people a collective petition involves.',
      title: 'A one-line subject; when left out, the first line of the description is used.',
    },
    kinds: { individual: 'One person', collective: 'A group of people' },
  },
};
