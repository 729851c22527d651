import { publicLimits } from '../../../commands/public/petition-input.js';
import type { PublicReceptionDayView } from '../../../commands/receptions.js';
import { formatTime } from '../format.js';
import { html } from '../html.js';
import { portalMessages, type PortalLanguage } from '../i18n/index.js';
import { otherLanguage, page, portalHref } from '../layout.js';

export interface ReceptionsPageOptions {
  language: PortalLanguage;
  days: readonly PublicReceptionDayView[];
  timeZone: string;
  /** What the page says above the form: a booking made, or why one was refused. */
  notice?: { text: string; bad: boolean };
  /** The form's values sent back after a refusal: the reference and the day, never the access code. */
  values?: { reference?: string; dayId?: string };
}

/**
 * The published schedule of leader reception days (领导接访日): the leader (an official) and their
 * office, when, where and the places left — nothing of any petitioner — and the form that books a
 * petition onto a day with its reference and access code.
 */
export function receptionsPage(options: ReceptionsPageOptions): string {
  const { language, days, timeZone } = options;
  const m = portalMessages[language];
  const w = m.receptions;
  const when = (day: PublicReceptionDayView) => `${formatTime(day.startsAt, language, timeZone)} – ${formatTime(day.endsAt, language, timeZone)}`;
  const leader = (day: PublicReceptionDayView) => `${day.title[language]} ${day.leaderName}`;
  const schedule =
    days.length === 0
      ? html`<p id="no-receptions">${w.none}</p>`
      : html`<div class="table-wrap"><table class="stack" id="reception-days">
<thead><tr><th scope="col">${w.when}</th><th scope="col">${w.leader}</th><th scope="col">${w.unit}</th><th scope="col">${w.place}</th><th scope="col">${w.placesLeft}</th></tr></thead>
<tbody>${days.map(
          (day) => html`<tr><th scope="row">${when(day)}</th><td data-label="${w.leader}">${leader(day)}</td><td data-label="${w.unit}">${day.unitName?.[language] ?? '—'}</td><td data-label="${w.place}">${day.place}</td><td data-label="${w.placesLeft}">${day.placesLeft === 0 ? w.full : w.places(day.placesLeft, day.capacity)}</td></tr>`,
        )}</tbody></table></div>`;
  const open = days.filter((day) => day.placesLeft > 0);
  const form =
    open.length === 0
      ? null
      : html`<h2>${w.bookTitle}</h2>
<p>${w.bookIntro}</p>
<form method="post" action="${portalHref('/receptions', language)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${language}">
<div class="field"><label for="reference">${m.lookup.reference}</label>
<span class="hint" id="reference-hint">${m.lookup.referenceHint}</span>
<input type="text" id="reference" name="reference" value="${options.values?.reference ?? ''}" maxlength="${publicLimits.reference}" autocomplete="off" spellcheck="false" required aria-describedby="reference-hint"></div>
<div class="field"><label for="accessCode">${m.lookup.accessCode}</label>
<span class="hint" id="accessCode-hint">${m.lookup.accessCodeHint}</span>
<input type="text" id="accessCode" name="accessCode" value="" maxlength="${publicLimits.accessCode}" autocomplete="off" spellcheck="false" required aria-describedby="accessCode-hint"></div>
<div class="field"><label for="dayId">${w.day}</label>
<select id="dayId" name="dayId" required><option value="">${w.chooseDay}</option>${open.map(
          (day) => html`<option value="${day.id}"${options.values?.dayId === day.id ? html` selected` : null}>${when(day)} · ${leader(day)} · ${day.place}</option>`,
        )}</select></div>
<button type="submit">${w.submit}</button>
</form>`;
  const notice = options.notice ? html`<p class="notice${options.notice.bad ? ' bad' : ''}" role="${options.notice.bad ? 'alert' : 'status'}" id="${options.notice.bad ? 'booking-problem' : 'booking-done'}">${options.notice.text}</p>` : null;
  const body = html`<h1>${w.title}</h1>
<p class="lead">${w.intro}</p>
${notice}
${schedule}
${form}`;
  return page({ language, title: w.title, body, switchTo: { href: portalHref('/receptions', otherLanguage(language)) } });
}
