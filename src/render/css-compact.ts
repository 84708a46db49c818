/**
 * A stylesheet as an edition carries it: without its comments, which explain the templates
 * to their readers and are a tenth of an EPUB's bytes besides its fonts and images, and
 * without the indentation and blank lines between rules. Strings and everything else are
 * kept as written.
 */

/**
 * A comment (to its end, or the sheet's), or a string: from its quote to the closing one, a
 * line's end or the sheet's, a backslash escaping the character after it. One expression,
 * so that the sheets of every edition are read by the regular expression engine rather
 * than character by character.
 */
const COMMENT_OR_STRING =
  /\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\[\s\S]|\\$)*(?:["\n]|$)|'(?:[^'\\\n]|\\[\s\S]|\\$)*(?:['\n]|$)/g;

export function compactCss(css: string): string {
  return css
    .replace(COMMENT_OR_STRING, (match) => (match.startsWith('/*') ? '' : match))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
