/**
 * The characters of the scripts the text face (Source Serif 4) does not draw and the Noto
 * families of script-fonts.ts do: a cheap test, so that an edition without any (the common
 * case) never loads those families' code or files.
 */
export const SCRIPT_CHARACTERS =
  /[\u0590-\u08ff\u0900-\u097f\u1100-\u11ff\u1cd0-\u1cf9\u2e80-\u9fff\ua8e0-\ua8ff\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefc\uff01-\uff9f\u{20000}-\u{3134f}]/u;

/** Han with its extensions, kana, bopomofo and Hangul syllables. */
const IDEOGRAPHS =
  '\\u2e80-\\u2fdf\\u3040-\\u30ff\\u3100-\\u312f\\u3190-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\u{20000}-\\u{3134f}';

/** A Chinese, Japanese or Korean character: a line may break before or after any of them. */
export const IDEOGRAPHIC = new RegExp(`[${IDEOGRAPHS}]`, 'u');

/** Those, with CJK punctuation and the full-width forms: each is set in a square, one em wide. */
export const FULL_WIDTH = new RegExp(`[${IDEOGRAPHS}\\u3000-\\u303f\\uff01-\\uff60]`, 'u');
