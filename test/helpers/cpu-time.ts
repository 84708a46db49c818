/**
 * How long a piece of work takes, for the tests that compare the work an input of size n
 * and one of 4n or 8n cost. The CPU time this process spent, not the wall clock: on a busy
 * machine the clock also counts the time the system gave other processes, and a longer run is
 * interrupted more often than a short one, which once made a linear pass look quadratic.
 */

/** Milliseconds of CPU time (user and system) the process spent running `work`. */
export function cpuMs(work: () => void): number {
  const elapsed = cpuClock();
  work();
  return elapsed();
}

/** A clock started now: each call gives the CPU milliseconds the process has spent since. */
export function cpuClock(): () => number {
  const before = process.cpuUsage();
  return () => {
    const { user, system } = process.cpuUsage(before);
    return (user + system) / 1000;
  };
}
