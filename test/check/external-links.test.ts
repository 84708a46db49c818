/**
 * `check --check-links` against a web server started here on 127.0.0.1 (no internet is
 * needed): which answers count as broken, HEAD then GET, the time limit, how many requests
 * at once, and that neither a plain check nor a build asks anything.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkExternalLinks } from '../../src/check/external-links.js';
import { build, cli, front, GOOD, makeArticle } from '../bad-input/helpers.js';
import { edition, FRONT } from './helpers.js';

let server: http.Server;
let base: string;
const seen: string[] = [];
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = req.url ?? '/';
    if (url.startsWith('/page/')) {
      // Counted until it answers: the client may ask again before the socket closes.
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200).end('fine');
      }, 30);
    } else if (url === '/ok') {
      res.writeHead(200).end('fine');
    } else if (url === '/no-head') {
      res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    } else if (url === '/moved') {
      res.writeHead(301, { location: '/ok' }).end();
    } else if (url === '/moved-away') {
      res.writeHead(302, { location: '/gone' }).end();
    } else if (url === '/slow') {
      // Never answers: the time limit ends the request.
    } else if (url === '/error') {
      res.writeHead(500).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  mostInFlight = 0;
});

/** A port nothing listens on: a server that was just closed. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('checkExternalLinks', () => {
  it('a finding per place that links to a URL that does not answer; working ones pass', async () => {
    const dead = await closedPort();
    const en = edition(
      'en',
      [
        `${FRONT('One')}[a](${base}/ok) [b](${base}/gone) [c](${base}/no-head)`,
        '',
        `[d](${base}/moved) [e](${base}/moved-away) [f](${base}/error#part)`,
        '',
        `[g](${base}/slow) [h](http://127.0.0.1:${dead}/x) [i](#local) [j](mailto:a@b.example)`,
        '',
        `Again [b](${base}/gone).`,
      ].join('\n'),
    );
    const findings = await checkExternalLinks([en], { timeoutMs: 500 });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`)).toEqual([
      `6:${'[a](/ok) [b]('.length + base.length + 1} link-broken link to "${base}/gone" answers 404 Not Found`,
      `8:${'[d](/moved) [e]('.length + base.length + 1} link-broken link to "${base}/moved-away" answers 404 Not Found`,
      `8:${'[d](/moved) [e](/moved-away) [f]('.length + 2 * base.length + 1} link-broken link to "${base}/error" answers 500 Internal Server Error`,
      `10:5 link-broken link to "${base}/slow" did not answer within 0.5 s`,
      `10:${'[g](/slow) [h]('.length + base.length + 1} link-broken link to "http://127.0.0.1:${dead}/x" cannot be reached (ECONNREFUSED)`,
      `12:11 link-broken link to "${base}/gone" answers 404 Not Found`,
    ]);
    expect(findings.every((f) => f.severity === 'error' && f.file === 'en.md')).toBe(true);
    // Each URL asked once, the fragment left out; GET only after a failed HEAD that got an answer.
    expect(seen.filter((r) => r === 'HEAD /gone')).toHaveLength(2);
    expect(seen).toContain('GET /no-head');
    expect(seen).not.toContain('GET /ok');
    expect(seen).not.toContain('GET /slow');
    expect(seen.filter((r) => r === 'HEAD /error')).toHaveLength(1);
  });

  it('asks at most `concurrency` URLs at once', async () => {
    const links = Array.from({ length: 12 }, (_, i) => `[p${i}](${base}/page/${i})`).join(' ');
    const en = edition('en', `${FRONT('One')}${links}\n`);
    expect(await checkExternalLinks([en], { concurrency: 3 })).toEqual([]);
    expect(seen).toHaveLength(12);
    expect(mostInFlight).toBe(3);
  });
});

describe('check --check-links', () => {
  const withLinks = (url: string) => ({
    ...GOOD,
    'en.md': `${front('Trams')}\nSee [the timetable](${url}/gone) and [the map](${url}/ok).\n\n![A tram on the old bridge](images/tram.png)\n`,
  });

  it('reports a broken link in check and check --json, at its place', async () => {
    const cwd = await makeArticle(withLinks(base));
    const run = await cli(cwd, ['check', 'article', '--check-links', '--json']);
    expect(run.code).toBe(1);
    const { findings } = JSON.parse(run.stdout) as { findings: { rule: string }[] };
    expect(findings).toEqual([
      {
        severity: 'error',
        rule: 'link-broken',
        message: `link to "${base}/gone" answers 404 Not Found`,
        hint: expect.stringContaining('correct the address'),
        file: 'article/en.md',
        line: 7,
        column: 21,
      },
    ]);
    const text = await cli(cwd, ['check', 'article', '--check-links']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(
      `article/en.md:7:21: error link to "${base}/gone" answers 404 Not Found [link-broken]`,
    );
  });

  it('a plain check and a build ask nothing of the network', async () => {
    const cwd = await makeArticle(withLinks(base));
    const run = await cli(cwd, ['check', 'article']);
    expect(run.code, run.stderr).toBe(0);
    const built = await build(cwd);
    expect(built.code, built.stderr).toBe(0);
    expect(seen).toEqual([]);
  });
});
