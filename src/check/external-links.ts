/**
 * `check --check-links`: whether the article's web links still answer. The one check that
 * goes to the network, so it runs only when asked: never in a build or a plain check,
 * whose result must not depend on other people's servers. Each URL is asked once (HEAD,
 * then GET for servers that refuse HEAD), a few at a time, each within a time limit; every
 * place that links to a URL that does not answer is a finding.
 */
import { shorten } from '../article/input-error.js';
import type { EditionSource } from '../article/load.js';
import { VERSION } from '../version.js';
import { byPlace, type Finding, finding } from './findings.js';

export interface LinkCheckOptions {
  /** How long one request may take, in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** How many URLs are asked at once (default 8). */
  concurrency?: number;
}

/** Why a URL is broken, or undefined when it answers. */
type Outcome = string | undefined;

export async function checkExternalLinks(
  editions: EditionSource[],
  options: LinkCheckOptions = {},
): Promise<Finding[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const places = new Map<string, { edition: EditionSource; line: number; column: number }[]>();
  for (const edition of editions) {
    for (const link of edition.doc.links) {
      if (!/^https?:\/\//i.test(link.href)) continue;
      // The fragment is the page's business, not the server's: one request per page.
      const url = link.href.replace(/#.*$/, '');
      places.set(url, [...(places.get(url) ?? []), { edition, ...link }]);
    }
  }
  const urls = [...places.keys()];
  const outcomes = await mapLimited(urls, options.concurrency ?? 8, (url) => probe(url, timeoutMs));
  const findings = urls.flatMap((url, i) => {
    const why = outcomes[i];
    if (why === undefined) return [];
    return (places.get(url) ?? []).map(({ edition, line, column }) =>
      finding(
        'link-broken',
        { file: edition.file, line, column },
        `link to "${shorten(url, 80)}" ${why}`,
        "correct the address, or link to an archived copy (such as the Wayback Machine's); a server that was only down for a while answers the next time",
      ),
    );
  });
  return findings.sort(byPlace);
}

/** The other checks' findings with the broken links', in reading order. */
export async function withExternalLinks(
  findings: Finding[],
  editions: EditionSource[],
  options: LinkCheckOptions = {},
): Promise<Finding[]> {
  return [...findings, ...(await checkExternalLinks(editions, options))].sort(byPlace);
}

/**
 * HEAD, then GET when HEAD fails (many servers answer HEAD with 403, 404 or 405), unless
 * HEAD found no server or had no answer in time: then GET would only wait as long again.
 */
async function probe(url: string, timeoutMs: number): Promise<Outcome> {
  const head = await request(url, 'HEAD', timeoutMs);
  if (head === undefined || head.unreachable) return head?.why;
  return (await request(url, 'GET', timeoutMs))?.why;
}

async function request(
  url: string,
  method: 'HEAD' | 'GET',
  timeoutMs: number,
): Promise<{ why: string; unreachable?: boolean } | undefined> {
  try {
    const response = await fetch(url, {
      method,
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': `build-article/${VERSION} (link check)`, accept: '*/*' },
    });
    // Only the status is wanted: the body is never read.
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 400) return undefined;
    const text = response.statusText ? ` ${response.statusText}` : '';
    return { why: `answers ${response.status}${text}` };
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { why: `did not answer within ${timeoutMs / 1000} s`, unreachable: true };
    }
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'network error';
    // A refused connection or an unknown host: no server to ask again.
    const unreachable = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(
      detail,
    );
    return { why: `cannot be reached (${detail})`, unreachable };
  }
}

/** `fn` over `items`, at most `limit` at a time, results in the items' order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
