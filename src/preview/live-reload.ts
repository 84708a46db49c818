/**
 * Live reload over server-sent events. The server pushes one version map (view -> version)
 * to the browser; a page whose view's version is no longer the one it shows brings itself
 * up to date: a reading view asks for what changed since its version and swaps it in (the
 * nodes that changed, patch.ts, or else the whole new page, compared node by node; no
 * navigation, so the scroll position stays); the print view takes its new page the same
 * way, and its <object> loads the new PDF. Tabs share one event
 * stream (a Web Lock elects the tab that listens; a BroadcastChannel passes the map on),
 * so many open tabs never use up the browser's six connections to one host.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patch } from './patch.js';
import type { Versions } from './site.js';

export const EVENTS_PATH = '/__preview/events';
export const VERSIONS_PATH = '/__preview/versions';
export const SCRIPT_ID = 'build-article-preview';
/** The query parameter of a reading view asking what changed since the version it shows. */
export const SINCE_PARAMETER = 'since';
/** The response header that names the version of the page it carries. */
export const VERSION_HEADER = 'x-preview-version';

export class ReloadHub {
  private readonly listeners = new Set<ServerResponse>();
  private last = '';

  constructor(private readonly versions: () => Versions) {}

  /** Holds the response open and sends the map now and after every change. */
  listen(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(`retry: 500\n\n${frame(JSON.stringify(this.versions()))}`);
    this.listeners.add(response);
    request.on('close', () => this.listeners.delete(response));
  }

  /** Sends the map to every listener, if it changed since it was last sent. */
  publish(): void {
    const data = JSON.stringify(this.versions());
    if (data === this.last) return;
    this.last = data;
    for (const response of this.listeners) response.write(frame(data));
  }

  close(): void {
    for (const response of this.listeners) response.end();
    this.listeners.clear();
  }
}

function frame(data: string): string {
  return `event: versions\ndata: ${data}\n\n`;
}

/** The page script, for a page showing `view` at `version`. */
export function reloadScript(view: string, version: string): string {
  const args = JSON.stringify({
    id: SCRIPT_ID,
    since: SINCE_PARAMETER,
    view,
    version,
    events: EVENTS_PATH,
    versions: VERSIONS_PATH,
    header: VERSION_HEADER,
  })
    // Never let a value end the script element early.
    .replace(/</g, '\\u003c');
  return `<script id="${SCRIPT_ID}">(${CLIENT.toString()})(${args}, ${MORPH.toString()}, ${APPLY_PATCH.toString()});</script>`;
}

interface ClientArgs {
  id: string;
  /** The query parameter that names the version a page shows, asking for a patch. */
  since: string;
  view: string;
  version: string;
  events: string;
  versions: string;
  header: string;
}

type VersionMap = Record<string, string | null>;

