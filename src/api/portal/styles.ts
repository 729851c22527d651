/** The portal's one stylesheet, served from /petition/portal.css (no inline styles, so the CSP can forbid them). */
export const portalCss = `
:root { --ink: #1b1b1b; --muted: #555; --line: #c9ced6; --accent: #0b4f8a; --accent-ink: #fff; --bad: #a4161a; --good: #1e6b35; --paper: #fff; --tint: #f3f5f8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 1.0625rem; line-height: 1.65; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f0b400; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; z-index: 1; }
header.site { background: var(--accent); color: var(--accent-ink); }
header.site .bar { max-width: 44rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; justify-content: space-between; }
header.site a { color: var(--accent-ink); }
header.site .name { font-weight: 700; font-size: 1.125rem; text-decoration: none; }
nav.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 1rem 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
p.lead { font-size: 1.125rem; }
.hint { display: block; color: var(--muted); font-size: .95rem; margin: .1rem 0 .35rem; }
.field { margin: 1.1rem 0; }
label, legend { font-weight: 600; display: block; }
.tag { font-weight: 400; color: var(--muted); font-size: .9rem; }
input[type=text], input[type=number], select, textarea { width: 100%; font: inherit; padding: .55rem .6rem; border: 2px solid #6b7280; border-radius: 4px; background: var(--paper); color: var(--ink); }
textarea { min-height: 9rem; resize: vertical; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1.25rem 0; padding: .5rem 1rem 1rem; }
.choice { display: flex; gap: .5rem; align-items: flex-start; margin: .35rem 0; font-weight: 400; }
.choice input { margin-top: .4rem; width: 1.1rem; height: 1.1rem; flex: none; }
.pair { display: grid; grid-template-columns: 1fr; gap: 0 1rem; }
@media (min-width: 36rem) { .pair { grid-template-columns: 1fr 1fr; } }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .6rem 1.4rem; border: 0; border-radius: 4px; background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
button.link { background: none; color: var(--accent); padding: 0; font-weight: 400; text-decoration: underline; }
header.site button.link { color: var(--accent-ink); }
.errors { border: 3px solid var(--bad); padding: .75rem 1rem; margin: 1rem 0; border-radius: 4px; }
.errors h2 { margin-top: 0; color: var(--bad); font-size: 1.1rem; }
.error-text { color: var(--bad); font-weight: 600; display: block; }
.invalid input, .invalid textarea, .invalid select { border-color: var(--bad); }
.notice { border-left: 6px solid var(--good); background: var(--tint); padding: .75rem 1rem; margin: 1rem 0; }
.notice.bad { border-left-color: var(--bad); }
.hp { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.cards { list-style: none; padding: 0; display: grid; gap: .75rem; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
.cards a { font-weight: 700; font-size: 1.125rem; }
dl.facts { display: grid; grid-template-columns: 1fr; gap: .1rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0 0 .5rem; }
@media (min-width: 36rem) { dl.facts { grid-template-columns: 12rem 1fr; } dl.facts dd { margin: 0; } }
.code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 1.3rem; letter-spacing: .04em; font-weight: 700; overflow-wrap: break-word; }
.receipt { border: 2px dashed var(--ink); border-radius: 6px; padding: 1rem; margin: 1rem 0; }
.stage { background: var(--tint); border-radius: 6px; padding: .75rem 1rem; }
.stage strong { font-size: 1.2rem; display: block; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-wrap { overflow-x: auto; }
@media (max-width: 36rem) {
  table.stack thead { position: absolute; left: -10000px; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack th, table.stack td { display: block; border: 0; padding: .1rem 0; }
  table.stack td::before { content: attr(data-label) ": "; color: var(--muted); }
}
details.more { margin: .5rem 0; }
details.more summary { cursor: pointer; color: var(--accent); font-weight: 600; margin: .5rem 0; }
.met { color: var(--good); font-weight: 600; }
.missed, .overdue { color: var(--bad); font-weight: 600; }
article.answer, article.notice { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: .75rem 0; white-space: pre-wrap; }
article.answer h3, article.notice h3 { margin: .25rem 0; font-size: 1rem; white-space: normal; }
footer.site { max-width: 44rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .9rem; border-top: 1px solid var(--line); }
@media print {
  header.site, nav.site, footer.site, .no-print, form { display: none !important; }
  body { font-size: 12pt; }
  .receipt { border-style: solid; }
  a { color: var(--ink); text-decoration: none; }
}
`;
