/**
 * The field's validators, run on the built editions: EPUBCheck (Java, and its TypeScript
 * port), Ace by DAISY and the Nu HTML Checker. Each returns the validator's own summary
 * and its findings as readable lines, so a failing test shows what the validator said.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './editions.js';

export interface Verdict {
  /** The validator's own summary, e.g. "Messages: 0 fatals / 0 errors / 0 warnings". */
  summary: string;
  /** One line per finding, as the validator words it; empty when the edition passes. */
  findings: string[];
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How many heavy processes (JVMs, Chromium) to run at once: the machine's cores, at most 2. */
export const PARALLEL = Math.max(1, Math.min(2, os.availableParallelism()));

/**
 * Java's optimising compiler costs more than it saves in a run of a few seconds; the
 * quick compiler alone halves EPUBCheck's CPU time.
 */
const JAVA = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
const VNU_JAR = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const ACE_BATCH = path.join(ROOT, 'test/helpers/ace-batch.cjs');
const EPUBCHECK_JAR = '/usr/bin/epubcheck';
const EPUBCHECK_BATCH = path.join(ROOT, 'test/helpers/epubcheck-batch.java');
export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

/** Runs a program to its end whatever its exit code. */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        if (error && typeof error.code === 'string') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/** fn over items, at most `limit` at a time, results in the items' order. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface EpubcheckReport {
  messages: {
    ID: string;
    severity: string;
    message: string;
    locations: { path: string; line: number; column: number }[];
  }[];
  checker: { checkerVersion: string; nFatal: number; nError: number; nWarning: number };
}

/**
 * Debian's EPUBCheck 4.2.6 over several EPUBs in one JVM (epubcheck-batch.java); fatals,
 * errors and warnings are findings (infos and usages not).
 */
export async function epubchecks(files: readonly string[]): Promise<Map<string, Verdict>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'epubcheck-'));
  try {
    const reports = files.map((_, i) => path.join(dir, `${i}.json`));
    const pairs = files.flatMap((file, i) => [file, reports[i] as string]);
    const ran = await run('java', [...JAVA, '-cp', EPUBCHECK_JAR, EPUBCHECK_BATCH, ...pairs]);
    const verdicts = new Map<string, Verdict>();
    for (const [i, file] of files.entries()) {
      let report: EpubcheckReport;
      try {
        report = JSON.parse(await readFile(reports[i] as string, 'utf8')) as EpubcheckReport;
      } catch {
        throw new Error(`EPUBCheck gave no report on ${file} (exit ${ran.code}):\n${ran.stderr}`);
      }
      verdicts.set(file, epubcheckVerdict(report));
    }
    return verdicts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** EPUBCheck on one EPUB. */
export async function epubcheck(file: string): Promise<Verdict> {
  return (await epubchecks([file])).get(file) as Verdict;
}

function epubcheckVerdict(report: EpubcheckReport): Verdict {
  const { checker } = report;
  return {
    summary: `EPUBCheck ${checker.checkerVersion}: Messages: ${checker.nFatal} fatals / ${checker.nError} errors / ${checker.nWarning} warnings`,
    findings: report.messages
      .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
      .map((m) => {
        const at = m.locations[0];
        const where = at ? ` ${at.path}(${at.line},${at.column})` : '';
        return `${m.severity}(${m.ID}):${where}: ${m.message}`;
      }),
  };
}

/** @likecoin/epubcheck-ts, the port that tracks EPUBCheck 5, in process. */
export async function epubcheckTs(file: string): Promise<Verdict> {
  const { EpubCheck } = await import('@likecoin/epubcheck-ts');
  const result = await EpubCheck.validate(await readFile(file));
  return {
    summary: `epubcheck-ts: ${result.fatalCount} fatals / ${result.errorCount} errors / ${result.warningCount} warnings`,
    findings: result.messages
      .filter((m) => ['fatal', 'error', 'warning'].includes(String(m.severity).toLowerCase()))
      .map((m) => {
        const at = m.location ? ` ${m.location.path}(${m.location.line ?? '?'})` : '';
        return `${String(m.severity).toUpperCase()}(${m.id}):${at}: ${m.message}`;
      }),
  };
}

interface AceAssertion {
  'earl:test': { 'dct:title': string; 'earl:impact': string; help?: { 'dct:title'?: string } };
  'earl:result': { 'earl:outcome': string; 'dct:description'?: string; html?: string };
}

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: {
    'earl:testSubject': { url: string };
    'earl:result': { 'earl:outcome': string };
    assertions?: AceAssertion[];
  }[];
}

