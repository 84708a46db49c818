/**
 * The preview's URLs. Everything is served from memory: no path in a URL ever becomes a
 * path on disk.
 *   /                      the languages, with links to each view and download
 *   /<lang>/               the HTML edition as built (also /<lang>/<name>.html)
 *   /<lang>/print          the PDF edition, as the print view
 *   /<lang>/print.pdf      that PDF as printed, untagged and not finished (the same pages)
 *   /<lang>/edition.pdf    the PDF edition, finished; /<lang>/edition.epub the EPUB
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { slugFor } from '../render/model.js';
import {
  EVENTS_PATH,
  type ReloadHub,
  SINCE_PARAMETER,
  VERSION_HEADER,
  VERSIONS_PATH,
} from './live-reload.js';
import type { Output } from './outputs.js';
import {
  indexPage,
  notFoundPage,
  printPage,
  problemsPage,
  type Reload,
  withReload,
} from './pages.js';
import type { Problem } from './problems.js';
import { MISSING, type Site } from './site.js';

export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

interface Reply {
  status: number;
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

const HTML = 'text/html; charset=utf-8';
const EDITION = /^\/([A-Za-z0-9-]+)\/(|[^/]+\.html|print|print\.pdf|edition\.pdf|edition\.epub)$/;

export function createRoutes(site: Site, hub: ReloadHub, name: string): Handler {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    if (url.pathname === EVENTS_PATH) return hub.listen(request, response);
    send(response, await route(site, name, url));
  };
}

async function route(site: Site, name: string, url: URL): Promise<Reply> {
  const path = url.pathname;
  if (path === '/') return index(site, name);
  if (path === VERSIONS_PATH) return versions(site, url.searchParams);
  if (path === '/favicon.ico') return { status: 204, type: 'text/plain', body: '' };
  if (/^\/[A-Za-z0-9-]+$/.test(path)) {
    return { status: 301, type: 'text/plain', body: '', headers: { location: `${path}/` } };
  }
  const match = EDITION.exec(path);
  if (!match) return notFound(`Nothing is served at ${path}.`);
  const [, lang = '', view = ''] = match;
  if (view === '' || view.endsWith('.html')) {
    return reading(site, lang, url.searchParams.get(SINCE_PARAMETER));
  }
  if (view === 'print') return print(site, lang);
  if (view === 'edition.epub') return file(site, lang, 'epub', await site.epub(lang));
  if (view === 'print.pdf') return file(site, lang, 'inline', await site.pdf(lang));
  return file(site, lang, 'pdf', await site.pdf(lang, true));
}

function index(site: Site, name: string): Reply {
  const state = site.state;
  if (!state.ok) return problems(state.problems, { view: 'index', version: state.token });
  const editions = [...state.editions.values()];
  return html(200, indexPage(name, editions, state.warnings, state.token), state.token);
}

/** The reading view; with `since`, only what changed since that version, when it can be. */
function reading(site: Site, lang: string, since: string | null): Reply {
  const view = `html:${lang}`;
  const state = site.state;
  if (!state.ok) return problems(state.problems, { view, version: state.token });
  const edition = state.editions.get(lang);
  if (!edition) return notFound(`The article has no "${lang}" edition.`, view);
  site.served(lang);
  const patch = since === null ? undefined : site.patch(lang, since);
  if (patch) {
    const headers = { [VERSION_HEADER]: edition.token };
    return { status: 200, type: 'application/json', body: JSON.stringify(patch), headers };
  }
  return html(200, withReload(edition.html, view, edition.token), edition.token);
}

async function print(site: Site, lang: string): Promise<Reply> {
  const view = `print:${lang}`;
  const output = await site.pdf(lang);
  const state = site.state;
  if (!state.ok) return problems(state.problems, { view, version: state.token });
  const edition = state.editions.get(lang);
  if (!edition || !output) return notFound(`The article has no "${lang}" edition.`, view);
  if (!output.ok) return problems(output.problems, { view, version: output.token });
  return html(200, printPage(edition, output.token), output.token);
}

function file(
  site: Site,
  lang: string,
  kind: 'inline' | 'pdf' | 'epub',
  output: Output | undefined,
): Reply {
  const state = site.state;
  if (!state.ok) return problems(state.problems, undefined);
  const edition = state.editions.get(lang);
  if (!edition || !output) return notFound(`The article has no "${lang}" edition.`);
  if (!output.ok) return problems(output.problems, undefined);
  const extension = kind === 'epub' ? 'epub' : 'pdf';
  const fileName = `${slugFor(edition.source.meta.title, edition.ctx.article.name)}.${extension}`;
  return {
    status: 200,
    type: kind === 'epub' ? 'application/epub+zip' : 'application/pdf',
    body: output.bytes,
    headers: {
      'content-disposition': `${kind === 'inline' ? 'inline' : 'attachment'}; filename="${fileName}"`,
    },
  };
}

/**
 * The version map. A print view asks for it with its tab's id when it opens (its language's
 * PDF is then kept up to date after each save) and says `closed` when it leaves; a reading
 * view says `shown` once an update is in its page (the PDF waiting for it may start).
 */
function versions(site: Site, params: URLSearchParams): Reply {
  const shown = /^html:(.+)$/.exec(params.get('view') ?? '')?.[1];
  if (shown !== undefined && params.has('shown')) site.shown(shown);
  const printed = /^print:(.+)$/.exec(params.get('view') ?? '')?.[1];
  const tab = params.get('tab');
  if (printed !== undefined && tab) {
    if (params.has('closed')) site.printViewClosed(printed, tab);
    else if (site.edition(printed)) site.printViewOpened(printed, tab);
  }
  return { status: 200, type: 'application/json', body: JSON.stringify(site.versions()) };
}

/** An HTML page; `version` tells the live-reload script which version it now shows. */
function html(status: number, body: string, version?: string): Reply {
  return { status, type: HTML, body, headers: version ? { [VERSION_HEADER]: version } : {} };
}

function problems(list: Problem[], reload: Reload): Reply {
  return html(500, problemsPage(list, reload), reload?.version);
}

/** With a view, the page reloads once the language exists; MISSING is its version till then. */
function notFound(what: string, view?: string): Reply {
  const reload = view === undefined ? undefined : { view, version: MISSING };
  return html(404, notFoundPage(what, reload), reload?.version);
}

function send(response: ServerResponse, reply: Reply): void {
  const bytes = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  response.writeHead(reply.status, {
    'content-type': reply.type,
    'content-length': String(bytes.byteLength),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...reply.headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}
