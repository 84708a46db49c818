/**
 * Waiting on the browser with a limit: every browser operation is given --timeout, and a
 * timeout, whoever raised it (build-article or puppeteer), is recognised as one.
 */

/** A browser operation that took longer than it was given. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** `work`, or a TimeoutError once `ms` have passed. */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `error` is a timeout, ours or puppeteer's. */
export function isTimeout(error: unknown): boolean {
  return (
    (error as Error)?.name === 'TimeoutError' ||
    /timed out/i.test(String((error as Error)?.message))
  );
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
