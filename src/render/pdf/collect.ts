/**
 * The finishing passes read each page's content into a string, split it into operators (tens
 * of thousands of small objects on a page of a long article), write it out as another string
 * and hand that to zlib as a buffer. Much of it outlives a scavenge and then waits for a full
 * collection, which V8's heuristics put off while the heap grows: on the ×50 benchmark
 * article (two PDFs of 157 pages, 19 MB of page content) a build peaked at 316–386 MB. The
 * passes ask for a full collection every 4 MB of content read instead: 293–320 MB, for
 * about a tenth of a second more; every 2 MB held it at 300–302 MB but cost 0.4 s. The
 * shipped essay's PDFs (well under 4 MB of content) never reach the threshold.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const EVERY = 4 * 1024 * 1024;
let read = 0;
let collect: (() => void) | undefined;

/** Counts `bytes` of page content read; once past EVERY since the last time, collects. */
export function contentRead(bytes: number): void {
  read += bytes;
  if (read < EVERY) return;
  read = 0;
  if (!collect) {
    // --expose-gc holds for contexts made while it is set: a new one hands over its gc().
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  collect();
}
