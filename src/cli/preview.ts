/** `build-article preview`: adapts argv to the preview server. */
import { EXIT } from '../errors.js';
import { createReporter } from './reporter.js';

export async function previewCommand(_dir: string, _raw: Record<string, unknown>): Promise<number> {
  createReporter().error(
    new (await import('../errors.js')).UserError('preview is not available in this build yet', {
      hint: 'build the editions with "build-article" and open the HTML edition',
    }),
  );
  return EXIT.failure;
}
