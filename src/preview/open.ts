/** Open a URL in the user's browser, best effort: a missing opener is never an error. */
import { spawn } from 'node:child_process';

export function openInBrowser(url: string, platform = process.platform): void {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this system: the URL is printed, which is enough.
  }
}
