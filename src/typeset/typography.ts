/**
 * The one typographic pass every string of an edition goes through (body text, front matter,
 * labels): quotes and apostrophes in the language's style, dashes, ellipses, and no-break
 * spaces where a line must not break. Pure, linear in the text's length, and idempotent.
 */

import {
  BEFORE_NUMBERS,
  ELISIONS,
  FRENCH,
  HEBREW,
  isFrenchSpaced,
  isSpaceless,
  NBSP,
  quoteMarks,
  type Rule,
  TITLES,
} from './typography-languages.js';

export { quoteMarks };

/** A piece of a run of text, e.g. one of a paragraph's inline tokens. */
export interface Segment {
  text: string;
  /**
   * Kept exactly as it is (inline code, a line break, an escaped character). To the rules
   * around it, a blank one reads as a space and any other as a word.
   */
  verbatim?: boolean;
}

/** Stand-ins for verbatim segments in the working text: no rule rewrites them. */
const AS_WORD = '\ufffc';
const AS_SPACE = '\n';

/** URLs and e-mail addresses in running text: left exactly as written. */
const URL = /\b(?:[a-z][a-z\d+.-]*:\/\/|www\.|mailto:)[^\s<>]*[^\s<>.,;:!?'"’”»)\]]/giu;
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

/**
 * The working text, cut into runs: each run belongs to a segment, and a fixed run (a verbatim
 * segment's stand-in, a URL) is never rewritten. A run may be empty.
 */
interface Work {
  text: string;
  runs: { start: number; owner: number; fixed: boolean }[];
}

function rules(primary: string): Rule[] {
  const list: Rule[] = [
    [/(?<!\.)\.\.\.(?!\.)/g, '…'],
    [/(?<!-)---(?!-)/g, '—'],
    // Like markdown-it: -- between spaces or between letters, not in "--help".
    [/--(?<=(?:^|\s)--)(?=\s|$)|--(?<=[^\s-]--)(?=[^\s-])/g, '–'],
    // A hyphen typed as a dash between words.
    [/-(?<=\S -)(?= \S)/g, '–'],
    // 2011-2014, pp. 12-15, 10:30-11:30, 1.5-2; not 2024-05-10, 555-1234, COVID-19 or v1.2-3.
    [
      /-(?<=(?<![\p{L}\p{N}\-–.,/:_])\d+(?:[.,:]\d+)*-)(?=\d+(?:[.,:]\d+)*(?![\p{L}\p{N}\-–/_]|[.,:]\d))/gu,
      (m, at, text) => (isPhoneOrZip(text, at) ? m : '–'),
    ],
    // Elisions: ’90s, anni ’30, il ’900, rock ’n’ roll.
    [/'(?<=(?<![\p{L}\p{N}])')(?=\d{2,3}s?(?![\p{L}\p{N}]))/gu, '’'],
    [/'(?<=\s')(?=n'?\s)|'(?<=\s['’]n')(?=\s)/g, '’'],
  ];
  if (primary === 'he') list.push(...HEBREW);
  const elisions = ELISIONS[primary];
  if (elisions) {
    const word = new RegExp(
      `'(?<=(?<![\\p{L}\\p{N}'’])')(?=(?:${elisions})(?![\\p{L}\\p{N}'’]))`,
      'giu',
    );
    list.push([word, '’']);
  }
  return list;
}

/** 555-1234 and 12345-6789 are a phone number and a ZIP code, not ranges. */
function isPhoneOrZip(text: string, at: number): boolean {
  const left = /\d+$/.exec(text.slice(Math.max(0, at - 6), at))?.[0].length ?? 0;
  const right = /^\d+/.exec(text.slice(at + 1, at + 6))?.[0].length ?? 0;
  return right === 4 && (left === 3 || left === 5);
}

function spacingRules(tag: string, primary: string): Rule[] {
  if (isSpaceless(primary)) return [];
  const list: Rule[] = [
    // A spaced dash never starts a line.
    [/ (?=[–—](?:\s|$))/g, NBSP],
    [new RegExp(` (?<=(?<![\\p{L}\\p{N}.])(?:${BEFORE_NUMBERS})\\. )(?=\\d)`, 'gu'), NBSP],
    [/ (?<=§ )(?=\d)/g, NBSP],
  ];
  const titles = TITLES[primary];
  if (titles) {
    list.push([new RegExp(` (?<=(?<![\\p{L}\\p{N}.])${titles} )(?=\\p{Lu})`, 'gu'), NBSP]);
  }
  if (primary === 'de') list.push([/ (?<=(?<!\p{L})[zdus]\. )(?=[Bhaou]\.)/gu, NBSP]);
  if (isFrenchSpaced(tag)) list.push(...FRENCH);
  return list;
}

/**
 * Typesets a run of segments as one text, so that a quote opened in one segment closes in
 * another; returns each segment's new text (verbatim ones as they were). Text marked in
 * another language inside the run (`{lang=de}`) takes the run's quotes: a nested quotation
 * keeps the style of the text around it.
 */
export function typographSegments(segments: readonly Segment[], lang: string): string[] {
  const pass = passFor(lang);
  let work = start(segments);
  for (const rule of pass.before) work = rewrite(work, rule);
  work = quotes(work, pass.marks);
  for (const rule of pass.after) work = rewrite(work, rule);
  return finish(work, segments);
}

/** A language's rules, made once: before the quotes are paired, the marks, the spacing after. */
type Pass = { before: Rule[]; marks: string[]; after: Rule[] };
const passes = new Map<string, Pass>();

function passFor(lang: string): Pass {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  let pass = passes.get(tag);
  if (!pass) {
    pass = { before: rules(primary), marks: quoteMarks(tag), after: spacingRules(tag, primary) };
    passes.set(tag, pass);
  }
  return pass;
}

/** One string, typeset on its own. */
export function typograph(text: string, lang: string): string {
  return typographSegments([{ text }], lang)[0] ?? text;
}

function start(segments: readonly Segment[]): Work {
  const work: Work = { text: '', runs: [] };
  segments.forEach((segment, owner) => {
    const from = work.text.length;
    if (segment.verbatim) {
      if (segment.text === '') return;
      work.runs.push({ start: from, owner, fixed: true });
      work.text += segment.text.trim() === '' ? AS_SPACE : AS_WORD;
      return;
    }
    const text = segment.text;
    const urls = [...text.matchAll(URL), ...(text.includes('@') ? text.matchAll(EMAIL) : [])];
    let at = 0;
    for (const url of urls.sort((x, y) => x.index - y.index)) {
      if (url.index < at) continue;
      work.runs.push({ start: from + at, owner, fixed: false });
      work.runs.push({ start: from + url.index, owner, fixed: true });
      at = url.index + url[0].length;
    }
    work.runs.push({ start: from + at, owner, fixed: false });
    work.text += text;
  });
  return work;
}

function finish(work: Work, segments: readonly Segment[]): string[] {
  const parts = segments.map((s): string[] => (s.verbatim ? [s.text] : []));
  work.runs.forEach((run, i) => {
    if (segments[run.owner]?.verbatim) return;
    parts[run.owner]?.push(work.text.slice(run.start, work.runs[i + 1]?.start));
  });
  return parts.map((p) => p.join(''));
}

/** Whether a position is in a fixed run, for positions asked in increasing order. */
function fixedAt(runs: Work['runs']): (at: number, end?: number) => boolean {
  let r = 0;
  return (at, end = at + 1) => {
    while ((runs[r + 1]?.start ?? Number.POSITIVE_INFINITY) <= at) r++;
    for (let k = r; (runs[k]?.start ?? end) < end; k++) if (runs[k]?.fixed) return true;
    return false;
  };
}

/**
 * Replaces every match of a rule that touches no fixed run. The new text joins the run of the
 * match's first character; a run that started inside the match starts after it.
 */
function rewrite(work: Work, [re, to]: Rule): Work {
  const isFixed = fixedAt(work.runs);
  const edits: { at: number; end: number; length: number }[] = [];
  let text = '';
  let last = 0;
  for (const match of work.text.matchAll(re)) {
    const at = match.index;
    const end = at + match[0].length;
    const out = typeof to === 'string' ? to : to(match[0], at, work.text);
    if (end === at || out === match[0] || isFixed(at, end)) continue;
    text += work.text.slice(last, at) + out;
    edits.push({ at, end, length: out.length });
    last = end;
  }
  if (edits.length === 0) return work;
  text += work.text.slice(last);
  let e = 0;
  let shift = 0;
  const runs = work.runs.map((run) => {
    for (let edit = edits[e]; edit && edit.end <= run.start; edit = edits[++e]) {
      shift += edit.length - (edit.end - edit.at);
    }
    const inside = edits[e];
    const start =
      inside && inside.at < run.start ? inside.at + shift + inside.length : run.start + shift;
    return { ...run, start };
  });
  return { text, runs };
}

const IDEOGRAPHIC = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

function besideIdeograph(text: string, at: number): boolean {
  return IDEOGRAPHIC.test(text[at - 1] ?? '') || IDEOGRAPHIC.test(text[at + 1] ?? '');
}

function kind(c: string | undefined): 'space' | 'punct' | 'word' {
  if (c === undefined || /\s/.test(c)) return 'space';
  return c !== AS_WORD && /[\p{P}\p{S}]/u.test(c) ? 'punct' : 'word';
}

/**
 * Pairs straight quotes as markdown-it's smartquotes does (a quote opens before a word and
 * closes after one; a closing quote takes the nearest opening one of its kind), with two
 * differences: a ' left unmatched is an apostrophe, and the two kinds pair independently
 * (one kind closing does not drop the other's open quotes), so that a second pass finds
 * nothing left to pair and each quote is looked at once.
 */
function quotes(work: Work, [open, close, inner, innerClose]: string[]): Work {
  const decided = new Map<number, string>();
  const openers = { single: [] as number[], double: [] as number[] };
  const text = work.text;
  const isFixed = fixedAt(work.runs);
  for (const { index: i, 0: c } of text.matchAll(/["']/g)) {
    if (isFixed(i)) continue;
    const single = c === "'";
    const before = kind(text[i - 1]);
    const after = kind(text[i + 1]);
    let canOpen = after !== 'space' && (after !== 'punct' || before !== 'word');
    let canClose = before !== 'space' && (before !== 'punct' || after !== 'word');
    // 1"" : the first is an inch mark.
    if (!single && text[i + 1] === '"' && /\d/.test(text[i - 1] ?? '')) canOpen = canClose = false;
    const stack = single ? openers.single : openers.double;
    if (canOpen && canClose && before === 'word' && after === 'word' && besideIdeograph(text, i)) {
      // Chinese and Japanese put no space before a quotation: between two of their
      // characters only the count tells an opening quote from a closing one.
      canClose = stack.length > 0;
      canOpen = !canClose;
    } else if (canOpen && canClose) {
      canOpen = before === 'punct';
      canClose = after === 'punct';
    }
    const opener = canClose ? stack.pop() : undefined;
    if (opener !== undefined) {
      decided.set(opener, (single ? inner : open) as string);
      decided.set(i, (single ? innerClose : close) as string);
    } else if (canOpen) stack.push(i);
    else if (single) decided.set(i, '’');
  }
  for (const at of openers.single) decided.set(at, '’');
  if (decided.size === 0) return work;
  return rewrite(work, [/["']/g, (m, at) => decided.get(at) ?? m]);
}
