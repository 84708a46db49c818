/**
 * Hostile and huge inputs parse in linear time. A wall-clock bound per input would let a
 * quadratic step pass on a fast machine (or fail a linear one on a busy one), so the time
 * for an input of size n is compared with the time for 4n: about 4 times as long when
 * linear, 16 when quadratic. Both are CPU time (helpers/cpu-time.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/article/edition-file.js';
import { cpuMs } from '../helpers/cpu-time.js';

/**
 * CPU milliseconds for n and 4n, each the least of three runs taken in turn (a collection
 * may land in any one run); the first, discarded run warms the parser up.
 */
function timesFor(make: (n: number) => string, n: number): [number, number] {
  const parse = (text: string) => () => void parseBody(text, 'en', 5, 'en.md');
  parse(make(n))();
  const small = parse(make(n));
  const large = parse(make(4 * n));
  const times = { small: [] as number[], large: [] as number[] };
  for (let i = 0; i < 3; i++) {
    times.small.push(cpuMs(small));
    times.large.push(cpuMs(large));
  }
  return [Math.min(...times.small), Math.min(...times.large)];
}

const footnotes = (n: number) =>
  `${Array.from({ length: n }, (_, i) => `Paragraph ${i}.[^${i}]`).join('\n\n')}\n\n${Array.from(
    { length: n },
    (_, i) => `[^${i}]: Note ${i}.`,
  ).join('\n')}\n`;

const HOSTILE: [string, (n: number) => string, number][] = [
  ['footnotes', footnotes, 2_000],
  ['inline spans', (n) => '<span>x</span> '.repeat(n), 2_000],
  ['open brackets', (n) => '['.repeat(n), 20_000],
  ['open spans', (n) => '<span>'.repeat(n), 2_000],
  ['emphasis', (n) => '*a '.repeat(n), 10_000],
  ['image openers', (n) => '![x'.repeat(n), 5_000],
  ['comment openers', (n) => '<!--'.repeat(n), 100_000],
  ['links', (n) => '[a](#x) [b](https://example.com/%C3%BC) '.repeat(n), 2_000],
  ['reference links', (n) => `${'[a][r] '.repeat(n)}\n\n[r]: #x\n`, 5_000],
];

describe('linear time', () => {
  it.each(HOSTILE)('%s: 4 times the input takes less than 10 times as long', (_name, make, n) => {
    const [small, large] = timesFor(make, n);
    // 10x and not 4x: garbage collection and caches; a quadratic step gives 16x.
    expect(large, `${small.toFixed(1)} ms for n, ${large.toFixed(1)} ms for 4n`).toBeLessThan(
      10 * small + 20,
    );
  });

  it('quotes nested 5,000 deep stop at once with an error, not after a deep parse', () => {
    const started = performance.now();
    expect(() => parseBody('> '.repeat(5_000), 'en', 5, 'en.md')).toThrow(/nested more than/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
