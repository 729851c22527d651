import { publicLimits, type Problem } from '../../../commands/public/petition-input.js';
import { maxRepresentatives } from '../../../core/types.js';
import { formTokenField, honeypotField, problemControl, problemText } from '../form-input.js';
import { html, type SafeHtml } from '../html.js';
import { portalMessages, type Messages, type PortalLanguage } from '../i18n/index.js';
import { page, portalHref } from '../layout.js';
import { acceptedTypes, fileSize } from './files.js';

interface PetitionFormArgs {
  language: PortalLanguage;
  categories: { code: string; name: string }[];
  /** What was typed before, when the form comes back with problems. */
  values: Record<string, string>;
  problems: Problem[];
  /** The form's one-time token: a second submit of the same form files nothing new. */
  token: string;
  /** The limits on files sent with the petition, and why the chosen ones were not taken (the form comes back without them). */
  files: { maxBytes: number; perCase: number; problem: string | null; chosen: boolean };
}

interface FieldSpec {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function marker(m: Messages, required: boolean | undefined): SafeHtml {
  return html` <span class="tag">(${required ? m.required : m.optional})</span>`;
}

/** The problems about one control, shown beside it. */
function fieldErrors(m: Messages, problems: Problem[], id: string): SafeHtml[] {
  return problems
    .filter((problem) => problemControl(problem.field) === id)
    .map((problem) => html`<span class="error-text" id="${id}-error">${problemText(m, problem)}</span>`);
}

function describedBy(spec: FieldSpec, invalid: boolean): string {
  return [spec.hint ? `${spec.id}-hint` : '', invalid ? `${spec.id}-error` : ''].filter(Boolean).join(' ');
}

function textInput(m: Messages, args: PetitionFormArgs, spec: FieldSpec, maxLength: number, type = 'text'): SafeHtml {
  const errors = fieldErrors(m, args.problems, spec.id);
  const described = describedBy(spec, errors.length > 0);
  return html`<div class="field${errors.length > 0 ? ' invalid' : ''}">
<label for="${spec.id}">${spec.label}${marker(m, spec.required)}</label>
${spec.hint ? html`<span class="hint" id="${spec.id}-hint">${spec.hint}</span>` : null}${errors}
<input type="${type}" id="${spec.id}" name="${spec.id}" value="${args.values[spec.id] ?? ''}" maxlength="${maxLength}"${
    type === 'number' ? html` min="2" max="${publicLimits.headcount}" inputmode="numeric"` : null
  }${spec.required ? html` required` : null}${described ? html` aria-describedby="${described}"` : null}${
    errors.length > 0 ? html` aria-invalid="true"` : null
  }>
</div>`;
}

function textArea(m: Messages, args: PetitionFormArgs, spec: FieldSpec, maxLength: number): SafeHtml {
  const errors = fieldErrors(m, args.problems, spec.id);
  const described = describedBy(spec, errors.length > 0);
  return html`<div class="field${errors.length > 0 ? ' invalid' : ''}">
<label for="${spec.id}">${spec.label}${marker(m, spec.required)}</label>
${spec.hint ? html`<span class="hint" id="${spec.id}-hint">${spec.hint}</span>` : null}${errors}
<textarea id="${spec.id}" name="${spec.id}" maxlength="${maxLength}" rows="8"${spec.required ? html` required` : null}${
    described ? html` aria-describedby="${described}"` : null
  }${errors.length > 0 ? html` aria-invalid="true"` : null}>${args.values[spec.id] ?? ''}</textarea>
</div>`;
}

function errorSummary(m: Messages, problems: Problem[], fileProblem: string | null): SafeHtml | null {
  if (problems.length === 0 && fileProblem === null) return null;
  const items = problems.map((problem) => html`<li><a href="#${problemControl(problem.field)}">${problemText(m, problem)}</a></li>`);
  if (fileProblem !== null) items.push(html`<li><a href="#file">${fileProblem}</a></li>`);
  return html`<div class="errors" role="alert" tabindex="-1" id="errors"><h2>${m.form.errorsTitle}</h2><ul>${items}</ul></div>`;
}

/** Scans and photos sent with the petition; last in the form, so its text fields are read before any file. */
function fileField(m: Messages, args: PetitionFormArgs): SafeHtml {
  const { problem, chosen } = args.files;
  const hint = m.files.formHint(fileSize(args.files.maxBytes, args.language), args.files.perCase);
  const again = chosen ? html`<span class="hint" id="file-again">${m.files.chooseAgain}</span>` : null;
  const described = ['file-hint', chosen ? 'file-again' : '', problem !== null ? 'file-error' : ''].filter(Boolean).join(' ');
  return html`<div class="field${problem !== null ? ' invalid' : ''}">
<label for="file">${m.files.formLabel}${marker(m, false)}</label>
<span class="hint" id="file-hint">${hint}</span>${problem !== null ? html`<span class="error-text" id="file-error">${problem}</span>` : null}${again}
<input type="file" id="file" name="file" accept="${acceptedTypes}" multiple aria-describedby="${described}"${problem !== null ? html` aria-invalid="true"` : null}>
</div>`;
}

/** The petition form; with problems, it comes back filled in with each problem beside its field. */
export function petitionFormPage(args: PetitionFormArgs): string {
  const m = portalMessages[args.language];
  const kind = args.values.kind === 'collective' ? 'collective' : 'individual';
  const categoryErrors = fieldErrors(m, args.problems, 'category');
  const options = args.categories.map(
    (category) => html`<option value="${category.code}"${args.values.category === category.code ? html` selected` : null}>${category.name}</option>`,
  );
  const representative = (n: number) => html`<div class="pair">
${textInput(m, args, { id: `rep${n}_name`, label: m.form.representativeName(n) }, publicLimits.name)}
${textInput(m, args, { id: `rep${n}_contact`, label: m.form.representativeContact(n) }, publicLimits.contact)}
</div>`;
  const more = Array.from({ length: maxRepresentatives - 1 }, (_, index) => index + 2);
  // The rest fold away (a <details>, no script needed), and stay open once anything is in them.
  const moreInUse = more.some(
    (n) => args.values[`rep${n}_name`] || args.values[`rep${n}_contact`] || args.problems.some((problem) => problemControl(problem.field).startsWith(`rep${n}_`)),
  );
  const representatives = html`${representative(1)}
<details class="more"${moreInUse ? html` open` : null}><summary>${m.form.moreRepresentatives}</summary>
${more.map(representative)}
</details>`;
  const body = html`<h1>${m.form.heading}</h1>
<p>${m.form.intro}</p>
${errorSummary(m, args.problems, args.files.problem)}
<form method="post" action="${portalHref('/new', args.language)}" accept-charset="utf-8" enctype="multipart/form-data" novalidate>
<input type="hidden" name="lang" value="${args.language}">
<input type="hidden" name="${formTokenField}" value="${args.token}">
<fieldset>
<legend>${m.form.kindLegend}${marker(m, true)}</legend>
<label class="choice"><input type="radio" name="kind" value="individual"${kind === 'individual' ? html` checked` : null}> ${m.form.kinds.individual}</label>
<label class="choice"><input type="radio" name="kind" value="collective"${kind === 'collective' ? html` checked` : null}> ${m.form.kinds.collective}</label>
</fieldset>
<div class="field${categoryErrors.length > 0 ? ' invalid' : ''}">
<label for="category">${m.form.category}${marker(m, true)}</label>${categoryErrors}
<select id="category" name="category" required${categoryErrors.length > 0 ? html` aria-invalid="true" aria-describedby="category-error"` : null}>
<option value="">${m.form.categoryChoose}</option>
${options}
</select>
</div>
${textInput(m, args, { id: 'title', label: m.form.title, hint: m.form.titleHint, required: true }, publicLimits.title)}
${textArea(m, args, { id: 'description', label: m.form.description, hint: m.form.descriptionHint, required: true }, publicLimits.description)}
${textInput(m, args, { id: 'location', label: m.form.location, hint: m.form.locationHint }, publicLimits.location)}
<fieldset>
<legend>${m.form.collectiveLegend}</legend>
${textInput(m, args, { id: 'headcount', label: m.form.headcount }, 6, 'number')}
<p class="hint">${m.form.representativesHint}</p>
${fieldErrors(m, args.problems, 'representatives')}
${representatives}
</fieldset>
<fieldset>
<legend>${m.form.contactLegend}${marker(m, false)}</legend>
<p class="hint">${m.form.contactHint}</p>
<div class="pair">
${textInput(m, args, { id: 'name', label: m.form.name }, publicLimits.name)}
${textInput(m, args, { id: 'contact', label: m.form.contact }, publicLimits.contact)}
</div>
<label class="choice"><input type="checkbox" name="anonymous" value="on"${args.values.anonymous === 'on' ? html` checked` : null}> ${m.form.anonymous}</label>
</fieldset>
<div class="hp" aria-hidden="true">
<label for="${honeypotField}">${m.form.honeypot}</label>
<input type="text" id="${honeypotField}" name="${honeypotField}" value="" tabindex="-1" autocomplete="off">
</div>
${fileField(m, args)}
<p>${m.form.privacyNote} <a href="${portalHref('/privacy', args.language)}">${m.form.privacyLink}</a>.</p>
<button type="submit">${m.form.submit}</button>
</form>`;
  return page({ language: args.language, title: m.form.heading, body, switchTo: { href: portalHref('/new', args.language === 'zh' ? 'en' : 'zh') } });
}
