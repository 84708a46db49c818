/**
 * The PDFs' passes that hold a whole document in pdf-lib (the contents list's page numbers,
 * the finishing) take turns, one document at a time in the whole process. They run on this
 * process's one thread either way, so taking turns costs no time; but a long article's PDF
 * parsed by pdf-lib takes about a hundred megabytes of heap, and two of them at once were
 * most of a build's peak memory.
 */
let tail: Promise<unknown> = Promise.resolve();

export function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = tail.then(job, job);
  tail = run.catch(() => undefined);
  return run;
}
