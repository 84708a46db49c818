/**
 * What the typographic pass (typography.ts) knows of each language: its quotation marks,
 * the abbreviations and titles a no-break space follows, the elisions that start a word,
 * and the spacing of the languages whose punctuation is spaced (French) or never is
 * (Chinese, Japanese).
 */

/** A regular expression and what a match becomes. */
export type Rule = [RegExp, string | ((match: string, at: number, text: string) => string)];

export const NBSP = '\u00a0';
/** The narrow no-break space French sets inside guillemets and before ; : ! ? */
export const NNBSP = '\u202f';

/**
 * Outer open and close, inner open and close, after CLDR's delimiters. Spanish and European
 * Portuguese take « » first and “ ” inside, as the RAE's Ortografía and Portugal's style
 * guides set books; Brazilian Portuguese takes “ ” and ‘ ’. A straight " becomes the outer
 * pair, a straight ' the inner pair or, between letters and in elisions, the apostrophe ’.
 */
const QUOTES: Record<string, string> = Object.fromEntries(
  Object.entries({
    '“”‘’': 'en da ko tr zh hi pt-br',
    '«»“”': 'it fr es pt ca gl eu el',
    '„“‚‘': 'de cs sk sl hr et is',
    '«»‹›': 'de-ch fr-ch it-ch fa',
    '«»„“': 'ru uk be',
    '„”«»': 'pl ro',
    '„“‘’': 'sr',
    '„“„“': 'bg lt',
    '“”„“': 'lv',
    '‘’“”': 'nl',
    '””’’': 'sv fi he',
    '«»‘’': 'nb nn no',
    '„”»«': 'hu',
    '”“’‘': 'ar',
    '「」『』': 'ja zh-hant zh-tw zh-hk',
  }).flatMap(([marks, tags]) => tags.split(' ').map((tag) => [tag, marks])),
);

/** The four quote marks of a language tag: its own, its language's, else English's. */
export function quoteMarks(lang: string): [string, string, string, string] {
  const tag = lang.toLowerCase();
  const marks = [...(QUOTES[tag] ?? QUOTES[tag.split('-')[0] ?? tag] ?? '“”‘’')];
  const [open = '“', close = '”', inner = '‘', innerClose = '’'] = marks;
  if (isFrenchSpaced(tag)) return [`${open}${NNBSP}`, `${NNBSP}${close}`, inner, innerClose];
  return [open, close, inner, innerClose];
}

/** French, but not Swiss French, which sets its guillemets and ; : ! ? without spaces. */
export function isFrenchSpaced(tag: string): boolean {
  return /^fr(?!-ch)(?:-|$)/.test(tag);
}

/**
 * Chinese and Japanese: no spaces between words, full-width punctuation that carries its own
 * space. None of the no-break spaces of Latin text applies, and what the author wrote stays.
 */
export function isSpaceless(primary: string): boolean {
  return primary === 'zh' || primary === 'ja';
}

/** Abbreviations a number follows (p. 12, Fig. 2, No. 5, pag. 3, S. 4, Nr. 7). */
export const BEFORE_NUMBERS =
  'pp?|nn?|[Nn]os?|[Ff]igs?|[Vv]ols?|pagg?|capp?|[Tt]abb?|[Aa]rtt?|[Cc]h|[Ss]ecc?|[Ee]qq?|col|S|Nr|Abb|Bd|Kap';
/** Titles that stay with the name after them, per language. */
export const TITLES: Record<string, string> = {
  en: '(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Rev)\\.?',
  it: '(?:[Ss]ig\\.r[ae]|[Ss]ig\\.na|[Dd]ott\\.ssa|[Pp]rof\\.ssa|[Ss]igg?|[Dd]ott|[Pp]rof|[Ii]ng|[Aa]vv|[Aa]rch|Mons|Dr)\\.',
  fr: '(?:MM?\\.|Mmes?\\.?|Mlles?\\.?|Mgr\\.?|Me|Dr\\.?|Pr\\.?)',
  de: '(?:Dr|Prof|Hr|Fr|St)\\.',
  es: '(?:Sr|Sra|Srta|Dr|Dra|D|Dña)\\.',
};

/** Elisions that start a word: an apostrophe, never an opening quote. */
export const ELISIONS: Record<string, string> = {
  en: 'tis|twas|twere|twill|em|til|cause|bout|cept|gainst|neath|nother|round',
  it: 'ndrangheta|ndrin[ae]|ndranghetist[aei]|sto|sta|ste|sti|na',
};

/**
 * Hebrew writes abbreviations and numerals with gershayim (צה״ל) and a transliterated sound
 * with a geresh (ג׳ירפה), typed as " and ' between letters: never quotes nor apostrophes.
 */
export const HEBREW: Rule[] = [
  [/"(?<=\p{sc=Hebrew}")(?=\p{sc=Hebrew})/gu, '\u05f4'],
  [/'(?<=\p{sc=Hebrew}')(?=\p{sc=Hebrew})/gu, '\u05f3'],
];

/** What may close the word before French high punctuation written without its space. */
const WORD_END = '[\\p{L}\\p{N}\\p{M}»)\\]…”’]';

/**
 * French spacing, after the quotes are paired: a narrow no-break space inside « » and before
 * ; : ! ?, replacing a space or put in where the author left none ("Pourquoi?"). A colon is
 * spaced only before a space or the end, so that 10:30 and ISO:8601 stay as written.
 */
export const FRENCH: Rule[] = [
  [/ (?<=« )| (?=[»;:!?])/g, NNBSP],
  [/«(?=[^\s\u202f\u00a0])/g, `«${NNBSP}`],
  [/(?<=[^\s\u202f\u00a0])»/g, `${NNBSP}»`],
  [new RegExp(`[;!?](?<=${WORD_END}[;!?])`, 'gu'), (m) => `${NNBSP}${m}`],
  [new RegExp(`:(?<=${WORD_END}:)(?=\\s|$)`, 'gu'), `${NNBSP}:`],
];