/**
 * Ace by DAISY with the system's Chromium, over several EPUBs in one process and one browser
 * (ace-batch.cjs runs the CLI's ace-core and axe runner). It needs no network: its rules
 * (axe-core and its own EPUB checks) ship with it. Every violation, whatever its impact, is
 * a finding.
 */
export async function aces(
  files: readonly string[],
): Promise<Map<string, Verdict & { outcome: string }>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ace-'));
  try {
    const results = path.join(dir, 'reports.json');
    const ran = await run(process.execPath, [ACE_BATCH, results, path.join(dir, 'tmp'), ...files], {
      PUPPETEER_EXECUTABLE_PATH: CHROMIUM,
    });
    let reports: Record<string, AceReport | { error: string }>;
    try {
      reports = JSON.parse(await readFile(results, 'utf8'));
    } catch {
      throw new Error(`Ace wrote no report (exit ${ran.code}):\n${ran.stderr}${ran.stdout}`);
    }
    const verdicts = new Map<string, Verdict & { outcome: string }>();
    for (const file of files) {
      const report = reports[file];
      if (!report || 'error' in report) {
        throw new Error(`Ace failed on ${file}:\n${report?.error ?? 'no report'}\n${ran.stderr}`);
      }
      verdicts.set(file, aceVerdict(report));
    }
    return verdicts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ace on one EPUB. */
export async function ace(file: string): Promise<Verdict & { outcome: string }> {
  return (await aces([file])).get(file) as Verdict & { outcome: string };
}

function aceVerdict(report: AceReport): Verdict & { outcome: string } {
  const findings = report.assertions.flatMap((doc) =>
    (doc.assertions ?? [])
      .filter((a) => a['earl:result']['earl:outcome'] !== 'pass')
      .map(
        (a) =>
          `${a['earl:test']['earl:impact']} ${a['earl:test']['dct:title']} in ${doc['earl:testSubject'].url}: ${a['earl:result']['dct:description'] ?? ''} ${a['earl:result'].html ?? ''}`,
      ),
  );
  const outcome = report['earl:result']['earl:outcome'];
  return { outcome, summary: `Ace: outcome ${outcome}, ${findings.length} violations`, findings };
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

/** The Nu HTML Checker over several files in one JVM; errors and warnings are findings. */
export async function vnu(files: string[]): Promise<Map<string, Verdict>> {
  // The checker's schema evaluation recurses deeply: it asks for 512k of stack, more without the optimising compiler.
  const ran = await run('java', [...JAVA, '-Xss4m', '-jar', VNU_JAR, '--format', 'json', ...files]);
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(ran.stderr) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(
      `the Nu HTML Checker gave no report (exit ${ran.code}):\n${ran.stderr}${ran.stdout}`,
    );
  }
  const verdicts = new Map<string, Verdict>();
  for (const file of files) {
    const own = messages.filter((m) => m.url && decodeURIComponent(m.url).endsWith(file));
    const errors = own.filter((m) => m.type !== 'info');
    const warnings = own.filter((m) => m.type === 'info' && m.subType === 'warning');
    verdicts.set(file, {
      summary: `Nu HTML Checker: ${errors.length} errors, ${warnings.length} warnings`,
      findings: [...errors, ...warnings].map((m) =>
        `${m.subType ?? m.type} at ${m.lastLine ?? '?'}:${m.lastColumn ?? '?'}: ${m.message} ${m.extract ?? ''}`.trim(),
      ),
    });
  }
  return verdicts;
}
