import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_MS, parseBuildFlags } from '../../src/cli/options.js';
import { formatSize, useColor } from '../../src/cli/reporter.js';
import { UserError } from '../../src/errors.js';

const base = { out: 'dist', paper: 'a4', timeout: '60' };

describe('build options', () => {
  it("a --timeout past Node's timer limit is held to it, not turned into 1 ms", () => {
    expect(parseBuildFlags({ ...base, timeout: '3000000' }).timeoutMs).toBe(MAX_TIMEOUT_MS);
    expect(parseBuildFlags({ ...base, timeout: '2147483' }).timeoutMs).toBe(2_147_483_000);
  });
  it('--lang is read as language tags, as the file names are', () => {
    expect(parseBuildFlags({ ...base, lang: 'EN,pt-br' }).langs).toEqual(['en', 'pt-BR']);
  });
  it('an empty --format or --lang is a usage error, not "everything"', () => {
    expect(() => parseBuildFlags({ ...base, format: '' })).toThrow('--format is empty');
    expect(() => parseBuildFlags({ ...base, format: ' , ' })).toThrow('--format is empty');
    expect(() => parseBuildFlags({ ...base, lang: '' })).toThrow('--lang is empty');
  });
  it('defaults to every format and language, and seconds become milliseconds', () => {
    const flags = parseBuildFlags(base);
    expect(flags.formats).toEqual(['html', 'pdf', 'epub']);
    expect(flags.langs).toBeUndefined();
    expect(flags.timeoutMs).toBe(60_000);
  });
  it('reads comma-separated lists', () => {
    const flags = parseBuildFlags({ ...base, lang: 'it, en', format: 'pdf,html,pdf' });
    expect(flags.langs).toEqual(['it', 'en']);
    expect(flags.formats).toEqual(['pdf', 'html']);
  });
  it('an unknown format or a bad timeout is a usage error (exit 2)', () => {
    for (const raw of [
      { ...base, format: 'docx' },
      { ...base, timeout: 'soon' },
      { ...base, timeout: '0' },
    ]) {
      let caught: unknown;
      try {
        parseBuildFlags(raw);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).exitCode).toBe(2);
    }
  });
});

describe('terminal output', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  it('colours only on a terminal, honouring NO_COLOR and FORCE_COLOR', () => {
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(pipe, {})).toBe(false);
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(tty, { FORCE_COLOR: '0' })).toBe(false);
  });
  it('sizes read in B, KB and MB', () => {
    expect([formatSize(512), formatSize(2048), formatSize(3 * 1024 * 1024)]).toEqual([
      '512 B',
      '2.0 KB',
      '3.00 MB',
    ]);
  });
});
