/**
 * The HTTP server: bound to 127.0.0.1 only, answering only requests addressed to it by
 * name (a web page elsewhere cannot read the preview by rebinding a domain to 127.0.0.1),
 * moving to the next port when the one asked for is busy.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { UserError } from '../errors.js';
import type { Handler } from './routes.js';

export const HOST = '127.0.0.1';
/** How many ports after a busy one are tried. */
const TRIES = 10;

export interface Listening {
  server: Server;
  port: number;
}

export async function serve(
  handler: Handler,
  port: number,
  onBug: (error: unknown) => void,
): Promise<Listening> {
  let bound = 0;
  const server = createServer((request, response) => {
    const host = request.headers.host ?? '';
    if (host !== `${HOST}:${bound}` && host !== `localhost:${bound}`) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`build-article preview answers only to http://${HOST}:${bound}/\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    if (isCrossSite(request)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('build-article preview does not answer requests made by other sites\n');
      return;
    }
    handler(request, response).catch((error: unknown) => {
      onBug(error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('build-article preview crashed on this request; the terminal shows why\n');
    });
  });
  bound = await listenFrom(server, port);
  return { server, port: bound };
}

async function listenFrom(server: Server, first: number): Promise<number> {
  for (let port = first; ; port++) {
    try {
      return await listen(server, port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const last = first === 0 || port >= first + TRIES - 1 || port >= 65535;
      if (code !== 'EADDRINUSE' || last) throw listenError(error, first, port);
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function listenError(error: unknown, first: number, port: number): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new UserError(`ports ${first} to ${port} on ${HOST} are all in use`, {
      hint: 'stop the other server, or pass --port 0 to let the system choose a free port',
      exitCode: 1,
      cause: error,
    });
  }
  if (code === 'EACCES') {
    return new UserError(`this user may not listen on port ${port}`, {
      hint: 'choose a port above 1023, such as --port 4173',
      exitCode: 2,
      cause: error,
    });
  }
  return new UserError(`cannot listen on ${HOST}:${port}: ${(error as Error).message}`, {
    hint: 'choose another port with --port, or --port 0 for any free port',
    cause: error,
  });
}

/**
 * A request another site's page made in the background (an <img>, a fetch, an iframe aimed
 * at /en/print.pdf would make the preview print PDFs). Browsers say so in Sec-Fetch-Site;
 * only a navigation to a reading page (a link followed) is let in from elsewhere. A request
 * without the header (curl, a script) is the user's own.
 */
export function isCrossSite(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return false;
  const pathname = new URL(request.url ?? '/', 'http://preview.invalid').pathname;
  return !(
    request.headers['sec-fetch-mode'] === 'navigate' &&
    request.headers['sec-fetch-dest'] === 'document' &&
    READING_PAGE.test(pathname)
  );
}

/**
 * The pages a link from another site may open: the index and the reading views show what
 * is built. The print view and the edition files are not among them: opening them prints
 * a PDF (the print view asks for it from the preview's own origin), which is work another
 * site may not start.
 */
const READING_PAGE = /^\/(?:[A-Za-z0-9-]+(?:\/(?:[^/]+\.html)?)?)?$/;
