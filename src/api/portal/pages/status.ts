import type { PublicStatus } from '../../../commands/public/petitions.js';
import { publicLimits } from '../../../commands/public/petition-input.js';
import type { Deadline } from '../../../core/deadlines.js';
import { localText } from '../../../core/plan.js';
import { formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { portalMessages, type Messages, type PortalLanguage } from '../i18n/index.js';
import { otherLanguage, page, portalBase, portalHref } from '../layout.js';
import { filesSection, type PortalFiles } from './files.js';

interface StatusPageArgs {
  language: PortalLanguage;
  status: PublicStatus;
  timeZone: string;
  notice?: { text: string; bad?: boolean; id?: string };
  /** The petition's files the petitioner may see, and the form to send more. */
  files: PortalFiles;
}

/** Why the review cannot be requested now, in the reader's words, from the stage machine's code. */
export function reviewClosedReason(m: Messages, status: PublicStatus, when: (iso: string | null) => string): string | null {
  const { blockedBy } = status.review;
  if (status.review.possible || blockedBy === null) return null;
  // A review under way, before its own answer, is said by the stage itself.
  if (status.stage === 'review' && blockedBy === 'noAnswerYet') return null;
  return m.guards[blockedBy](when(status.review.until));
}

/** The page's forms carry only the language: the petition they act on is the one this browser holds (petition-cookie.ts). */
function hiddenKey(args: StatusPageArgs): SafeHtml {
  return html`<input type="hidden" name="lang" value="${args.language}">`;
}

function deadlineRow(m: Messages, args: StatusPageArgs, label: string, item: Deadline): SafeHtml {
  const when = (iso: string | null) => formatTime(iso, args.language, args.timeZone);
  const standing = item.status ? html`<span class="${item.status}">${m.deadlineStatus[item.status]}</span>` : m.notStarted;
  return html`<tr><th scope="row">${label}</th><td data-label="${m.status.due}">${item.dueAt ? when(item.dueAt) : m.notStarted}</td><td data-label="${
    m.status.done
  }">${item.doneAt ? when(item.doneAt) : '—'}</td><td data-label="${m.status.standing}">${standing}</td></tr>`;
}

/** The written notices the petitioner was sent (告知), as sent, in the page's language. */
function noticesSection(m: Messages, args: StatusPageArgs): SafeHtml | null {
  const { notices } = args.status;
  if (notices.length === 0) return null;
  const when = (iso: string | null) => formatTime(iso, args.language, args.timeZone);
  const items = notices.map((notice) => {
    const content = notice.content[args.language];
    const paragraphs = content.body.split(/\n+/u).map((paragraph) => html`<p>${paragraph}</p>`);
    const pdf = (language: PortalLanguage) => `${portalBase}/notices/${encodeURIComponent(notice.id)}.pdf?lang=${language}`;
    const links = html`<p class="notice-pdf">${m.writtenNotices.printable}: <a href="${pdf('zh')}" hreflang="zh" lang="zh">${m.writtenNotices.inZh}</a> · <a href="${pdf('en')}" hreflang="en" lang="en">${m.writtenNotices.inEn}</a></p>`;
    return html`<article class="notice" data-notice-kind="${notice.kind}"><h3>${content.title} · ${m.writtenNotices.issuedAt} ${when(notice.issuedAt)}</h3>${paragraphs}${links}</article>`;
  });
  return html`<section id="notices"><h2>${m.writtenNotices.title}</h2>${items}</section>`;
}

/** The open clock pause: what it is, why the time limit stops, since when and until when it is planned. */
function pauseSection(m: Messages, args: StatusPageArgs): SafeHtml | null {
  const { pause } = args.status;
  if (!pause) return null;
  const when = (iso: string | null) => formatTime(iso, args.language, args.timeZone);
  return html`<section id="pause"><h2>${m.pause.title}: ${m.pause.kinds[pause.kind]}</h2><p>${m.pause.reason[pause.kind]}</p>
<dl class="facts"><dt>${m.pause.since}</dt><dd>${when(pause.startedAt)}</dd><dt>${m.pause.plannedEnd}</dt><dd>${when(pause.plannedEndAt)}</dd></dl>
<p class="hint">${m.pause.resumes}</p></section>`;
}

/** The commitments made on the case (承诺事项), each with its responsible unit, deadline and status. */
function commitmentsSection(m: Messages, args: StatusPageArgs): SafeHtml | null {
  const { commitments } = args.status;
  if (commitments.length === 0) return null;
  const when = (iso: string | null) => formatTime(iso, args.language, args.timeZone);
  const rows = commitments.map((item) => {
    const settled = item.doneAt ? html`<br><span class="hint">${m.commitments.doneAt}: ${when(item.doneAt)}</span>` : item.dropReason ? html`<br><span class="hint">${m.commitments.droppedBecause}: ${item.dropReason}</span>` : null;
    return html`<tr><td data-label="${m.commitments.item}">${item.text}</td><td data-label="${m.commitments.unit}">${localText(item.unitName, args.language)}</td><td data-label="${m.commitments.due}">${when(item.dueAt)}</td><td data-label="${m.commitments.standing}"><span class="${item.status}" data-commitment-status="${item.status}">${m.commitments.statuses[item.status]}</span>${settled}</td></tr>`;
  });
  return html`<section id="commitments"><h2>${m.commitments.title}</h2><p>${m.commitments.intro}</p><div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">${m.commitments.item}</th><th scope="col">${m.commitments.unit}</th><th scope="col">${m.commitments.due}</th><th scope="col">${m.commitments.standing}</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

/** The nature of the matter as the petitioner is told it: its lawful channel and how to use it, a suggestion's adoption, the earlier conclusion that stands. */
function matterSection(m: Messages, args: StatusPageArgs): SafeHtml | null {
  const { matter } = args.status;
  const channel = matter.lawfulChannel;
  const parts = [
    channel
      ? html`<section id="lawful-channel"><h2>${m.matter.channelTitle}: ${localText(channel.name, args.language)}</h2><p>${m.matter.channelIntro(localText(channel.name, args.language), channel.article)}</p><p>${localText(channel.howTo, args.language)}</p></section>`
      : null,
    matter.adoption
      ? html`<section id="adoption"><h2>${m.matter.adoption}: ${m.matter.adoptions[matter.adoption.value] ?? matter.adoption.value}</h2><p>${matter.adoption.note}</p></section>`
      : null,
    matter.earlierReference ? html`<section id="earlier-conclusion"><h2>${m.matter.earlierTitle}</h2><p>${m.matter.earlier(matter.earlierReference)}</p></section>` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? html`${parts}` : null;
}

function feedbackForm(m: Messages, args: StatusPageArgs): SafeHtml | null {
  const { feedback } = args.status;
  if (!feedback.possible) return null;
  const ratings = [5, 4, 3, 2, 1].map(
    (value) => html`<label class="choice"><input type="radio" name="rating" value="${value}" required> ${value} · ${m.feedback.ratings[value]}</label>`,
  );
  return html`<section aria-labelledby="feedback-title">
<h2 id="feedback-title">${m.feedback.title}</h2>
<p>${m.feedback.intro} ${m.feedback.until(formatTime(feedback.until, args.language, args.timeZone))}</p>
<form method="post" action="${portalHref('/feedback', args.language)}">
${hiddenKey(args)}
<fieldset><legend>${m.feedback.rating}</legend>${ratings}</fieldset>
<div class="field"><label for="comment">${m.feedback.comment}</label>
<textarea id="comment" name="comment" maxlength="${publicLimits.comment}" rows="4"></textarea></div>
<button type="submit">${m.feedback.submit}</button>
</form>
</section>`;
}

function reviewSection(m: Messages, args: StatusPageArgs): SafeHtml | null {
  const { status } = args;
  const title = status.reviewCount === 0 ? m.review.title : m.review.titleSecond;
  if (!status.review.possible) {
    const reason = status.answers.length > 0 ? reviewClosedReason(m, status, (iso) => formatTime(iso, args.language, args.timeZone)) : null;
    return reason ? html`<section><h2>${title}</h2><p>${reason}</p></section>` : null;
  }
  return html`<section aria-labelledby="review-title" id="review">
<h2 id="review-title">${title}</h2>
<p>${m.review.intro} ${m.review.until(formatTime(status.review.until, args.language, args.timeZone))}</p>
<form method="post" action="${portalHref('/review', args.language)}">
${hiddenKey(args)}
<div class="field"><label for="reason">${m.review.reason} <span class="tag">(${m.required})</span></label>
<span class="hint" id="reason-hint">${m.review.reasonHint}</span>
<textarea id="reason" name="reason" maxlength="${publicLimits.reason}" rows="5" required aria-describedby="reason-hint"></textarea></div>
<button type="submit">${m.review.submit}</button>
</form>
</section>`;
}

/** The petitioner's status page: stage in plain words, deadlines and whether met, the answers. No personal data. */
export function statusPage(args: StatusPageArgs): string {
  const m = portalMessages[args.language];
  const { status } = args;
  const when = (iso: string | null) => formatTime(iso, args.language, args.timeZone);
  const stage = m.stages[status.stage];
  const answers = status.answers.map(
    (answer) => html`<article class="answer"><h3>${m.status.answerRound(answer.reviewRound)} · ${m.status.answeredAt} ${when(answer.createdAt)}</h3>${
      answer.body
    }${answer.rating ? html`<p><strong>${m.status.yourRating}:</strong> ${answer.rating} · ${m.feedback.ratings[answer.rating]}</p>` : null}</article>`,
  );
  const body = html`<h1>${m.status.title}</h1>
${args.notice ? html`<p class="notice${args.notice.bad ? ' bad' : ''}" role="status"${args.notice.id ? html` id="${args.notice.id}"` : null}>${args.notice.text}</p>` : null}
<dl class="facts">
<dt>${m.status.reference}</dt><dd class="code">${status.reference}</dd>
<dt>${m.status.category}</dt><dd>${localText(status.category.name, args.language)}</dd>
<dt>${m.status.kind}</dt><dd>${m.form.kinds[status.kind]}</dd>
<dt>${m.status.received}</dt><dd>${when(status.receivedAt)}</dd>
${status.matter.class ? html`<dt>${m.matter.class}</dt><dd id="matter-class">${localText(status.matter.class.name, args.language)}</dd>` : null}
</dl>
<h2>${m.status.stage}</h2>
<div class="stage" id="stage"><strong>${stage.title}</strong><p>${stage.explain}</p><p class="hint">${m.status.since}: ${when(status.stageChangedAt)}</p></div>
${status.notAcceptedReason ? html`<h2>${m.status.notAcceptedReason}</h2><p>${status.notAcceptedReason}</p>` : null}
${matterSection(m, args)}
${pauseSection(m, args)}
<h2>${m.status.deadlinesTitle}</h2>
<div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">${m.status.deadline}</th><th scope="col">${m.status.due}</th><th scope="col">${m.status.done}</th><th scope="col">${m.status.standing}</th></tr></thead>
<tbody>
${deadlineRow(m, args, m.deadlines.accept, status.deadlines.accept)}
${deadlineRow(m, args, m.deadlines.conclude, status.deadlines.conclude)}
${status.deadlines.reviewRequest.dueAt ? deadlineRow(m, args, m.deadlines.reviewRequest, status.deadlines.reviewRequest) : null}
${status.deadlines.review.dueAt ? deadlineRow(m, args, m.deadlines.review, status.deadlines.review) : null}
</tbody></table></div>
${commitmentsSection(m, args)}
<h2>${m.status.answersTitle}</h2>
${answers.length > 0 ? answers : html`<p>${m.status.noAnswers}</p>`}
${noticesSection(m, args)}
${filesSection(m, args.language, args.timeZone, args.files)}
${feedbackForm(m, args)}
${reviewSection(m, args)}
<p class="no-print"><a href="${portalHref('/progress', args.language)}" id="refresh">${m.status.refresh}</a></p>
<p class="hint">${m.status.privacy}</p>`;
  return page({
    language: args.language,
    title: m.status.title,
    body,
    switchTo: { href: portalHref('/progress', otherLanguage(args.language)) },
  });
}