// Runs in the browser: plain ES2020, serialised with toString(), so it uses nothing from
// outside its own body. A reading view swaps the new document in place (no navigation:
// the scroll position, fonts and images stay); so does the print view, whose <object> then
// loads the new PDF.
function CLIENT(
  args: ClientArgs,
  morph: (old: Node, next: Node) => void,
  applyPatch: (patch: Patch) => boolean,
): void {
  let version = args.version;
  document.getElementById(args.id)?.remove();
  const key = `build-article-preview:scroll:${location.pathname}`;
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(saved) as [number, number];
    const restore = () => window.scrollTo(x, y);
    restore();
    addEventListener('load', restore, { once: true });
  }
  const reload = () => {
    sessionStorage.setItem(key, JSON.stringify([scrollX, scrollY]));
    location.reload();
  };
  const whole = async () => {
    const response = await fetch(location.href, { cache: 'no-store' });
    const next = response.headers.get(args.header);
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    doc.getElementById(args.id)?.remove();
    morph(document.documentElement, doc.documentElement);
    if (next) version = next;
  };
  // The server answers with the nodes that changed since the version shown, when it can.
  const update = async () => {
    const url = new URL(location.href);
    url.hash = '';
    url.searchParams.set(args.since, version);
    const response = await fetch(url, { cache: 'no-store' });
    const next = response.headers.get(args.header);
    if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      doc.getElementById(args.id)?.remove();
      morph(document.documentElement, doc.documentElement);
    } else if (!applyPatch(await response.json())) return whole();
    if (next) version = next;
  };
  let latest: VersionMap | null = null;
  let busy = false;
  const check = async (map: VersionMap) => {
    latest = map;
    if (busy) return;
    const wanted = args.view in map ? map[args.view] : map['*'];
    if (wanted == null || wanted === version) return;
    const print = args.view.startsWith('print:');
    busy = true;
    // The print view takes its new page in place too: its <object> then loads the new PDF,
    // with no navigation to wait for first.
    await (print ? whole() : update()).catch(reload);
    busy = false;
    // The server holds the print view's PDF until a reading view shows the save.
    if (!print) {
      void fetch(`${args.versions}?view=${encodeURIComponent(args.view)}&shown`, {
        cache: 'no-store',
      }).catch(() => undefined);
    }
    if (latest !== map) void check(latest);
  };
  const channel = 'BroadcastChannel' in self ? new BroadcastChannel('build-article-preview') : null;
  channel?.addEventListener('message', (event) => void check(event.data));
  const listen = () => {
    const source = new EventSource(args.events);
    source.addEventListener('versions', (event) => {
      const map = JSON.parse((event as MessageEvent<string>).data);
      channel?.postMessage(map);
      void check(map);
    });
  };
  if (channel && navigator.locks) {
    // Held until the tab goes away; then the next tab waiting for it listens instead.
    void navigator.locks.request('build-article-preview', () => {
      listen();
      return new Promise(() => undefined);
    });
  } else {
    listen();
  }
  // Which tab asks: the server keeps a print view's PDF up to date while its tab is open.
  // An id names one stay of the page, so that its `closed` wins over a late request.
  const newId = () => Math.random().toString(36).slice(2);
  let tab = newId();
  const versionsUrl = () => `${args.versions}?view=${encodeURIComponent(args.view)}&tab=${tab}`;
  const catchUp = () =>
    fetch(versionsUrl(), { cache: 'no-store' })
      .then((response) => response.json())
      .then(check, () => undefined);
  if (args.view.startsWith('print:')) {
    addEventListener('pagehide', () => {
      void fetch(`${versionsUrl()}&closed`, { cache: 'no-store', keepalive: true }).catch(
        () => undefined,
      );
    });
    // Back from the history with the page as it was: the tab is open again.
    addEventListener('pageshow', (event) => {
      if (!event.persisted) return;
      tab = newId();
      void catchUp();
    });
  }
  // A change may have landed between serving this page and listening.
  void catchUp();
}

/**
 * Runs in the browser: makes `old` equal to `next`, touching only what differs, so
 * unchanged paragraphs, images and stylesheets (with their fonts) are kept as they are.
 */
function MORPH(old: Node, next: Node): void {
  if (old instanceof Element && next instanceof Element) {
    for (const a of Array.from(old.attributes)) {
      if (!next.hasAttribute(a.name)) old.removeAttribute(a.name);
    }
    for (const a of Array.from(next.attributes)) {
      if (old.getAttribute(a.name) !== a.value) old.setAttribute(a.name, a.value);
    }
  }
  const before = Array.from(old.childNodes);
  const after = Array.from(next.childNodes);
  if (before.length !== after.length) {
    (old as Element).replaceChildren(...after.map((n) => document.importNode(n, true)));
    return;
  }
  after.forEach((n, i) => {
    const o = before[i] as Node;
    if (o.isEqualNode(n)) return;
    // Recursion needs a name the serialised copy also has.
    if (o.nodeName === n.nodeName && o.nodeType === 1 && o.nodeName !== 'STYLE') MORPH(o, n);
    else old.replaceChild(document.importNode(n, true), o);
  });
}

/**
 * Runs in the browser: puts a patch's nodes in place of those it replaces (patch.ts), only
 * if the page has the element and the children the patch expects; false when it has not.
 */
export function APPLY_PATCH(patch: Patch): boolean {
  let element: Element | undefined = document.body;
  for (const index of patch.path) element = element?.children[index];
  if (!element || element.localName !== patch.tag) return false;
  const nodes = element.childNodes;
  if (nodes.length !== patch.before + patch.removed + patch.after) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  const fragment = range.createContextualFragment(patch.html);
  if (fragment.childNodes.length !== patch.added) return false;
  const next = nodes[patch.before + patch.removed] ?? null;
  for (let k = 0; k < patch.removed; k++) element.removeChild(nodes[patch.before] as Node);
  element.insertBefore(fragment, next);
  return true;
}
