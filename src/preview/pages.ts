/**
 * The preview's own pages (the index, the print view, the problems page) and the one
 * change made to an edition when it is served: the live-reload script before </body>.
 */
import { endonym } from '../article/language.js';
import { reloadScript } from './live-reload.js';
import type { Edition } from './outputs.js';
import type { Problem } from './problems.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:46rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.5rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd}
.problem{background:#fff;border-left:4px solid #c62828;padding:.6rem 1rem;margin:1rem 0}
.problem.warning{border-left-color:#b26a00}.where{font:600 .95rem ui-monospace,monospace}
.hint{color:#444;margin:.3rem 0 0}.note{color:#555}
.bar{display:flex;gap:1rem;align-items:center;padding:.4rem 1rem;border-bottom:1px solid #ddd;background:#fff}
.print{position:fixed;inset:0;display:flex;flex-direction:column}.print object{flex:1;border:0;width:100%}`;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The edition exactly as built, plus the reload script. */
export function withReload(html: string, view: string, version: string): string {
  const script = reloadScript(view, version);
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? `${html}${script}` : `${html.slice(0, at)}${script}\n${html.slice(at)}`;
}

/** Which view a page shows and at which version; pages without one never reload. */
export type Reload = { view: string; version: string } | undefined;

function page(title: string, body: string, reload: Reload, extra = ''): string {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body${extra}>
${body}
</body>
</html>`;
  return reload ? withReload(html, reload.view, reload.version) : html;
}

export function indexPage(
  name: string,
  editions: Edition[],
  warnings: Problem[],
  version: string,
): string {
  const rows = editions.map((e) => {
    const lang = escapeHtml(e.lang);
    return `<tr><td lang="${lang}">${escapeHtml(endonym(e.lang))} (${lang})</td>
<td lang="${lang}"><a href="/${lang}/">${escapeHtml(e.source.meta.title)}</a></td>
<td><a href="/${lang}/print">print view</a></td>
<td><a href="/${lang}/edition.pdf" download>PDF</a> · <a href="/${lang}/edition.epub" download>EPUB</a></td></tr>`;
  });
  const body = `<main>
<h1>Preview of ${escapeHtml(name)}</h1>
<table>
<thead><tr><th>Language</th><th>Reading view</th><th>Print view</th><th>Download</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="note">The views reload themselves when you save. The PDF and EPUB are built when you download them.</p>
${warnings.length > 0 ? `<h2>Warnings</h2>\n${problemList(warnings)}` : ''}
</main>`;
  return page(`Preview: ${name}`, body, { view: 'index', version });
}

export function problemsPage(problems: Problem[], reload: Reload): string {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  const body = `<main role="alert">
<h1>The article has ${count}</h1>
${problemList(problems)}
<p class="note">This page comes back by itself when you save a fix. <a href="/">All languages</a></p>
</main>`;
  return page('Preview: the article has problems', body, reload, ' class="preview-problems"');
}

function problemList(problems: Problem[]): string {
  return problems
    .map(
      (p) => `<section class="problem ${p.severity}">
<p>${p.where ? `<span class="where">${escapeHtml(p.where)}</span>: ` : ''}${escapeHtml(p.message)}</p>
<p class="hint">hint: ${escapeHtml(p.hint)}</p>
</section>`,
    )
    .join('\n');
}

export function printPage(edition: Edition, version: string): string {
  const lang = escapeHtml(edition.lang);
  const pdf = `/${lang}/print.pdf?v=${encodeURIComponent(version)}`;
  const body = `<div class="print" data-version="${escapeHtml(version)}">
<p class="bar"><strong>Print view</strong> <span lang="${lang}">${escapeHtml(edition.source.meta.title)}</span>
<a href="/${lang}/">reading view</a> <a href="/${lang}/edition.pdf" download>download the PDF</a> <a href="/">all languages</a></p>
<object data="${pdf}" type="application/pdf" title="The PDF edition">
<p>This browser cannot show a PDF inside a page: <a href="${pdf}">open the PDF</a>.</p>
</object>
</div>`;
  return page(`Print view: ${edition.source.meta.title}`, body, {
    view: `print:${edition.lang}`,
    version,
  });
}

export function notFoundPage(what: string, reload: Reload): string {
  const body = `<main><h1>Not found</h1><p>${escapeHtml(what)}</p><p><a href="/">All languages</a></p></main>`;
  return page('Preview: not found', body, reload);
}
