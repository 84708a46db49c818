/**
 * How the script tests read a PDF back: its fonts as pdffonts lists them, and its text as
 * pdftotext gives it, compared with the Markdown paragraph by paragraph.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pdfText } from './parse.js';

const run = promisify(execFile);

export async function pdfFonts(file: string): Promise<{ name: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const m = /^(\S+)\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      return { name: (m?.[1] ?? line).replace(/^[A-Z]{6}\+/, ''), embedded: m?.[2] === 'yes' };
    });
}

/**
 * Text as compared: letters, marks and figures in their order. No spaces or line ends
 * (pdftotext adds some inside Arabic words, and the lines break anywhere), no bidi controls or
 * joiners, no punctuation (the typographic pass sets each language's own quotation marks, and
 * pdftotext puts a mark between a right-to-left word and a figure on the figure's other
 * side), no Arabic short vowels (which it may give before their letter); a hyphen that ends
 * a line joined back; NFKC.
 */
function normal(text: string): string {
  return text
    .replace(/-\n/g, '')
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad]/g, '')
    .replace(/[\u064b-\u065f\u0670]/g, '')
    .replace(/[\p{P}\s]+/gu, '');
}

/** The Markdown's paragraphs of running text, as plain text (a note reference as its number). */
function paragraphs(markdown: string): { body: string[]; note: string } {
  const body = markdown.split(/^---$/m).slice(2).join('---');
  const blocks = body.split(/\n{2,}/).map((b) => b.trim());
  const note = blocks.find((b) => b.startsWith('[^1]:'))?.replace(/^\[\^1\]:\s*/, '') ?? '';
  const text = blocks
    .filter((b) => b !== '' && !/^(#|!\[|\||\[\^)/.test(b))
    .map((b) => b.replace(/\[\^(\d+)\]/g, '$1').replace(/\*\*|_/g, ''));
  return { body: text, note };
}

/**
 * The PDF's text as pdftotext gives it, and the Markdown's paragraphs of running text that
 * are not found in it whole and in order (compared as `normal` text). Folios, the running
 * head, the title and the note (at its page's foot, within a paragraph that may run on to
 * the next page) are taken out first.
 */
export async function textGivenBack(
  file: string,
  markdown: string,
): Promise<{ raw: string; text: string; paragraphs: number; missing: string[] }> {
  const { body, note } = paragraphs(markdown);
  const raw = await pdfText(file);
  const title = /^title:\s*(.*)$/m.exec(markdown)?.[1] ?? '';
  let text = normal(raw.replace(/^[\u202a-\u202e]*\d+[\u202a-\u202e]*$/gm, ''));
  for (const part of [`1${normal(note)}`, normal(note), normal(title), 'TESTAUTHOR']) {
    text = text.split(part).join('');
  }
  const missing = body.filter((paragraph) => !text.includes(normal(paragraph)));
  return { raw, text, paragraphs: body.length, missing };
}
