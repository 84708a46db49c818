/**
 * Every rule build-article checks, by id: its severity and what it is about. The README's
 * "Checks" section lists the same rules; a test keeps the two in step with the code.
 */
import type { Severity } from './findings.js';

export interface Rule {
  severity: Severity;
  summary: string;
}

export const RULES = {
  // Alt text, in each language
  'alt-missing': { severity: 'error', summary: 'an image has no alt text and is not decorative' },
  'alt-decorative-text': {
    severity: 'warning',
    summary: 'a decorative image has alt text, which is not published',
  },
  'alt-file-name': { severity: 'warning', summary: 'the alt text is or looks like a file name' },
  'alt-image-of': {
    severity: 'warning',
    summary: 'the alt text starts with "image of", "foto di"… or says only "image"',
  },
  'alt-too-long': { severity: 'warning', summary: 'the alt text is longer than 250 characters' },
  'alt-same-as-caption': { severity: 'warning', summary: 'the alt text repeats the caption' },
  'alt-untranslated': {
    severity: 'warning',
    summary: 'the same alt text appears in editions of different languages',
  },
  // Between the language editions
  'structure-figures': {
    severity: 'error',
    summary: 'the editions do not show the same image files in the same order',
  },
  'structure-headings': {
    severity: 'error',
    summary: 'the editions do not have the same heading levels in the same order',
  },
  'structure-footnotes': {
    severity: 'error',
    summary: 'the editions do not have the same number of footnotes',
  },
  'structure-tables': {
    severity: 'error',
    summary: 'the editions do not have the same number of tables',
  },
  'structure-math': {
    severity: 'error',
    summary: 'the editions do not have the same formulas in the same order',
  },
  'structure-code': {
    severity: 'error',
    summary: 'the editions do not have the same code blocks (by language) in the same order',
  },
  'structure-callouts': {
    severity: 'error',
    summary: 'the editions do not have the same callouts (by kind) in the same order',
  },
  'front-matter-author': {
    severity: 'error',
    summary: 'the editions do not have the same number of authors, or not the same author-id',
  },
  'front-matter-date': { severity: 'error', summary: 'the editions do not have the same date' },
  'identifier-duplicate': {
    severity: 'error',
    summary: 'two editions have the same identifier',
  },
  'title-untranslated': {
    severity: 'warning',
    summary: 'two editions of different languages have the same title',
  },
  'silence-unused': {
    severity: 'warning',
    summary: 'a silence names a rule that finds nothing in its file',
  },
  // Typesetting
  'hyphenation-unavailable': {
    severity: 'note',
    summary: 'no hyphenation patterns for the language: its PDF is set without hyphenation',
  },
  // The templates' words
  'labels-missing': {
    severity: 'warning',
    summary: 'no labels file for a language, or one without some keys: English words stand in',
  },
  'labels-invalid': {
    severity: 'warning',
    summary: 'a label has other placeholders or plural forms than it needs: English stands in',
  },
  'math-tex': { severity: 'error', summary: 'a formula is TeX that cannot be set' },
  'code-language': {
    severity: 'warning',
    summary: 'a code block names a language that cannot be highlighted: it is shown plain',
  },
  'callout-kind': {
    severity: 'warning',
    summary: 'a quote starts with a [!WORD] that is not a kind of callout',
  },
  // Citations and cross-references
  'cite-unknown': { severity: 'error', summary: 'a citation names a key the bibliography lacks' },
  'cite-locale-unavailable': {
    severity: 'note',
    summary: "no CSL locale for the edition's language: its citations use American English terms",
  },
  'xref-missing': {
    severity: 'error',
    summary: 'a reference (@fig:…, @tbl:…, @eq:…) names a label no figure, table or equation has',
  },
  'xref-duplicate': {
    severity: 'error',
    summary: 'two figures, tables or equations have one label',
  },
  'structure-citations': {
    severity: 'error',
    summary: 'the editions do not cite the same works in the same order',
  },
  'structure-labels': {
    severity: 'error',
    summary: 'the editions do not label the same figures, tables and equations',
  },
  // Untrusted HTML
  'raw-html-removed': {
    severity: 'warning',
    summary: 'raw HTML outside the allowlist was removed from the editions',
  },
  'id-reserved': {
    severity: 'error',
    summary: 'an id written in the article is one the page itself uses (text, title, fn1…)',
  },
  'id-duplicate': { severity: 'error', summary: 'two elements of an edition have the same id' },
  'link-refused': {
    severity: 'error',
    summary: 'a link goes to a javascript:, file:, data: or other URL that cannot be published',
  },
  'link-anchor-missing': {
    severity: 'error',
    summary: 'a link goes to a #id that no heading, footnote or element of the edition has',
  },
  'link-edition-missing': {
    severity: 'error',
    summary: "a link goes to a .md file that is not one of the article's language files",
  },
  'link-broken': {
    severity: 'error',
    summary: 'with --check-links: an external link answers with an error or not at all',
  },
  'images-too-large': {
    severity: 'error',
    summary: 'the images an edition shows add up to more than 64 MB (each use counts)',
  },
  // Reading the files (each stops the build)
  'file-encoding': { severity: 'error', summary: 'a language file is not UTF-8' },
  'heading-id-duplicate': { severity: 'error', summary: 'two headings are given the same {#id}' },
  'file-unreadable': { severity: 'error', summary: 'a language file cannot be read' },
  'glyph-missing': {
    severity: 'error',
    summary: 'a character that no font build-article ships draws (or whose font is not installed)',
  },
  'file-control-character': {
    severity: 'error',
    summary: 'a language file contains a control character (NUL, BEL, ESC…)',
  },
  'file-outside': {
    severity: 'error',
    summary: 'a language file is a symbolic link to a file outside the article folder',
  },
  'file-too-large': { severity: 'error', summary: 'a language file is larger than 8 MB' },
  'markdown-nesting': {
    severity: 'error',
    summary: 'lists or quotes are nested too deep to publish without losing text',
  },
  'front-matter-syntax': {
    severity: 'error',
    summary: 'the front matter is missing, not closed or not valid YAML',
  },
  'front-matter-field': {
    severity: 'error',
    summary: 'a front matter field is missing, unknown or of the wrong type',
  },
  'front-matter-source': {
    severity: 'error',
    summary: 'a source names a language the article does not have, or files name different ones',
  },
  'cite-no-bibliography': {
    severity: 'error',
    summary: 'an edition cites works but its front matter names no bibliography',
  },
  'bibliography-file': {
    severity: 'error',
    summary: 'the bibliography is missing, outside the article folder, too large or not .bib/.json',
  },
  'bibliography-syntax': {
    severity: 'error',
    summary: 'the bibliography is not valid BibTeX or CSL JSON',
  },
  'csl-file': {
    severity: 'error',
    summary: 'the citation style is missing, outside the article folder or too large',
  },
  'csl-style': {
    severity: 'error',
    summary: 'the citation style is not a CSL style citeproc can use',
  },
  'image-missing': { severity: 'error', summary: 'an image file does not exist' },
  'image-remote': { severity: 'error', summary: 'an image is a remote URL (never downloaded)' },
  'image-url': { severity: 'error', summary: 'an image is a data: or other URL, not a file' },
  'image-outside': {
    severity: 'error',
    summary: 'an image path leaves the article folder (../, absolute, symbolic link)',
  },
  'image-not-image': { severity: 'error', summary: 'an image file is not an image' },
  'image-unsupported': {
    severity: 'error',
    summary: 'an image is of a type the editions cannot carry (BMP, TIFF, HEIC…)',
  },
  'image-too-large': { severity: 'error', summary: 'an image file is larger than 50 MB' },
  'image-corrupt': { severity: 'error', summary: 'an image file is corrupt or truncated' },
  'image-too-complex': {
    severity: 'error',
    summary: 'an SVG image has too many elements, too deep, or <use> references that multiply them',
  },
  'image-unsafe-svg': {
    severity: 'error',
    summary: 'an SVG image holds scripts, event handlers or external references',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
