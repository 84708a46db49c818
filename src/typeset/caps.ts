/**
 * Acronyms in running text (CCTV, CEO, AI, USA, COVID-19's COVID), set in small caps as a
 * book sets them: words of two or more capital letters, digits allowed after the first
 * (MP3), a plural s left out (CCTVs). Roman numerals written with I, V, X and L (II, XIV,
 * XXI, LX: centuries, regnal and chapter numbers) are numbers, not acronyms, and are left
 * alone; those with C, D or M are too often real acronyms (CD, DC, MD, CV) to guess.
 */

export interface CapsPiece {
  text: string;
  caps: boolean;
}

const WORD = /(?<![\p{L}\p{N}\p{M}])\p{Lu}[\p{Lu}\p{N}]*(?=s?(?![\p{L}\p{N}\p{M}]))/gu;
const ROMAN = /^(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

export function isAcronym(word: string): boolean {
  return (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !ROMAN.test(word);
}

/** A text cut into pieces, the acronyms apart; a text without one is a single piece. */
export function splitAcronyms(text: string): CapsPiece[] {
  const pieces: CapsPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (!isAcronym(match[0])) continue;
    if (match.index > last) pieces.push({ text: text.slice(last, match.index), caps: false });
    pieces.push({ text: match[0], caps: true });
    last = match.index + match[0].length;
  }
  if (last < text.length || pieces.length === 0)
    pieces.push({ text: text.slice(last), caps: false });
  return pieces;
}
