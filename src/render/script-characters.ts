/**
 * The characters of the scripts the text face (Source Serif 4) does not draw and the Noto
 * families of script-fonts.ts do: a cheap test, so that an edition without any (the common
 * case) never loads those families' code or files.
 */
export const SCRIPT_CHARACTERS =
  /[\u0590-\u08ff\u0900-\u097f\u1100-\u11ff\u1cd0-\u1cf9\u2e80-\u9fff\ua8e0-\ua8ff\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefc\uff01-\uff9f\u{20000}-\u{3134f}]/u;
