/** SOURCE_DATE_EPOCH (reproducible-builds.org): when set, the date of every edition. */
import { UserError } from './errors.js';

export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new UserError(`SOURCE_DATE_EPOCH is not a number of seconds: "${raw}"`, {
      hint: 'set it to a Unix timestamp, for example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)',
      exitCode: 2,
    });
  }
  return Number(raw);
}
